"""The preview's logic without a server: what a change affects, superseding, stale reports,
and the command line's refusals (no project, a bad port, a port in use, no serve extra)."""

from __future__ import annotations

import importlib.util
import io
import multiprocessing
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli.app import main
from pipeline.project import Project
from pipeline.serve.notes import Change, Key, Notes, change_of, watched_paths
from pipeline.serve.state import PreviewState
from pipeline.serve.worker import CLEAR, Request, _Inbox


@pytest.fixture
def desk(tmp_path: Path) -> Project:
    root = tmp_path / "desk"
    for folder in [
        "content/assets",
        "templates/css",
        "locales/ru/LC_MESSAGES",
        "locales/ru/content",
    ]:
        (root / folder).mkdir(parents=True)
    for name in ["alpha", "beta"]:
        (root / "content" / f"{name}.yaml").write_text(f"slug: {name}\n", encoding="utf-8")
    (root / "briefing.toml").touch()
    return Project(root.resolve(), root.resolve() / "briefing.toml")


def _affected(desk: Project, *relative: str) -> tuple[Change, list[str]]:
    notes = Notes(desk, (), ("en", "ru"))
    change = change_of([desk.root / path for path in relative], desk, notes)
    return change, [str(key) for key in notes.every_key() if change.affects(key)]


def test_a_content_file_affects_its_note_in_every_locale_and_nothing_else(desk):
    change, keys = _affected(desk, "content/alpha.yaml")
    assert keys == ["alpha/en", "alpha/ru"]
    assert not change.house_style and not change.notes_listed


def test_an_interface_catalog_affects_its_locale_and_resets_the_house_style(desk):
    change, keys = _affected(desk, "locales/ru/LC_MESSAGES/messages.po")
    assert keys == ["alpha/ru", "beta/ru"]
    assert change.house_style


def test_a_content_catalog_affects_its_note_in_its_locale(desk):
    change, keys = _affected(desk, "locales/ru/content/beta.po")
    assert keys == ["beta/ru"]
    assert not change.house_style


@pytest.mark.parametrize("path", ["templates/css/note.css", "briefing.toml"])
def test_a_template_or_the_settings_affect_everything(desk, path):
    change, keys = _affected(desk, path)
    assert keys == ["alpha/en", "alpha/ru", "beta/en", "beta/ru"]
    assert change.house_style


def test_a_picture_affects_every_note_and_a_catalog_template_nothing(desk):
    assert len(_affected(desk, "content/assets/portrait.png")[1]) == 4
    change, keys = _affected(desk, "locales/messages.pot", "content/interview.schema.json")
    assert keys == [] and not change


def test_a_new_content_file_is_listed(desk):
    notes = Notes(desk, (), ("en",))
    (desk.content / "gamma.yaml").write_text("slug: gamma\n", encoding="utf-8")
    change = change_of([desk.content / "gamma.yaml"], desk, notes)
    assert change.notes_listed and not change.scopes
    assert notes.refresh() and "gamma" in notes.paths


def test_the_watched_paths_are_the_projects_inputs_once_each(desk):
    notes = Notes(desk, (desk.content / "alpha.yaml",), ("en",))
    assert watched_paths(desk, notes) == [
        desk.content,
        desk.templates,
        desk.locales,
        desk.root / "briefing.toml",
    ]


def test_a_newer_request_for_a_note_supersedes_the_waiting_one():
    ours, theirs = multiprocessing.Pipe()
    inbox = _Inbox(theirs)
    alpha, beta = Key("alpha", "en"), Key("beta", "en")
    for generation, key in [(1, alpha), (1, beta), (2, alpha)]:
        ours.send(Request(key, generation, Path(f"{key.stem}.yaml")))
    ours.send(CLEAR)
    assert inbox.supersedes(beta)
    assert not inbox.supersedes(Key("gamma", "en"))
    taken = [inbox.take() for _ in range(3)]
    assert [(item.key, item.generation) for item in taken[:2]] == [(beta, 1), (alpha, 2)]
    assert taken[2] == CLEAR


def test_an_older_request_arriving_after_a_newer_one_does_not_replace_it():
    # Two threads may ask for the same note: generation 8 can reach the pipe before 7.
    ours, theirs = multiprocessing.Pipe()
    inbox = _Inbox(theirs)
    alpha = Key("alpha", "en")
    for generation in (8, 7):
        ours.send(Request(alpha, generation, Path("alpha.yaml")))
    ours.send(CLEAR)
    taken = [inbox.take() for _ in range(2)]
    assert [(item.key, item.generation) for item in taken[:1]] == [(alpha, 8)]
    assert taken[1] == CLEAR


