"""No traceback reaches a user: every command, every reader fed garbage, every OS failure.

Each case runs one `briefing` command in this process (Click's CliRunner) inside a
sandbox project, the working folder, which the CLI finds as it finds any project: its
own content/, locales/, packs, settings and delivery log. A case passes when the command
ends with a documented exit status, prints no traceback, raises nothing but SystemExit,
and does not fall through to the CLI's last-resort "internal error" line (which would
mean an exception nobody anticipated: a bug, even if it is reported politely).
"""

from __future__ import annotations

import builtins
import csv
import errno
import fnmatch
import importlib
import io
import os
import pkgutil
import shutil
import subprocess
import sys
import tempfile
import types
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from pipeline.cli.app import main
from pipeline.engine import cache
from pipeline.project import find
from tests.conftest import EPOCH, ROOT, SEED_CONTENT, seed_data
from tests.hostile.test_round2_content import png_header

RAW_TEXT = ROOT / "tests" / "fixtures" / "import" / "en-mixed" / "raw.txt"

DOCUMENTED_STATUSES = {0, 1, 2, 3, 75}


def invoke(*arguments: object, env: dict | None = None) -> Result:
    return CliRunner().invoke(main, [str(a) for a in arguments], env=env)


def assert_clean(result: Result) -> None:
    """A documented status, no traceback, nothing but SystemExit, no last-resort line."""
    assert result.exit_code in DOCUMENTED_STATUSES, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "internal error" not in result.output, result.output


# --- The CLI's last resort: OS errors and unexpected exceptions ----------------------------


def _raise(error: BaseException):
    def fail(*_args, **_kwargs):
        raise error

    return fail


def test_an_os_error_nobody_caught_is_one_line_naming_the_file_and_exits_1(monkeypatch):
    from pipeline.content import loader as content

    error = PermissionError(errno.EACCES, os.strerror(errno.EACCES), "content/x.yaml")
    monkeypatch.setattr(content, "load_all", _raise(error))
    result = invoke("validate", __file__)
    assert result.exit_code == 1
    assert result.stderr == (
        "error: content/x.yaml: Permission denied"
        " (check the permissions of the file and of its folder)\n"
    )
    assert isinstance(result.exception, SystemExit)


def test_an_os_error_with_two_files_names_both(monkeypatch):
    from pipeline.content import loader as content

    error = OSError(errno.EXDEV, os.strerror(errno.EXDEV), "a.tmp", None, "b.yaml")
    monkeypatch.setattr(content, "load_all", _raise(error))
    result = invoke("validate", __file__)
    assert result.exit_code == 1
    assert result.stderr == f"error: a.tmp -> b.yaml: {os.strerror(errno.EXDEV)}\n"


def test_an_os_error_without_a_file_still_says_what_failed(monkeypatch):
    from pipeline.content import loader as content

    monkeypatch.setattr(content, "load_all", _raise(OSError(errno.ENOSPC, "No space left")))
    result = invoke("validate", __file__)
    assert result.exit_code == 1
    assert result.stderr == "error: No space left (free some space and run again)\n"


def test_an_unexpected_exception_is_one_line_with_a_hint_and_exit_1(monkeypatch):
    from pipeline.content import loader as content

    monkeypatch.setattr(content, "load_all", _raise(ZeroDivisionError("boom\nsecond line")))
    result = invoke("validate", __file__)
    assert result.exit_code == 1
    assert result.stderr == (
        "error: internal error: ZeroDivisionError: boom second line"
        " (a bug: rerun with -v for the traceback, and report it)\n"
    )
    assert "Traceback" not in result.output


def test_verbose_shows_the_traceback_of_an_unexpected_exception(monkeypatch):
    from pipeline.content import loader as content

    monkeypatch.setattr(content, "load_all", _raise(ZeroDivisionError("boom")))
    result = invoke("-v", "validate", __file__)
    assert result.exit_code == 1
    assert "Traceback (most recent call last)" in result.stderr
    assert "ZeroDivisionError: boom" in result.stderr
    assert result.stderr.splitlines()[-1].startswith("error: internal error: ZeroDivisionError")


def test_verbose_shows_the_traceback_of_an_os_error(monkeypatch):
    from pipeline.content import loader as content

    monkeypatch.setattr(content, "load_all", _raise(OSError(errno.EROFS, "Read-only", "x")))
    result = invoke("-v", "validate", __file__)
    assert result.exit_code == 1
    assert "Traceback (most recent call last)" in result.stderr
    assert result.stderr.splitlines()[-1].startswith("error: x: Read-only")


