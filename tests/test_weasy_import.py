"""WeasyPrint's lean import (issue 17): its C declarations parsed once and kept, fontTools'
subsetter and instancer imported only when used, and the same PDF as the normal import.

Times belong in `make bench`; these tests check the mechanisms and the bytes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pipeline.render import weasy_ffi
from pipeline.render.lean_import import DeferredModule
from tests.conftest import ROOT

MODULE = '''\
import cffi

ffi = cffi.FFI()
ffi.cdef("""
    int answer (void);
""")

lib = ffi.dlopen("libanswer.so")
'''


def test_the_declarations_are_split_out_of_a_module_of_the_expected_shape():
    split = weasy_ffi.split_module(MODULE, "ffi.py")
    assert split is not None and split.declarations == "\n    int answer (void);\n"
    namespace: dict = {}
    exec(split.before, namespace)
    assert "cffi" in namespace and "ffi" not in namespace and "lib" not in namespace
    assert "lib" in split.after.co_names and "cdef" not in split.after.co_names


@pytest.mark.parametrize(
    "changed",
    [
        MODULE.replace("cffi.FFI()", "cffi.FFI(backend)"),  # another FFI than the plain one
        MODULE.replace('ffi.cdef("""', 'ffi.cdef(PREFIX + """'),  # not one constant
        MODULE.replace('""")\n', '""", override=True)\n'),  # an option cffi would honour
        MODULE.replace("\nlib =", '\nffi.cdef("int more (void);")\nlib ='),  # a second cdef
        MODULE.replace("ffi = cffi.FFI()\n", "ffi = cffi.FFI()\nffi.set_unicode(True)\n"),
    ],
    ids=["ffi-arguments", "computed-text", "cdef-option", "second-cdef", "statement-between"],
)
def test_any_other_shape_is_left_to_the_normal_import(changed):
    assert weasy_ffi.split_module(changed, "ffi.py") is None


def test_weasyprints_own_module_has_the_expected_shape():
    import importlib.util

    spec = importlib.util.find_spec(weasy_ffi.TARGET)
    assert spec is not None and spec.origin
    split = weasy_ffi.split_module(Path(spec.origin).read_text(encoding="utf-8"), spec.origin)
    assert split is not None and "pango_layout_new" in split.declarations


def test_the_cache_key_follows_the_declarations():
    assert weasy_ffi.cache_key("int a (void);") == weasy_ffi.cache_key("int a (void);")
    assert weasy_ffi.cache_key("int a (void);") != weasy_ffi.cache_key("int b (void);")


# --- Stand-in modules -----------------------------------------------------------------------


@pytest.fixture
def package(tmp_path, monkeypatch):
    """A package `standin_sample` that counts how often it was run."""
    root = tmp_path / "standin_sample"
    root.mkdir()
    (root / "__init__.py").write_text(
        "import builtins\nbuiltins.standin_runs = getattr(builtins, 'standin_runs', 0) + 1\n"
        "def double(x):\n    return 2 * x\nCONSTANT = 7\n"
    )
    (root / "part.py").write_text("PART = 'part'\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr("builtins.standin_runs", 0, raising=False)
    for name in ("standin_sample", "standin_sample.part"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    yield "standin_sample"
    for name in ("standin_sample", "standin_sample.part"):
        sys.modules.pop(name, None)


def runs() -> int:
    import builtins

    return builtins.standin_runs  # type: ignore[attr-defined]


def test_a_stand_in_imports_its_module_only_when_a_name_of_it_is_used(package):
    sys.modules[package] = DeferredModule(package, ("double",))
    from standin_sample import double  # bound ahead of use, as WeasyPrint does

    assert runs() == 0 and getattr(sys.modules[package], "__file__", None) is None
    assert double(21) == 42 and runs() == 1
    assert sys.modules[package] is not None and not isinstance(sys.modules[package], DeferredModule)
    stand_in = DeferredModule(package, ())
    assert stand_in.CONSTANT == 7 and runs() == 1  # the real module, imported once


def test_a_submodule_of_a_stand_in_imports_as_usual(package):
    sys.modules[package] = DeferredModule(package, ())
    from standin_sample.part import PART

    assert PART == "part"


# --- In a fresh interpreter, as a build runs it ------------------------------------------------

PROBE = textwrap.dedent(
    """
    import json, sys
    lean = sys.argv[1] == "lean"
    if lean:
        from pipeline.render.lean_import import import_weasyprint
        import_weasyprint()
    import weasyprint
    from weasyprint.text import ffi
    from pipeline.render import selector_cache
    html = "<html lang=en><body><h1>Declarations</h1><p>Parsed once, laid out as ever.</p>"
    pdf = weasyprint.HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
    open(sys.argv[2], "wb").write(pdf)
    print(json.dumps({
        "ffi": type(ffi.ffi).__module__ + "." + type(ffi.ffi).__name__,
        "parsed": "pycparser" in sys.modules,
        "varLib": "fontTools.varLib" in sys.modules,
        "selectors compiled": selector_cache.compiled_here if lean else None,
    }))
    """
)


def probe(mode: str, cache: Path, pdf: Path) -> dict:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "SOURCE_DATE_EPOCH": "1795766400"}
    result = subprocess.run(
        [sys.executable, "-c", PROBE, mode, str(pdf)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_the_declarations_are_parsed_once_and_the_pdf_is_the_normal_imports(tmp_path):
    cache = tmp_path / "cache"
    first = probe("lean", cache, tmp_path / "first.pdf")
    kept = list((cache / "briefing" / "cffi").glob("weasyprint-*.py"))
    assert first["parsed"] and len(kept) == 1  # parsed this once, and kept
    assert first["selectors compiled"] > 100 and (cache / "briefing" / "selectors").is_dir()
    second = probe("lean", cache, tmp_path / "second.pdf")
    assert second == {
        "ffi": "_cffi_backend.FFI",
        "parsed": False,
        "varLib": False,
        "selectors compiled": 0,
    }
    normal = probe("normal", cache, tmp_path / "normal.pdf")
    assert normal["parsed"] and normal["ffi"] == "cffi.api.FFI"
    assert (tmp_path / "second.pdf").read_bytes() == (tmp_path / "normal.pdf").read_bytes()
    assert (tmp_path / "first.pdf").read_bytes() == (tmp_path / "normal.pdf").read_bytes()


@pytest.mark.slow
def test_a_broken_cache_file_means_the_normal_import(tmp_path):
    cache = tmp_path / "cache"
    probe("lean", cache, tmp_path / "first.pdf")
    (kept,) = (cache / "briefing" / "cffi").glob("weasyprint-*.py")
    header = kept.read_text(encoding="utf-8").splitlines()[0]
    kept.write_text(header + "\nffi = 'not an FFI'\n", encoding="utf-8")
    broken = probe("lean", cache, tmp_path / "broken.pdf")
    assert broken["parsed"] and broken["ffi"] == "_cffi_backend.FFI"  # parsed to write it anew
    assert (tmp_path / "broken.pdf").read_bytes() == (tmp_path / "first.pdf").read_bytes()
    assert "not an FFI" not in kept.read_text(encoding="utf-8")
    assert probe("lean", cache, tmp_path / "mended.pdf")["parsed"] is False
    kept.write_text("garbage", encoding="utf-8")  # no header: written anew
    assert probe("lean", cache, tmp_path / "again.pdf")["ffi"] == "_cffi_backend.FFI"
    assert probe("lean", cache, tmp_path / "again.pdf")["parsed"] is False


# --- The glyph check before a PDF: each character looked up once, by halving ----------------


def test_a_code_point_is_covered_exactly_within_its_range():
    from pipeline.render.fonts import _covers

    ranges = ((0x20, 0x7E), (0xA0, 0x377), (0x400, 0x400))
    covered = (0x1F, 0x20, 0x7E, 0x7F, 0x9F, 0xA0, 0x377, 0x378, 0x400, 0x401)
    assert [_covers(ranges, p) for p in covered] == [
        *(False, True, True, False, False, True, True, False, True, False)
    ]
    assert not _covers((), 0x41)


# --- Pyphen's patterns, parsed once and kept ----------------------------------------------------


@pytest.fixture
def fresh_pyphen(tmp_path, monkeypatch):
    """Pyphen with nothing parsed in this process, and an empty cache folder."""
    import pyphen

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(pyphen, "hdcache", {})
    monkeypatch.setattr(pyphen, "HyphDict", pyphen.HyphDict)  # put back after the test
    return pyphen


WORDS = ["hyphenation", "extraordinarily", "communication", "representatives"]


def test_kept_patterns_hyphenate_as_pyphens_own_parse(fresh_pyphen):
    from pipeline.render import hyphenation_cache

    parse = fresh_pyphen.HyphDict
    own = [parse(fresh_pyphen.LANGUAGES["en_GB"]).positions(word) for word in WORDS]
    hyphenation_cache.remember_patterns()
    first = fresh_pyphen.Pyphen(lang="en", cache=False)  # parsed, and kept
    (kept,) = hyphenation_cache.cache_folder().glob("hyph_en_GB-*.json")
    fresh_pyphen.hdcache.clear()
    second = fresh_pyphen.Pyphen(lang="en")  # from the kept patterns
    assert second.hd.patterns == first.hd.patterns and second.hd.maxlen == first.hd.maxlen
    assert [second.hd.positions(word) for word in WORDS] == own
    assert [first.hd.positions(word) for word in WORDS] == own
    assert kept.stat().st_size > 10_000


def test_a_cache_file_that_does_not_read_means_pyphens_own_parse(fresh_pyphen):
    from pipeline.render import hyphenation_cache

    hyphenation_cache.remember_patterns()
    fresh_pyphen.Pyphen(lang="en", cache=False)
    (kept,) = hyphenation_cache.cache_folder().glob("hyph_en_GB-*.json")
    for broken in ("not json", "[1, 2]", '{"ab": 3}', "{}", '{"ab": [0, ["1"]]}'):
        kept.write_text(broken, encoding="utf-8")
        dictionary = fresh_pyphen.Pyphen(lang="en", cache=False)
        assert dictionary.inserted("hyphenation") == "hy-phen-a-tion"


# --- cssselect2's selectors, compiled once and kept -------------------------------------------


@pytest.fixture
def fresh_selectors(tmp_path, monkeypatch):
    from pipeline.render import selector_cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(selector_cache, "_compiled", {})
    monkeypatch.setattr(selector_cache, "_kept_count", 0)
    monkeypatch.setattr(selector_cache, "compiled_here", 0)
    return selector_cache


def matches(compiled, html: str) -> list[str]:
    import cssselect2
    from lxml import etree

    root = cssselect2.ElementWrapper.from_xml_root(etree.fromstring(html))
    return [
        element.etree_element.get("id") for element in root.iter_subtree() if compiled.test(element)
    ]


SELECTOR = "section.interview > p:not(.lead)[lang|=ru], li:nth-child(2n+1)"
DOCUMENT = (
    '<section class="interview"><p id="a" lang="ru-RU"/><p id="b" class="lead" lang="ru"/>'
    '<ul><li id="c"/><li id="d"/><li id="e"/></ul></section>'
)


def test_kept_selectors_match_as_freshly_compiled_ones(fresh_selectors):
    import cssselect2

    fresh = [matches(each, DOCUMENT) for each in cssselect2.compile_selector_list(SELECTOR)]
    from cssselect2 import compiler

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(compiler, "eval", fresh_selectors._evaluate, raising=False)
        first = [matches(each, DOCUMENT) for each in cssselect2.compile_selector_list(SELECTOR)]
        assert fresh_selectors.compiled_here == 2
        fresh_selectors.keep_new()
        fresh_selectors._compiled.clear()
        fresh_selectors._load()  # as the next process would
        kept = [matches(each, DOCUMENT) for each in cssselect2.compile_selector_list(SELECTOR)]
        assert fresh_selectors.compiled_here == 2  # nothing compiled again
    assert fresh == first == kept == [["a"], ["c", "e"]]


def test_a_kept_file_that_does_not_read_means_compiling(fresh_selectors):
    path = fresh_selectors.cache_file()
    path.parent.mkdir(parents=True)
    for broken in (b"garbage", b"", __import__("marshal").dumps({"lambda el: 1": "not code"})):
        path.write_bytes(broken)
        fresh_selectors._load()
        assert fresh_selectors._compiled == {}
    assert fresh_selectors._evaluate("lambda el: el * 2", {}, {})(21) == 42


@pytest.mark.slow
def test_an_unusable_cache_folder_costs_only_the_parsing(tmp_path):
    blocked = tmp_path / "a-file-not-a-folder"
    blocked.write_text("")
    lean = probe("lean", blocked, tmp_path / "lean.pdf")
    assert lean["parsed"] and lean["ffi"] == "_cffi_backend.FFI"  # parsed here, kept nowhere
    probe("normal", blocked, tmp_path / "normal.pdf")
    assert (tmp_path / "lean.pdf").read_bytes() == (tmp_path / "normal.pdf").read_bytes()