def test_a_report_of_a_render_overtaken_by_a_newer_one_is_dropped():
    state, key = PreviewState(), Key("alpha", "en")
    first = state.request(key)
    second = state.request(key)

    def titled(title: str):
        return lambda preview: setattr(preview, "title", title)

    assert not state.change_if_current(key, first, titled("old"))
    assert state.change_if_current(key, second, titled("new"))
    state.finished(key, first)
    preview = state.get(key)
    assert preview.title == "new" and preview.rendering


# --- The command line's refusals (none starts a worker or a server) ------------------------


def serve(*arguments: str, cwd: Path):
    return CliRunner().invoke(main, ["--project", str(cwd), "serve", *arguments])


def test_outside_a_project_serve_says_so(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("BRIEFING_PROJECT", raising=False)
    result = CliRunner().invoke(main, ["serve"])
    assert result.exit_code == 2
    assert "no briefing project" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("port", ["70000", "-1", "eighty"])
def test_a_port_out_of_range_is_a_usage_error(desk, port):
    result = serve("--port", port, cwd=desk.root)
    assert result.exit_code == 2
    assert "--port" in result.stderr


def test_a_port_in_use_is_named_with_what_to_do(desk):
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    try:
        result = serve("--port", str(taken.getsockname()[1]), cwd=desk.root)
    finally:
        taken.close()
    assert result.exit_code == 2, result.output
    assert "is in use" in result.stderr and "--port 0" in result.stderr


def test_an_unknown_host_is_a_usage_error(desk):
    result = serve("--host", "no-such-host.invalid", "--port", "0", cwd=desk.root)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: --host no-such-host.invalid: not an address")


# pypdfium2 too: an installed tool without it started workers that died on import.
@pytest.mark.parametrize("module", ["watchfiles", "pypdfium2"])
def test_without_the_serve_extra_serve_gives_the_install_hint(desk, monkeypatch, module):
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *args: None if name == module else real(name, *args),
    )
    result = serve(cwd=desk.root)
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: briefing serve needs {module}, which is not installed; install the serve"
        " extra: pip install 'briefing-pipeline[serve]'\n"
    )


def test_an_unknown_locale_is_a_usage_error(desk):
    result = serve("--locale", "xx", cwd=desk.root)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: unknown locale 'xx'")


# --- Page images -----------------------------------------------------------------------------


def test_the_quick_png_holds_exactly_the_rows_given_whatever_the_stride():
    from PIL import Image

    from pipeline.serve.pages import png

    width, height, stride = 5, 3, 16  # 15 bytes of pixels and one of padding per row
    rgb = b"".join(
        b"".join(bytes((x * 40, y * 100, 7)) for x in range(width)) + b"\xff" for y in range(height)
    )
    assert len(rgb) == stride * height
    with Image.open(io.BytesIO(png(rgb, width, height, stride))) as image:
        assert image.mode == "RGB" and image.size == (width, height)
        assert image.getpixel((4, 2)) == (160, 200, 7)
        assert image.getpixel((0, 1)) == (0, 100, 7)


def _blank_pdf(pages: int) -> bytes:
    import pypdfium2

    document = pypdfium2.PdfDocument.new()
    for _ in range(pages):
        document.new_page(200, 100)
    buffer = io.BytesIO()
    document.save(buffer)
    document.close()
    return buffer.getvalue()


def test_page_images_are_one_per_page_and_a_shorter_document_leaves_none_behind(tmp_path):
    from pipeline.serve.pages import write_pages

    told: list[int] = []
    assert write_pages(_blank_pdf(3), tmp_path, "pdf", told.append) == 3
    assert told == [3]  # once, after the first page
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pdf-1.png", "pdf-2.png", "pdf-3.png"]
    assert write_pages(_blank_pdf(1), tmp_path, "pdf") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pdf-1.png"]
    from PIL import Image

    with Image.open(tmp_path / "pdf-1.png") as image:
        assert image.size == (300, 150)  # 1.5 px per point
        assert image.getpixel((10, 10)) == (255, 255, 255)


def test_without_libreoffice_the_docx_tab_says_so(desk):
    from pipeline.serve.app import describe
    from pipeline.serve.previewer import Previewer

    notes = Notes(desk, (), ("en",))
    previewer = Previewer(desk, notes, desk.output / "preview", soffice=None)
    state = describe(previewer, Key("alpha", "en"))
    assert "LibreOffice" in state["docx_note"] and "not installed" in state["docx_note"]
    assert state["docx_pages"] == [] and state["files"] == {}
