"""Hostile translations and exchange files, round two (issue 10, items 4 to 11).

A catalog comes from outside the team: every defect in it is refused by
`strings check` and by build and pack before any work, with the catalog file,
the msgid and the problem named; what passes the check renders in every format.
`strings import` writes only the project's own catalogs and refuses broken files
with one line naming the file.
"""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from pipeline import render
from pipeline.engine.plan import build, plan
from pipeline.errors import UsageError
from pipeline.i18n import catalogs, checks, exchange, workflow
from pipeline.project import PROJECT_ENV, Project, find
from pipeline.render import templating
from pipeline.text import MAX_WORD_CHARS
from tests.conftest import REPO, ROOT, SEED_CONTENT, SEED_SLUG
from tests.hostile.strategies import hostile_settings
from tests.pack_support import invoke
from tests.readers import footer_fields

LOCALES = ROOT / "locales"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _clear_caches() -> None:
    catalogs.interface_mo.cache_clear()
    catalogs.interface_translations.cache_clear()
    templating.environment.cache_clear()


@pytest.fixture
def locales(tmp_path, monkeypatch) -> Path:
    """The checkout's catalogs copied into a project in `tmp_path`, which every command
    (check, build, pack, import) and `find()` then work on."""
    root = Path(shutil.copytree(LOCALES, tmp_path / "locales"))
    (tmp_path / "briefing.toml").touch()
    monkeypatch.setenv(PROJECT_ENV, str(tmp_path))
    assert find().locales == root.resolve()
    _clear_caches()
    yield root
    _clear_caches()  # no later test may render with this copy's translations


def _ru_interface(root: Path) -> Path:
    return catalogs.interface_catalog("ru", root)


def set_translation(path: Path, msgid: str, text: str) -> int:
    """Give `msgid` the translation `text` (written as Babel writes it); returns its line."""
    catalog = catalogs.read(path, "ru")
    message = catalog[msgid]
    message.string = text
    catalogs.write(path, catalog)
    return catalogs.read(path, "ru")[msgid].lineno


def _files(root: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def footer_sequence(docx_path: Path) -> list[str]:
    """The footer's text and fields in reading order; a field is `{NAME}`."""
    import docx

    return footer_fields(docx.Document(str(docx_path)).sections[0].footer)


# --- Items 4, 5, 7, 8: interface translations that cannot be rendered ---------------------

BAD_INTERFACE = [
    pytest.param("Key points", "Ключевые %d тезисы", "placeholder", id="printf-d"),
    pytest.param("Key points", "100% тезисы", "stray %", id="stray-percent"),
    pytest.param("Key points", "Тезисы 100%", "stray %", id="percent-at-end"),
    pytest.param("Summary", "Резюме %(name)s", "unknown %(name)s", id="unknown-name"),
    pytest.param("Summary", "Резюме %(name", "stray %", id="unclosed-name"),
    pytest.param("Prepared %(date)s", "Подготовлено %(date)d", "unknown %(date)d", id="new-type"),
    pytest.param(
        "Prepared %(date)s", "Подготовлено %(date)999999999s", "unknown %(date)9", id="huge-width"
    ),
    pytest.param(
        "Page %(page)s of %(pages)s",
        "Страница %(page)s из %(pages)s, %s",
        "unknown %s",
        id="positional-beside-named",
    ),
    pytest.param("Key points", "Ключевые\x0b тезисы\x1b[31m", "U+000B, U+001B", id="control"),
    pytest.param("Key points", "Ключевые\u2029тезисы", "U+2029", id="paragraph-separator"),
    pytest.param(
        "Key points", "я" * (MAX_WORD_CHARS + 1), f"{MAX_WORD_CHARS + 1:,} characters", id="word"
    ),
]


@pytest.mark.parametrize(("msgid", "translation", "expected"), BAD_INTERFACE)
def test_strings_check_refuses_an_unrenderable_interface_translation(
    locales, msgid, translation, expected
):
    path = _ru_interface(locales)
    line = set_translation(path, msgid, translation)
    result = invoke("strings", "check")
    assert result.exit_code == 2, result.output
    located = [
        row for row in result.output.splitlines() if row.strip().startswith(f"{path}:{line}:")
    ]
    assert any(f'msgid "{msgid[:20]}' in row and expected in row for row in located), result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("msgid", "translation", "expected"), BAD_INTERFACE)
def test_build_refuses_an_unrenderable_interface_translation_before_any_work(
    locales, tmp_path, msgid, translation, expected
):
    path = _ru_interface(locales)
    set_translation(path, msgid, translation)
    out = tmp_path / "out"
    result = invoke("build", SEED_CONTENT, "-l", "ru", "-f", "html,docx", "--out", out, "-j", "1")
    assert result.exit_code == 2, result.output
    assert str(path) in result.output and expected in result.output
    assert not out.exists()


