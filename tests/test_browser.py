"""The HTML notes in a real browser: Debian's Chromium driven by Playwright.

Each note is opened from its file, as a reader opening an e-mail attachment would.
The checks: nothing is logged to the console, nothing is requested beyond the file
itself (and its inline `data:` pictures), axe-core finds no serious or critical
accessibility problem, and the page fits a 375 px phone and a 1280 px desktop
without horizontal scrolling. Screenshots and axe reports land in
`test-artifacts/browser/` for a person to look at.

Needs `/usr/bin/chromium` (Debian package `chromium`) and axe-core from npm
(`tests/browser/package.json`); `make test` installs both.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from pipeline.engine.plan import build, plan
from pipeline.i18n import ALL_LOCALES
from pipeline.project import discover
from tests.conftest import EPOCH, REPO, ROOT, seed_data

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts" / "browser"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WIDTHS = (375, 1280)
BLOCKING_IMPACTS = {"serious", "critical"}
LONG_WORD = "Donaudampfschifffahrtsgesellschaft" * 12  # 408 letters, no break opportunity


def _portrait_draft(folder: Path) -> Path:
    """A draft brief with unconfirmed suggestions and a portrait (an inline data: picture)."""
    from PIL import Image

    data = seed_data()
    data["slug"] = "portrait-draft"
    data["image"] = {
        "file": "assets/portrait.png",
        "alt": "Lee Wonjae at the embassy",
        "credit": "Embassy press office",
    }
    data["brief"]["status"] = "draft"
    data["brief"]["key_figures"][0]["status"] = "suggested"
    data["brief"]["organisations"][0]["status"] = "suggested"
    (folder / "assets").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (120, 160), (31, 61, 99)).save(folder / "assets" / "portrait.png")
    return _write(folder, data)


def _hostile(folder: Path) -> Path:
    """Markup, a javascript: link, an unbreakable word, RTL text, joiners and emoji as content."""
    data = seed_data()
    data["slug"] = "hostile"
    data["title"] = "</title><script>console.error('title ran')</script> Title"
    data["turns"][0]["question"] = "<script>console.error('question ran')</script> Escaped?"
    data["turns"][1]["answer"].insert(
        0, '<img src="x" onerror="console.error(1)"> <a href="javascript:console.error(2)">a</a>'
    )
    data["turns"][2]["answer"].append(f"A very long word: {LONG_WORD}.")
    data["turns"][3]["answer"].append(
        "\u0645\u0631\u062d\u0628\u0627 \u200fRTL\u200e mixed, \U0001f468\u200d\U0001f469\u200d"
        "\U0001f467 family, \u202eoverride\u202c end."
    )
    data["keywords"] = ["<b>bold</b>", "x\" onload=\"console.error('meta')"]
    return _write(folder, data)


def _write(folder: Path, data: dict) -> Path:
    path = folder / f"{data['slug']}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


VARIANTS = {"portrait-draft": _portrait_draft, "hostile": _hostile}
NOTES = [
    *(f"{path.stem}/{locale}" for path in discover(REPO.content) for locale in ALL_LOCALES),
    *(f"{name}/en" for name in VARIANTS),
]
"""Every content file in every locale (the pseudo-locale too), and two variants of the seed."""


@pytest.fixture(scope="module")
def built_notes(tmp_path_factory) -> dict[str, Path]:
    """Each note of NOTES as an HTML file, built once for this module."""
    folder = tmp_path_factory.mktemp("browser")
    variants = [make(folder / "content") for make in VARIANTS.values()]
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        notes = plan(discover(REPO.content), ["html"], list(ALL_LOCALES), project=REPO)
        report = build(notes, folder / "out")
        report.outputs += build(plan(variants, ["html"], project=REPO), folder / "out").outputs
    assert report.ok, report.failures
    return {f"{o.path.stem}/{o.path.parent.name}": o.path for o in report.outputs}


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing; install the Debian package chromium (make setup)")
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing; run: npm ci --prefix tests/browser (make setup)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


class PageVisit:
    """One note opened in a fresh page: what it logged and what it asked for."""

    def __init__(self, browser, html: Path, width: int):
        self.url = html.resolve().as_uri()
        self.console: list[str] = []
        self.requests: list[str] = []
        self.refused: list[str] = []
        self.context = browser.new_context(
            viewport={"width": width, "height": 900}, java_script_enabled=True
        )
        self.page = self.context.new_page()
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda error: self.console.append(f"pageerror: {error}"))
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.route("**/*", self._route)
        self.page.goto(self.url, wait_until="load")

    def _on_console(self, message) -> None:
        if message.type in ("error", "warning"):
            self.console.append(f"{message.type}: {message.text}")

    def _route(self, route) -> None:
        url = route.request.url
        if url == self.url or url.startswith("data:"):
            route.continue_()
        else:
            self.refused.append(url)
            route.abort()

    def close(self) -> None:
        self.context.close()


def artifact(name: str, suffix: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS / f"{name.replace('/', '-')}{suffix}"


@pytest.fixture
def visit(browser, built_notes, request) -> Iterator[PageVisit]:
    visit = PageVisit(browser, built_notes[request.param], WIDTHS[-1])
    yield visit
    visit.close()


@pytest.mark.parametrize("visit", NOTES, indirect=True)
def test_no_console_messages_and_no_request_leaves_the_file(visit):
    visit.page.wait_for_timeout(200)  # anything deferred (timers, lazy images) gets its chance
    assert visit.console == []
    assert visit.refused == []
    assert all(url == visit.url or url.startswith("data:") for url in visit.requests)
    assert visit.page.evaluate("document.scripts.length") == 0


@pytest.mark.parametrize("visit", NOTES, indirect=True)
def test_axe_finds_no_serious_or_critical_violation(visit, request):
    visit.page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    results = visit.page.evaluate("async () => await axe.run(document)")
    summary = [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "targets": [node["target"] for node in violation["nodes"]],
        }
        for violation in results["violations"]
    ]
    report = artifact(request.node.callspec.params["visit"], "-axe.json")
    report.write_text(json.dumps(summary, indent=2, ensure_ascii=False), encoding="utf-8")
    blocking = [item for item in summary if item["impact"] in BLOCKING_IMPACTS]
    assert blocking == [], json.dumps(blocking, indent=2, ensure_ascii=False)
    assert len(results["passes"]) > 20  # axe really ran its rules on the page


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", NOTES)
def test_page_fits_the_width_without_horizontal_scroll(browser, built_notes, name, width):
    visit = PageVisit(browser, built_notes[name], width)
    try:
        page = visit.page
        page.screenshot(path=str(artifact(name, f"-{width}px.png")), full_page=True)
        scroll_width, client_width = page.evaluate(
            "[document.scrollingElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert scroll_width <= client_width, f"{scroll_width} px of content in {width} px"
        wider = page.evaluate(
            """() => [...document.querySelectorAll('main *')]
                .filter(e => e.getBoundingClientRect().right > innerWidth + 0.5)
                .map(e => e.tagName + '.' + e.className)"""
        )
        assert wider == []
        # Body text stays legible on a phone and keeps a readable line length on a desktop.
        size, measure = page.evaluate(
            """() => { const p = document.querySelector('.answer p:not(.speaker)');
                return [parseFloat(getComputedStyle(p).fontSize), p.getBoundingClientRect().width]; }"""
        )
        assert size >= 16
        assert measure <= 60 * size  # about 75-90 characters a line at most
    finally:
        visit.close()