def test_a_symlink_loop_met_by_path_resolve_is_reported_as_the_os_error_it_is(
    monkeypatch, tmp_path
):
    from pipeline.content import loader as content

    loop = tmp_path / "portrait.png"
    loop.symlink_to(loop.name)
    monkeypatch.setattr(content, "load_all", lambda _paths: loop.resolve())  # Python < 3.13
    result = invoke("validate", __file__)
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {loop}: Too many levels of symbolic links (a symbolic link leads back to itself)\n"
    )


def test_usage_errors_and_exits_still_pass_through_unchanged():
    assert invoke("no-such-command").exit_code == 2
    assert invoke("validate", "/no/such/file").exit_code == 2
    assert invoke("--version").exit_code == 0


@pytest.mark.parametrize(
    ("error", "status"),
    [(KeyboardInterrupt(), 1), (SystemExit(3), 3)],
    ids=["interrupt", "system-exit"],
)
def test_interrupts_and_exits_are_not_called_bugs(monkeypatch, error, status):
    from pipeline.content import loader as content

    monkeypatch.setattr(content, "load_all", _raise(error))
    result = invoke("validate", __file__)
    assert result.exit_code == status
    assert "internal error" not in result.output


# --- The commands -------------------------------------------------------------------------


def all_commands(group: click.Group = main, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every runnable `briefing` command, found in the Click group (a new one is seen here)."""
    found = []
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            found += all_commands(command, (*prefix, name))
        else:
            found.append((*prefix, name))
    return found


COMMANDS = all_commands()
SLUG = SEED_CONTENT.stem
DATE = "2026-11-27"  # SOURCE_DATE_EPOCH's
NEXT_DATE = "2026-11-28"
PACK = f"output/packs/{DATE}"
SETTINGS = b"""\
[pack]
locales = ["en", "ru"]
formats = ["html"]
jobs = 1

[targets.share]
url = "dir:shared"
"""

# How each command runs in the sandbox, reading what it reads: fast formats and one worker.
RECIPES: dict[tuple[str, ...], list[str]] = {
    ("build",): ["build", "-f", "html,docx", "-j", "1", "-l", "en,ru"],
    ("html",): ["html", "-j", "1", "-l", "en,ru"],
    ("docx",): ["docx", "-j", "1", "-l", "en,ru"],
    ("pdf",): ["pdf", "-j", "1"],
    ("validate",): ["validate"],
    ("schema",): ["schema", "--check"],
    ("import",): ["import", f"{SLUG}.txt", "--out", "imported"],
    ("strings", "extract"): ["strings", "extract"],
    ("strings", "update"): ["strings", "update"],
    ("strings", "check"): ["strings", "check"],
    ("strings", "status"): ["strings", "status"],
    ("strings", "export"): ["strings", "export", "--out", "exported.csv"],
    ("strings", "import"): ["strings", "import", "strings.csv"],
    ("pack",): ["pack", "--deliver", "share"],
    ("verify",): ["verify", PACK],
    ("diff",): ["diff", f"content/{SLUG}.yaml", PACK],
    ("deliver",): ["deliver", PACK, "--to", "share"],
    ("init",): ["init", "new-desk"],
    ("templates",): ["templates"],
    ("serve",): ["serve", "--once", "-l", "en"],  # renders each preview once, serving nothing
}


def recipe(command: tuple[str, ...]) -> list[str]:
    # A command added without a recipe still runs here, bare (and the test below fails).
    return RECIPES.get(command, list(command))


def test_every_command_has_a_recipe():
    assert set(COMMANDS) == set(RECIPES), "add the new command to RECIPES and to its readers"


# --- The sandbox project ------------------------------------------------------------------


def _pipeline_modules() -> list[types.ModuleType]:
    import pipeline

    for info in pkgutil.walk_packages(pipeline.__path__, "pipeline."):
        if not info.name.endswith("__main__"):
            importlib.import_module(info.name)
    return [
        module
        for name, module in sorted(sys.modules.items())
        if module is not None and (name == "pipeline" or name.startswith("pipeline."))
    ]


def _clear_caches(modules: list[types.ModuleType]) -> None:
    for module in modules:
        for value in list(vars(module).values()):
            if getattr(value, "__module__", None) == module.__name__ and hasattr(
                value, "cache_clear"
            ):
                value.cache_clear()


@dataclass
class Project:
    """A sandbox: content with a portrait, locales, settings, a built and delivered pack."""

    root: Path

    @property
    def locales(self) -> Path:
        return self.root / "locales"

    def run(self, *arguments: object, env: dict | None = None) -> Result:
        return invoke(*arguments, env=env)

    def ready(self, *arguments: object) -> None:
        result = self.run(*arguments)
        assert result.exit_code == 0, result.output

    def files(self) -> dict[str, bytes]:
        """Every regular file's bytes, by path (symlinks to packs not followed)."""
        found = {}
        for folder, _dirs, names in os.walk(self.root):
            for name in names:
                path = Path(folder) / name
                if not path.is_symlink():
                    found[path.relative_to(self.root).as_posix()] = path.read_bytes()
        return found


def _portrait(path: Path) -> None:
    from PIL import Image

    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (60, 80), (31, 61, 99)).save(path, format="PNG")