def test_a_note_in_its_own_language_is_checked_too(locales, tmp_path, write_content):
    """Without --locale a Russian note still uses the Russian catalog: it is checked as well."""
    from tests.conftest import seed_data

    set_translation(_ru_interface(locales), "Key points", "100% тезисы")
    note = write_content({**seed_data(), "language": "ru"})
    out = tmp_path / "out"
    result = invoke("build", note, "-f", "html", "--out", out, "-j", "1")
    assert result.exit_code == 2 and "stray %" in result.output, result.output
    assert not out.exists()


@pytest.mark.slow
def test_pack_refuses_an_unrenderable_interface_translation(locales, tmp_path):
    path = _ru_interface(locales)
    set_translation(path, "Key points", "100% тезисы")
    packs = tmp_path / "packs"
    result = invoke("pack", SEED_CONTENT, "-l", "en,ru", "-f", "html", "--out", packs, "-j", "1")
    assert result.exit_code == 2, result.output
    assert str(path) in result.output and "stray %" in result.output
    assert not list(packs.glob("2*/**/*.html"))


def test_a_percent_sign_written_as_double_percent_is_one_percent_in_every_format(locales, tmp_path):
    import docx

    set_translation(_ru_interface(locales), "Key points", "100%% тезисы")
    assert workflow.check(find(), ["ru"]) == []
    report = build(plan([SEED_CONTENT], ["html", "docx"], ["ru"], project=find()), tmp_path / "out")
    assert report.ok, report.failures
    outputs = {output.format: output.path for output in report.outputs}
    html = outputs["html"].read_text(encoding="utf-8")
    assert "<h3>100% тезисы</h3>" in html and "%%" not in html
    headings = [p.text for p in docx.Document(str(outputs["docx"])).paragraphs]
    assert "100% тезисы" in headings and not any("%%" in text for text in headings)


@pytest.mark.parametrize(
    ("translation", "expected"),
    [
        pytest.param(
            "Всего %(pages)s, стр. %(page)s", ["Всего ", "{NUMPAGES}", ", стр. ", "{PAGE}"], id="6"
        ),
        pytest.param(
            "Стр. %(page)s из %(pages)s (%(page)s)",
            ["Стр. ", "{PAGE}", " из ", "{NUMPAGES}", " (", "{PAGE}", ")"],
            id="5",
        ),
        pytest.param("%(page)s/%(pages)s", ["{PAGE}", "/", "{NUMPAGES}"], id="bare"),
    ],
)
def test_docx_page_numbers_follow_the_translated_pattern(locales, tmp_path, translation, expected):
    set_translation(_ru_interface(locales), "Page %(page)s of %(pages)s", translation)
    assert workflow.check(find(), ["ru"]) == []
    report = build(plan([SEED_CONTENT], ["docx"], ["ru"], project=find()), tmp_path / "out")
    assert report.ok, report.failures
    sequence = footer_sequence(report.outputs[0].path)
    assert sequence[-len(expected) :] == expected, sequence
    assert not any("%(" in piece for piece in sequence)


# --- Item 9: catalogs that cannot even be read ----------------------------------------------


def _replace_bytes(path: Path, old: bytes, new: bytes) -> None:
    data = path.read_bytes()
    assert old in data, old
    path.write_bytes(data.replace(old, new, 1))


UNREADABLE = [
    pytest.param(b"charset=utf-8", b"charset=no-such-charset", "no-such-charset", id="charset"),
    pytest.param("Резюме".encode(), b"\xff\xfe", "not valid utf-8", id="bytes"),
    pytest.param(b"nplurals=3;", b"nplurals=x;", "Plural-Forms", id="nplurals"),
    pytest.param(b"plural=n % 10 ==", b"plural=__import__ % 10 ==", "plural", id="plural"),
]


@pytest.mark.parametrize(("old", "new", "expected"), UNREADABLE)
def test_an_unreadable_catalog_is_refused_by_check_and_build(locales, tmp_path, old, new, expected):
    path = _ru_interface(locales)
    _replace_bytes(path, old, new)
    checked = invoke("strings", "check")
    assert checked.exit_code == 2, checked.output
    assert any(
        row.strip().startswith(str(path)) and expected.lower() in row.lower()
        for row in checked.output.splitlines()
    ), checked.output
    out = tmp_path / "out"
    built = invoke("build", SEED_CONTENT, "-l", "ru", "-f", "html", "--out", out, "-j", "1")
    assert built.exit_code == 2 and str(path) in built.output, built.output
    assert not out.exists()


