"""The package's shape: no import cycle between its modules, and no module too long to read.

`make lint` checks the layers with import-linter ([tool.importlinter] in pyproject.toml);
a cycle inside one layer breaks no layers contract, so this test looks for every cycle,
counting imports inside functions and under TYPE_CHECKING as imports (grimp does).
"""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Iterator

import grimp
import pytest

from tests.conftest import ROOT

MAX_LINES = 400


def import_cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Every strongly connected component of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            module, imported = work[-1]
            for other in imported:
                if other not in index:
                    index[other] = low[other] = len(index)
                    stack.append(other)
                    on_stack.add(other)
                    work.append(
                        (other, iter(sorted(graph.find_modules_directly_imported_by(other))))
                    )
                    break
                if other in on_stack:
                    low[module] = min(low[module], index[other])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[module])
                if low[module] == index[module]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == module:
                            break
                    if len(component) > 1:
                        cycles.append(sorted(component))
    return cycles


def test_no_import_cycle_between_the_pipelines_modules():
    graph = grimp.build_graph("pipeline", cache_dir=None)
    assert import_cycles(graph) == []


@pytest.fixture
def tangled(tmp_path, monkeypatch) -> Iterator[grimp.ImportGraph]:
    """A package whose cycles hide where a top-level scan would not look."""
    package = tmp_path / "tangled"
    modules = {
        "__init__.py": "",
        "a.py": "def later():\n    from tangled import b\n",  # a lazy import
        "b.py": "from tangled import a\n",
        "c.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from tangled import d\n",
        "d.py": "import tangled.c\n",
        "e.py": "from tangled import a\n",  # imports into a cycle, but is in none
    }
    package.mkdir()
    for name, text in modules.items():
        (package / name).write_text(textwrap.dedent(text))
    monkeypatch.syspath_prepend(str(tmp_path))
    yield grimp.build_graph("tangled", cache_dir=None)
    sys.modules.pop("tangled", None)


def test_cycles_through_lazy_and_type_checking_imports_are_found(tangled):
    assert import_cycles(tangled) == [["tangled.a", "tangled.b"], ["tangled.c", "tangled.d"]]


def test_no_module_is_over_400_lines():
    lengths = {
        str(path.relative_to(ROOT)): len(path.read_text(encoding="utf-8").splitlines())
        for path in sorted((ROOT / "pipeline").rglob("*.py"))
    }
    assert {path: n for path, n in lengths.items() if n > MAX_LINES} == {}


def test_the_layers_contract_names_every_stage():
    """A new stage package left out of [tool.importlinter] would be checked by nothing."""
    import tomllib

    settings = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = {c["id"]: c for c in settings["tool"]["importlinter"]["contracts"]}
    layered = {name.strip() for layer in contracts["stages"]["layers"] for name in layer.split("|")}
    low_level = set(contracts["low-level"]["source_modules"])
    packages = {
        f"pipeline.{path.stem if path.is_file() else path.name}"
        for path in (ROOT / "pipeline").iterdir()
        if (path.is_dir() and (path / "__init__.py").is_file())
        or (path.suffix == ".py" and path.stem not in ("__init__", "__main__"))
    }
    assert packages - layered - low_level - {"pipeline.builtin"} == set()
    assert set(contracts["low-level"]["forbidden_modules"]) == layered