def _create(root: Path) -> None:
    import yaml

    data = seed_data()
    data["image"] = {"file": "assets/portrait.png", "alt": "The ambassador", "credit": "Kabar"}
    (root / "content").mkdir(parents=True)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    (root / "content" / f"{SLUG}.yaml").write_text(text, encoding="utf-8")
    _portrait(root / "content" / "assets" / "portrait.png")
    shutil.copytree(ROOT / "locales", root / "locales")
    (root / "briefing.toml").write_bytes(SETTINGS)
    shutil.copy(RAW_TEXT, root / f"{SLUG}.txt")


def _prepare(project: Project) -> None:
    """What the readers read: outputs, exports, a schema, a pack delivered once."""
    project.ready("schema")
    project.ready(*RECIPES[("build",)])
    project.ready("strings", "export", "--out", "strings.csv")
    project.ready(
        "strings", "export", "--format", "xliff", "--locale", "ru", "--out", "strings.xlf"
    )
    project.ready("pack", "--deliver", "share")
    _changed_translation(project.root / "strings.csv", project.root / "changed.csv")


def _changed_translation(exported: Path, changed: Path) -> None:
    """The export with one Russian translation edited, as a translator sends it back."""
    rows = list(csv.reader(io.StringIO(exported.read_text(encoding="utf-8-sig"))))
    column = rows[0].index("ru")
    row = next(row for row in rows[1:] if row[column])
    row[column] += " (правка)"
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    changed.write_text(buffer.getvalue(), encoding="utf-8")


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("baseline") / "project"
    _create(root)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        patch.chdir(root)
        _clear_caches(_pipeline_modules())
        _prepare(Project(root))
    _clear_caches(_pipeline_modules())
    return root


@pytest.fixture
def project(baseline: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    """A fresh copy of the baseline, the current folder, its locales the ones every module reads."""
    root = Path(shutil.copytree(baseline, tmp_path / "project", symlinks=True))
    monkeypatch.chdir(root)
    _clear_caches(_pipeline_modules())
    found = find()
    assert found.root == root.resolve() and found.locales == root.resolve() / "locales"
    assert cache.Fingerprints(found).catalog_dirs[0] == root.resolve() / "locales"
    yield Project(root)
    _clear_caches(_pipeline_modules())


def test_the_sandbox_builds_and_reads_its_own_copy(project):
    assert (project.root / PACK / "manifest.json").is_file()
    assert (project.root / "output/packs/deliveries.json").is_file()
    assert_clean(project.run("verify", PACK))


# --- Garbage, of every kind ---------------------------------------------------------------

Corrupt = Callable[[Path, bytes, pytest.MonkeyPatch], None]
BINARY = bytes(range(256)) * 32 + b"\0" * 512


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()


def _write(data: bytes) -> Corrupt:
    def corrupt(path: Path, _valid: bytes, _patch: pytest.MonkeyPatch) -> None:
        path.write_bytes(data)

    return corrupt


def _derived(make: Callable[[bytes], bytes]) -> Corrupt:
    def corrupt(path: Path, valid: bytes, _patch: pytest.MonkeyPatch) -> None:
        path.write_bytes(make(valid))

    return corrupt


def _directory(path: Path, _valid: bytes, _patch: pytest.MonkeyPatch) -> None:
    _remove(path)
    path.mkdir()


def _symlink_loop(path: Path, _valid: bytes, _patch: pytest.MonkeyPatch) -> None:
    _remove(path)
    path.symlink_to(path.name)


def _unreadable(path: Path, _valid: bytes, patch: pytest.MonkeyPatch) -> None:
    """chmod 000, and since tests run as root, every open of it for reading is refused."""
    path.chmod(0)
    deny_reading(patch, path)


def deny_reading(patch: pytest.MonkeyPatch, target: Path) -> None:
    denied = os.path.realpath(target)

    def refused(file: object) -> bool:
        if not isinstance(file, str | bytes | os.PathLike):
            return False
        return os.path.realpath(os.fsdecode(file)) == denied

    def guard(opener: Callable) -> Callable:
        def open_unless_denied(file, *args, **kwargs):
            if refused(file):
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fsdecode(file))
            return opener(file, *args, **kwargs)

        return open_unless_denied

    for owner, name in [(builtins, "open"), (io, "open"), (os, "open")]:
        patch.setattr(owner, name, guard(getattr(owner, name)))