def test_an_unknown_charset_names_its_header_line(locales):
    path = _ru_interface(locales)
    _replace_bytes(path, b"charset=utf-8", b"charset=no-such-charset")
    line = (
        path.read_bytes()
        .split(b"\n")
        .index(b'"Content-Type: text/plain; charset=no-such-charset\\n"')
    )
    problems = [str(problem) for problem in checks.check_catalog(path)]
    assert any(p.startswith(f"{path}:{line + 1}: ") and "no-such-charset" in p for p in problems)


@pytest.mark.slow
def test_pack_refuses_an_unknown_charset(locales, tmp_path):
    path = _ru_interface(locales)
    _replace_bytes(path, b"charset=utf-8", b"charset=no-such-charset")
    result = invoke("pack", SEED_CONTENT, "-l", "ru", "-f", "html", "--out", tmp_path / "p")
    assert result.exit_code == 2 and str(path) in result.output, result.output
    assert "Traceback" not in result.output and "LookupError" not in result.output


# --- Item 10: import writes only this project's catalogs ------------------------------------


def _csv(tmp_path: Path, catalog: str, text: str = "Тезисы") -> Path:
    table = exchange.rows([SEED_SLUG], ["ru"], find().locales)
    row = next(r for r in table if r.catalog == "interface" and r.source == "Key points")
    source = tmp_path / "strings.csv"
    rows = [exchange.Row(catalog, row.key, row.source, {"ru": text})]
    source.write_text(exchange.to_csv(rows, ["ru"]), encoding="utf-8")
    return source


def _escapes(tmp_path: Path) -> list[str]:
    outside = tmp_path / "x" / "pwned"
    return [
        f"content/{outside}",
        f"content/{'/' * 3}{outside}",
        "content/../../../x/pwned",
        f"content/../../../../{'../' * 20}{str(outside).lstrip('/')}",
        "content/../LC_MESSAGES/messages",
        "content/no-such-interview",
        "content/",
        "content",
        f"interface/../../{SEED_SLUG}",
        "../interface",
    ]


def test_import_refuses_a_catalog_that_is_not_one_of_the_projects(locales, tmp_path):
    before = _files(tmp_path)
    for name in _escapes(tmp_path):
        source = _csv(tmp_path, name)
        before[source] = source.read_bytes()
        result = invoke("strings", "import", source)
        assert result.exit_code == 2, (name, result.output)
        assert f"{source}:2: catalog: " in result.output and repr(name) in result.output
        assert _files(tmp_path) == before, f"{name!r} wrote a file"
    assert not (tmp_path / "x").exists()


def test_import_refuses_an_xliff_file_id_outside_the_project(locales, tmp_path):
    table = exchange.rows([SEED_SLUG], ["ru"], locales)[:1]
    bad = [exchange.Row("content/../../../x/pwned", r.key, r.source, {"ru": "x"}) for r in table]
    source = tmp_path / "ru.xlf"
    source.write_text(exchange.to_xliff(bad, "ru"), encoding="utf-8")
    result = invoke("strings", "import", source)
    assert result.exit_code == 2 and str(source) in result.output, result.output
    assert not (tmp_path / "x").exists()


def test_import_still_writes_the_projects_own_catalogs(locales, tmp_path):
    result = invoke("strings", "import", _csv(tmp_path, "interface", "Главное"))
    assert result.exit_code == 0, result.output
    assert catalogs.read(_ru_interface(locales), "ru")["Key points"].string == "Главное"


@hostile_settings(60)
@given(
    st.lists(
        st.sampled_from(["content", "/", "..", ".", "interface", SEED_SLUG, "x", "\\", "~", "%2e"]),
        max_size=8,
    ).map("".join)
)
def test_any_catalog_name_writes_a_known_catalog_or_is_refused(name):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(shutil.copytree(LOCALES, Path(folder) / "project" / "locales"))
        known = {
            catalogs.interface_catalog("ru", root),
            catalogs.content_catalog("ru", SEED_SLUG, root),
        }
        before = _files(Path(folder))
        row = exchange.Row(name, "", "Key points", {"ru": "Главное"})
        try:
            changed = exchange.apply([row], ["ru"], root, Path("strings.csv"))
        except UsageError as error:
            assert "strings.csv" in str(error) and repr(name) in str(error)
            changed = []
        after = _files(Path(folder))
        assert set(changed) <= known
        assert {path for path in after if after[path] != before.get(path)} == set(changed)


# --- Item 11: exchange files that are not what they claim -----------------------------------


def _xliff_units(*units: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en"'
        ' trgLang="ru"><file id="interface">' + "".join(units) + "</file></xliff>\n"
    )


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(_xliff_units('<unit id="u7" name=""/>').encode(), "u7", id="no-segment"),
        pytest.param(
            _xliff_units('<unit id="u1"><segment><source>Key</source></segment></unit>')
            .replace("UTF-8", "UTF-16")
            .encode(),
            "XLIFF",
            id="wrong-declared-encoding",
        ),
        pytest.param(
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><x>&b;</x>',
            "with a DTD or entities is refused",
            id="entities",
        ),
        pytest.param(b"catalog,key,en,ru\ninterface,,Key points,\xff\xfe\n", ":2:", id="csv-bytes"),
        pytest.param(
            _xliff_units('<unit id="u1"><segment><source>Кл\xff</source></segment></unit>')
            .encode("utf-8")
            .replace("\xff".encode(), b"\xff"),
            "XLIFF",
            id="xliff-bytes",
        ),
        pytest.param(
            b"catalog,key,en,ru\ninterface,,Key points," + b"x" * 200_000 + b"\n",
            ":2:",
            id="csv-huge-field",
        ),
    ],
)
def test_import_refuses_a_broken_exchange_file_in_one_line(locales, tmp_path, data, expected):
    source = tmp_path / "strings.in"
    source.write_bytes(data)
    before = _files(locales)
    result = invoke("strings", "import", source)
    assert result.exit_code == 2, result.output
    [line] = result.output.strip().splitlines()
    assert line.startswith(f"error: {source}") and expected in line, line
    assert _files(locales) == before


def test_an_xliff_unit_split_into_segments_imports_as_one_string(locales, tmp_path):
    unit = (
        '<unit id="u1" name=""><segment><source>Key </source><target>Клю</target></segment>'
        "<ignorable><source>   </source></ignorable>"
        "<segment><source>points</source><target>чевое</target></segment></unit>"
    )
    source = tmp_path / "ru.xlf"
    source.write_text(_xliff_units(unit).replace("Key </source", "Key</source"), encoding="utf-8")
    locales_found, table = exchange.read_exchange_file(source)
    assert locales_found == ["ru"]
    assert [(row.source, row.translations) for row in table] == [
        ("Key   points", {"ru": "Клю   чевое"})
    ]


# --- The property: what the check passes, every format renders ----------------------------

INTERFACE_IDS = [
    message.id
    for message in catalogs.read(catalogs.interface_template(LOCALES))
    if message.id and isinstance(message.id, str)
]
PIECES = [
    "%",
    "%%",
    "%(",
    ")s",
    "%(page)s",
    "%(pages)s",
    "%(date)s",
    "%(number)s",
    "%(value)s",
    "%(unit)s",
    "%(credit)s",
    "%(name)s",
    "%(role)s",
    "%(outlet)s",
    "%(count)d",
    "%s",
    "%d",
    "% d",
    "%5s",
    "%(page)x",
    "\x0b",
    "\x1b",
    "\x00",
    "<b>",
    "&amp;",
    "@@page@@",
    "{page}",
    "\n",
    "\t",
    "\\",
    '"',
    "Страница ",
    " из ",
    "x" * (MAX_WORD_CHARS // 2),
]


@st.composite
def interface_translations(draw) -> tuple[str, str]:
    """An interface msgid and a hostile translation, often with all of the source's placeholders."""
    msgid = draw(st.sampled_from(INTERFACE_IDS))
    parts = draw(
        st.lists(
            st.one_of(st.sampled_from(PIECES), st.text(st.characters(exclude_categories=["Cs"]))),
            max_size=5,
        )
    )
    if draw(st.booleans()):
        parts += checks.conversions(msgid)[0]
    return msgid, "".join(draw(st.permutations(parts)))


@pytest.fixture(scope="module")
def ru_jobs() -> dict[str, render.RenderJob]:
    """One Russian render job per format (the seed's content translated as committed)."""
    from pipeline.engine.plan import plan as build_plan

    jobs = build_plan([SEED_CONTENT], ["html"], ["ru"], project=REPO).jobs
    return {"ru": jobs[0]}


@pytest.mark.slow
@hostile_settings(60)
@given(interface_translations())
def test_any_interface_translation_renders_in_html_and_docx_or_is_refused(ru_jobs, example):
    msgid, translation = example
    with tempfile.TemporaryDirectory() as folder:
        root = Path(shutil.copytree(LOCALES, Path(folder) / "locales"))
        path = _ru_interface(root)
        set_translation(path, msgid, translation)
        problems = checks.check_catalog(path)
        if problems:
            assert all(problem.file == path for problem in problems), problems
            assert any(problem.line for problem in problems), problems
            event("refused")
            return
        event("rendered")
        # The same job, in a project whose own catalogs are the edited copy.
        job = dataclasses.replace(ru_jobs["ru"], project=Project(Path(folder).resolve()))
        try:
            for name in ("html", "docx"):
                assert render.get(name).render(job)
        finally:
            _clear_caches()