def _invalid_utf8(valid: bytes) -> bytes:
    middle = len(valid) // 2
    return valid[:middle] + b"\xff\xfe\xc0\xaf" + valid[middle:]


# Every reader gets these; each reader adds the wrong shapes and huge values of its format.
COMMON_KINDS: dict[str, Corrupt] = {
    "empty": _write(b""),
    "binary": _write(BINARY),
    "invalid-utf8": _derived(_invalid_utf8),
    "directory": _directory,
    "symlink-loop": _symlink_loop,
    "unreadable": _unreadable,
    "truncated": _derived(lambda valid: valid[: len(valid) // 2]),
}


def _deep(opening: bytes, depth: int = 100_000) -> bytes:
    return opening * depth


def _seed_yaml(**changes: object) -> bytes:
    import yaml

    data = {**seed_data(), **changes}
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode()


def _with_answer(text: str) -> bytes:
    data = seed_data()
    data["turns"][0]["answer"].append(text)
    import yaml

    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode()


PO_HEADER = (
    b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: ru\\n"\n'
)
XLIFF_OPEN = (
    b'<?xml version="1.0"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" '
    b'version="2.0" srcLang="en" trgLang="ru">'
)
BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
    + b"".join(
        b'<!ENTITY %s "%s">' % (bytes([98 + i]), bytes([97 + i]).join([b"&", b";"]) * 10)
        for i in range(8)
    )
    + b"]>\n<x>&i;</x>\n"
)

CATALOG_KINDS: dict[str, Corrupt] = {
    "shape-msgid-alone": _write(b'msgid "Summary"\n'),
    "shape-bad-plural-forms": _write(
        PO_HEADER.replace(
            b'"Language', b'"Plural-Forms: nplurals=banana; plural=(n%;\\n"\n"Language'
        )
        + b'\nmsgid "a"\nmsgid_plural "b"\nmsgstr[0] "x"\nmsgstr[9] "y"\n'
    ),
    "shape-stray-keyword": _write(PO_HEADER + b'\nmsgctxt "x"\nmsgfrob "y"\nmsgstr "z"\n'),
    "huge-msgstr": _derived(
        lambda valid: valid + b'\nmsgid "huge"\nmsgstr "' + b"x" * 3_000_000 + b'"\n'
    ),
}
JSON_KINDS: dict[str, Corrupt] = {
    "shape-list": _write(b"[]"),
    "shape-number": _write(b"42"),
    "huge-nesting": _write(_deep(b"[")),
    "huge-number": _write(b'{"date": ' + b"9" * 5000 + b"}"),
}
TOML_SHAPES: dict[str, Corrupt] = {
    "shape-pack-scalar": _write(b"pack = 3\n"),
    "shape-locales-string": _write(b'[pack]\nlocales = "en"\n'),
    "shape-targets-list": _write(b"targets = [1, 2]\n"),
    "shape-url-number": _write(b"[targets.share]\nurl = 7\n"),
    "huge-memory": _write(b"[pack]\nrender_memory = 1" + b"0" * 40 + b"\n"),
    "huge-timeout": _write(b"[pack]\nrender_timeout = inf\n"),
    "huge-jobs": _write(b"[pack]\njobs = 1" + b"0" * 30 + b"\n"),
}


@dataclass(frozen=True)
class Reader:
    """One input: where it lives in the sandbox, the commands that read it, its own garbage."""

    name: str
    path: str  # relative to the sandbox; a glob picks the first match
    commands: dict[tuple[str, ...], list[str] | None]  # None: the command's recipe
    kinds: dict[str, Corrupt] = field(default_factory=dict)
    setup: Callable[[Project], None] | None = None

    def locate(self, project: Project) -> Path:
        matches = sorted(project.root.glob(self.path))
        assert matches, f"the baseline has no {self.path}"
        return matches[0]


def _pyproject(project: Project) -> None:
    (project.root / "briefing.toml").unlink()
    table = SETTINGS.replace(b"[pack]", b"[tool.briefing.pack]")
    table = table.replace(b"[targets.", b"[tool.briefing.targets.")
    (project.root / "pyproject.toml").write_bytes(b'[project]\nname = "desk"\n\n' + table)


BUILDERS = {command: None for command in [("build",), ("html",), ("docx",), ("pdf",), ("pack",)]}
TRANSLATED = {
    **{command: None for command in [("build",), ("html",), ("docx",), ("pack",)]},
    **{("strings", name): None for name in ["update", "check", "status", "export", "import"]},
}
PACK_READERS = {("pack",): None, ("deliver",): None}
FROM_CACHE = {("pack",): ["pack", "--date", NEXT_DATE, "--deliver", "share"]}

READERS = [
    Reader(
        "content",
        f"content/{SLUG}.yaml",
        {
            **BUILDERS,
            ("validate",): None,
            **{("strings", name): None for name in ["extract", "update", "status", "export"]},
            ("import",): ["import", f"{SLUG}.txt", "--out", "content", "--force", "--keep-brief"],
        },
        {
            "shape-list": _write(b"- slug: x\n- title: y\n"),
            "shape-scalar": _write(b"42\n"),
            "shape-wrong-types": _derived(
                lambda _: _seed_yaml(slug=[1], turns="many", image="portrait.png", brief=None)
            ),
            "shape-impossible-date": _derived(
                lambda valid: valid.replace(b"published: ", b"published: 2026-13-45 #", 1)
            ),
            "huge-integer": _derived(
                lambda _: _seed_yaml(handling=None) + b"extra: " + b"9" * 5000
            ),
            "huge-word": _derived(lambda _: _with_answer("x" * 1_000_000)),
            "huge-nesting": _write(b"slug: " + _deep(b"[")),
        },
    ),
    Reader(
        "asset",
        "content/assets/portrait.png",
        {**BUILDERS, ("validate",): None},
        {
            "shape-text": _write(b"not a picture\n"),
            "shape-svg": _write(b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
            "huge-dimensions": _write(png_header(100_000, 100_000)),
        },
    ),
    Reader("interface-catalog", "locales/ru/LC_MESSAGES/messages.po", TRANSLATED, CATALOG_KINDS),
    Reader("content-catalog", f"locales/ru/content/{SLUG}.po", TRANSLATED, CATALOG_KINDS),
    Reader(
        "interface-template",
        "locales/messages.pot",
        {("strings", "status"): None, ("strings", "export"): None},
        CATALOG_KINDS,
    ),
    Reader(
        "content-template",
        f"locales/content/{SLUG}.pot",
        {("strings", "export"): None},
        CATALOG_KINDS,
    ),
    Reader(
        "csv",
        "strings.csv",
        {("strings", "import"): None},
        {
            "shape-wrong-header": _write(b"a,b\n1,2\n"),
            "shape-short-rows": _derived(
                lambda valid: valid.splitlines()[0] + b"\ninterface\n,,\n"
            ),
            "shape-unknown-locale": _write(b"catalog,key,en,xx\ninterface,k,Summary,X\n"),
            "shape-unknown-catalog": _write(b"catalog,key,en,ru\nnowhere,k,Summary,X\n"),
            "huge-cell": _derived(
                lambda valid: valid + b'interface,k,"' + b"x" * 200_000 + b'",y\n'
            ),
        },
    ),
    Reader(
        "xliff",
        "strings.xlf",
        {("strings", "import"): ["strings", "import", "strings.xlf"]},
        {
            "shape-not-xliff": _write(b"<html><body>hello</body></html>"),
            "shape-unit-without-segment": _write(
                XLIFF_OPEN + b'<file id="interface"><unit id="u1"/></file></xliff>'
            ),
            "shape-file-without-id": _write(
                XLIFF_OPEN + b'<file><unit id="u1" name="k"><segment><source>Summary</source>'
                b"<target>X</target></segment></unit></file></xliff>"
            ),
            "shape-external-entity": _write(
                b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/hostname">]>'
                + XLIFF_OPEN[22:].replace(b">", b">&e;", 1)
                + b"</xliff>"
            ),
            "huge-entity-expansion": _write(BILLION_LAUGHS),
        },
    ),
    Reader("settings", "briefing.toml", PACK_READERS, TOML_SHAPES),
    Reader(
        "pyproject",
        "pyproject.toml",
        PACK_READERS,
        {
            "shape-tool-string": _write(b'tool = "briefing"\n'),
            "shape-briefing-scalar": _write(b"[tool]\nbriefing = 3\n"),
            "shape-pack-list": _write(b"[tool.briefing]\npack = []\n"),
        },
        setup=_pyproject,
    ),
    Reader(
        "manifest",
        f"{PACK}/manifest.json",
        {("verify",): None, ("deliver",): None, ("pack",): None},
        {
            **JSON_KINDS,
            "shape-files-scalar": _write(b'{"files": 7, "archive": {"path": "x.zip"}}'),
            "shape-entry-wrong": _write(b'{"files": [{"path": 3}], "archive": {"path": 3}}'),
            "shape-path-escapes": _write(
                b'{"files": [{"path": "../../../../etc/hostname", "sha256": "0", "size": 1}],'
                b' "archive": {"path": "../../x.zip"}}'
            ),
        },
    ),
    Reader("note", f"{PACK}/en/{SLUG}.html", {("verify",): None, ("deliver",): None}),
    Reader("archive", f"{PACK}/*.zip", {("verify",): None, ("deliver",): None}),
    Reader("cache-description", "output/packs/.cache/*/*.json", FROM_CACHE, JSON_KINDS),
    Reader("cache-data", "output/packs/.cache/*/*.out", FROM_CACHE),
    Reader(
        "delivery-log",
        "output/packs/deliveries.json",
        PACK_READERS,
        {
            **JSON_KINDS,
            "shape-deliveries-scalar": _write(b'{"deliveries": 3}'),
            "shape-record-scalar": _write(b'{"deliveries": [3]}'),
            "shape-record-wrong": _write(b'{"deliveries": [{"date": 1}]}'),
        },
    ),
    Reader(
        "lock",
        "output/packs/.lock",
        PACK_READERS,
        {
            "shape-list": _write(b"[1]\n"),
            "shape-wrong-types": _write(b'{"pid": "x", "host": 3, "started": []}\n'),
            "huge-nesting": _write(_deep(b"[")),
        },
    ),
    Reader("schema", "content/interview.schema.json", {("schema",): None}),
    Reader(
        "raw-text",
        f"{SLUG}.txt",
        {("import",): None},
        {
            "shape-yaml": _derived(lambda _: SEED_CONTENT.read_bytes()),
            "shape-markup": _write(b"<html><script>alert(1)</script><p>Q: hello?</p></html>\n"),
            "huge-size": _write(b"Q: why?\nA: because.\n" * 400_000),
        },
    ),
]


def _reader_cases() -> list:
    cases = []
    for reader in READERS:
        primary = next(iter(reader.commands))
        for kind in [*COMMON_KINDS, *reader.kinds]:
            for command in reader.commands:
                case_id = f"{reader.name}-{kind}-{'-'.join(command)}"
                # The fast run feeds each reader every kind through one command.
                slow = command != primary or kind.startswith("huge-") or command == ("pdf",)
                marks = _marks(case_id, slow)
                cases.append(pytest.param(reader, kind, command, id=case_id, marks=marks))
    return cases


def _marks(case_id: str, slow: bool) -> list:
    reasons = [reason for pattern, reason in KNOWN.items() if fnmatch.fnmatchcase(case_id, pattern)]
    marks = [pytest.mark.xfail(strict=True, reason=reasons[0])] if reasons else []
    return [*marks, pytest.mark.slow] if slow else marks


# Known failures, by case-id pattern (fnmatch) -> reason: each runs as a strict xfail, so
# the fix that makes it pass says so. Empty: every case passes.
KNOWN: dict[str, str] = {}
# Garbage that leaves a valid input: an empty pyproject.toml has no [tool.briefing], so the
# defaults apply and the error (an unknown target) rightly does not name the file.
VALID_AFTER_ALL = {"pyproject-empty"}


@pytest.mark.parametrize(("reader", "kind", "command"), _reader_cases())
def test_garbage_in_a_reader_ends_in_a_clean_error(project, monkeypatch, reader, kind, command):
    if reader.setup:
        reader.setup(project)
    path = reader.locate(project)
    corrupt = COMMON_KINDS.get(kind) or reader.kinds[kind]
    corrupt(path, path.read_bytes(), monkeypatch)
    result = project.run(*(reader.commands[command] or recipe(command)))
    assert_clean(result)
    if result.exit_code and f"{reader.name}-{kind}" not in VALID_AFTER_ALL:
        assert _names(result.stderr, path, project.root), result.stderr


def _names(text: str, path: Path, root: Path) -> bool:
    """Whether an error names `path` (by its path, relative or not, or by its name)."""
    forms = (path, path.relative_to(root), path.name, os.path.realpath(path))
    return any(str(form) in text for form in forms)


# --- Environment variables and arguments with junk ----------------------------------------

JUNK_ENVIRONMENT = {
    "epoch-empty": {"SOURCE_DATE_EPOCH": ""},
    "epoch-word": {"SOURCE_DATE_EPOCH": "yesterday"},
    "epoch-float": {"SOURCE_DATE_EPOCH": "1.5e9"},
    "epoch-huge": {"SOURCE_DATE_EPOCH": "9" * 40},
    "epoch-negative": {"SOURCE_DATE_EPOCH": "-99999999999999"},
    "epoch-not-utf8": {"SOURCE_DATE_EPOCH": "17957\udcff"},
    "tz-unknown": {"TZ": "Nowhere/Land\udcff"},
}


def _commands(*fast: tuple[str, ...]) -> list:
    """Every command, those not in `fast` marked slow."""
    return [
        pytest.param(
            command, id="-".join(command), marks=[] if command in fast else [pytest.mark.slow]
        )
        for command in COMMANDS
    ]


@pytest.mark.parametrize("command", _commands(("build",), ("pack",)))
@pytest.mark.parametrize("junk", JUNK_ENVIRONMENT)
def test_junk_in_the_environment_ends_in_a_clean_error(project, command, junk):
    result = project.run(*recipe(command), env=JUNK_ENVIRONMENT[junk])
    assert_clean(result)
    if result.exit_code and "SOURCE_DATE_EPOCH" in JUNK_ENVIRONMENT[junk]:
        assert "SOURCE_DATE_EPOCH" in result.stderr, result.stderr


@pytest.mark.parametrize("command", _commands(("build",), ("pack",), ("strings", "import")))
@pytest.mark.parametrize(
    "junk",
    [["\udcff\udcfe"], ["loop"], ["--no-such-option"], ["--out", "loop"], ["-"], [""]],
    ids=["not-utf8", "symlink-loop", "unknown-option", "out-is-a-loop", "dash", "empty"],
)
def test_junk_arguments_end_in_a_clean_error(project, command, junk):
    (project.root / "loop").symlink_to("loop")
    assert_clean(project.run(*command, *junk))


# --- The system refuses writes: disk full, read-only, no permission ------------------------

# Each writing command, set to write again what the baseline already wrote.
WRITERS: dict[tuple[str, ...], list[str]] = {
    ("build",): RECIPES[("build",)],
    ("pack",): ["pack", "--rebuild", "--force", "--deliver", "share"],
    ("deliver",): ["deliver", PACK, "--to", "share", "--force"],
    ("strings", "update"): ["strings", "update"],
    ("strings", "extract"): ["strings", "extract"],
    ("strings", "import"): ["strings", "import", "changed.csv"],
    ("strings", "export"): ["strings", "export", "--out", "strings.csv"],
    ("schema",): ["schema"],
    ("import",): ["import", f"{SLUG}.txt", "--out", "content", "--force"],
    ("init",): RECIPES[("init",)],
}
FAULTS = {"ENOSPC": errno.ENOSPC, "EROFS": errno.EROFS, "EACCES": errno.EACCES}


def refuse_writes(patch: pytest.MonkeyPatch, root: Path, code: int, only_replace: bool) -> None:
    """Every way the pipeline writes under `root` fails with `code`; or only the final rename."""
    root = Path(os.path.realpath(root))

    def inside(file: object, dir_fd: int | None = None) -> bool:
        if isinstance(file, int):
            file = os.readlink(f"/proc/self/fd/{file}")
        elif not isinstance(file, str | bytes | os.PathLike):
            return False
        folder = os.readlink(f"/proc/self/fd/{dir_fd}") if dir_fd is not None else os.getcwd()
        return Path(os.path.realpath(os.path.join(folder, os.fsdecode(file)))).is_relative_to(root)

    def fail(file: object) -> None:
        name = os.fsdecode(file) if not isinstance(file, int) else None
        raise OSError(code, os.strerror(code), name)

    def refusing(function: Callable, writes: Callable[..., bool]) -> Callable:
        def refused(*args, **kwargs):
            if args and inside(args[0], kwargs.get("dir_fd")) and writes(*args, **kwargs):
                fail(args[0])
            return function(*args, **kwargs)

        return refused

    always = lambda *_args, **_kwargs: True  # noqa: E731
    patch.setattr(os, "replace", refusing(os.replace, always))
    if only_replace:
        return
    write_flags = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC

    def opens_for_writing(_file, mode="r", *_args, **_kwargs) -> bool:
        return any(letter in mode for letter in "wax+")

    for owner in (builtins, io):
        patch.setattr(owner, "open", refusing(owner.open, opens_for_writing))
    patch.setattr(os, "open", refusing(os.open, lambda _f, flags, *_a, **_k: flags & write_flags))
    for name in ("mkdir", "rename", "symlink", "fsync", "ftruncate", "pwrite", "chmod", "utime"):
        patch.setattr(os, name, refusing(getattr(os, name), always))
    if code != errno.ENOSPC:  # a full disk still lets files be removed
        for name in ("unlink", "rmdir"):
            patch.setattr(os, name, refusing(getattr(os, name), always))


def _fault_cases() -> list:
    cases = []
    for command in WRITERS:
        for fault in FAULTS:
            for where in ("everywhere", "at-rename"):
                case_id = f"{'-'.join(command)}-{fault}-{where}"
                marks = _marks(f"fault-{case_id}", slow=fault != "ENOSPC")
                cases.append(pytest.param(command, fault, where, id=case_id, marks=marks))
    return cases


@pytest.mark.parametrize(("command", "fault", "where"), _fault_cases())
def test_a_write_the_system_refuses_is_one_clean_error_and_loses_nothing(
    project, command, fault, where
):
    before = project.files()
    with pytest.MonkeyPatch.context() as patch:
        refuse_writes(patch, project.root, FAULTS[fault], only_replace=where == "at-rename")
        result = project.run(*WRITERS[command])
    assert_clean(result)
    assert result.exit_code != 0, result.output
    assert os.strerror(FAULTS[fault]) in result.stderr, result.stderr
    assert _names_a_file_of(result.stderr, before, project.root), result.stderr
    after = project.files()
    assert {path: data for path, data in after.items() if path in before} == before, "lost"
    assert [path for path in after if path not in before] == [], "left behind"


def _names_a_file_of(text: str, files: dict[str, bytes], root: Path) -> bool:
    """Whether `text` names one of the sandbox's files or folders (by a path, not a word)."""
    paths = set(files) | {Path(name).parent.as_posix() for name in files}
    return str(root) in text or any(p in text for p in paths if "/" in p or "." in p[1:])


# --- As a real process ---------------------------------------------------------------------

BUG_PROBE = """
import sys
from pipeline.cli import main
from pipeline.content import loader

def broken(*_args, **_kwargs):
    return 1 / 0

loader.load_all = broken
main(sys.argv[1:], prog_name="briefing")
"""


@pytest.mark.slow
@pytest.mark.parametrize("verbose", [False, True], ids=["plain", "verbose"])
def test_a_bug_in_a_real_process_is_one_line_and_its_traceback_only_under_verbose(verbose):
    arguments = [*(["-v"] if verbose else []), "validate", str(SEED_CONTENT)]
    result = subprocess.run(
        [sys.executable, "-c", BUG_PROBE, *arguments], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 1
    last = "error: internal error: ZeroDivisionError: division by zero (a bug: rerun with -v"
    assert result.stderr.splitlines()[-1].startswith(last)
    assert ("Traceback (most recent call last)" in result.stderr) is verbose
    if not verbose:
        assert len(result.stderr.splitlines()) == 1


def _as_nobody() -> list[str] | None:
    """The command prefix that runs a process as `nobody`, if this machine lets it run Python."""
    prefix = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
    if os.geteuid() != 0 or not shutil.which("setpriv"):
        return None
    probe = subprocess.run([*prefix, sys.executable, "-c", "import click"], capture_output=True)
    return prefix if probe.returncode == 0 else None


@pytest.mark.slow
@pytest.mark.skipif(_as_nobody() is None, reason="cannot run this Python as nobody here")
def test_a_file_nobody_may_read_is_named_with_its_reason():
    """A real EACCES, not a simulated one: the content file is found in content/, not named."""
    folder = Path(tempfile.mkdtemp(prefix="briefing-nobody-"))
    try:
        (folder / "content").mkdir(mode=0o755)
        (folder / "briefing.toml").touch(mode=0o644)  # a project nobody may read only a file of
        folder.chmod(0o755)
        secret = Path(shutil.copy(SEED_CONTENT, folder / "content" / SEED_CONTENT.name))
        secret.chmod(0)
        result = subprocess.run(
            [*_as_nobody(), sys.executable, "-m", "pipeline", "validate"],
            capture_output=True,
            text=True,
            cwd=folder,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
    finally:
        shutil.rmtree(folder)
    assert result.returncode in (1, 2), result.stderr
    assert f"content/{SEED_CONTENT.name}" in result.stderr, result.stderr
    assert "Permission denied" in result.stderr
    assert "Traceback" not in result.stderr
