"""The digest e-mail as a Russian reader gets it: delivered by the local SMTP server (aiosmtpd)
from the desk day's pack, its HTML part in Russian with every interview's key points, its text
part with the same items, and the HTML checked in Chromium (axe, a 375 px phone, 600 px)."""

from __future__ import annotations

import email
import email.policy
import html
import json
import re

import pytest

from pipeline.engine import plan as build_plan
from pipeline.project import Project
from tests.conftest import ROOT
from tests.desk_day import DESK_DAY, ORDER, desk_day_pack
from tests.pack_support import DATE, copy_packs, invoke
from tests.test_browser import AXE, BLOCKING_IMPACTS, CHROMIUM, CHROMIUM_ARGS
from tests.test_pack_deliver import Mailbox, mailbox  # noqa: F401 -- the SMTP server fixture

ARTIFACTS = ROOT / "test-artifacts"
SENDER = "Briefings <briefings@example.org>"


@pytest.fixture(scope="module")
def russian_points() -> dict[str, list[str]]:
    """Each interview's key points in Russian, from its catalog (not from the pack)."""
    paths = [DESK_DAY / "content" / f"{slug}.yaml" for slug in ORDER]
    plan = build_plan.plan(paths, ["html"], ["ru"], project=Project(DESK_DAY))
    return {job.interview.slug: list(job.interview.brief.key_points) for job in plan.jobs}


@pytest.fixture
def delivered(tmp_path, tmp_path_factory, mailbox: Mailbox):  # noqa: F811
    """The message the Russian list received."""
    packs = copy_packs(desk_day_pack(tmp_path_factory).parent, tmp_path / "packs")
    config = tmp_path / "briefing.toml"
    config.write_text(
        f"""
[targets.desk]
url = "smtp://127.0.0.1:{mailbox.port}"
sender = "{SENDER}"
subject = {{ ru = "Брифинг {{date}}", "*" = "Briefing {{date}}" }}
timeout_seconds = 10

[targets.desk.lists.moscow]
to = ["office@example.org"]
locales = ["ru"]
""",
        encoding="utf-8",
    )
    result = invoke("deliver", packs / DATE, "--to", "desk", "--config", config)
    assert result.exit_code == 0, result.output
    assert len(mailbox.messages) == 1
    return email.message_from_bytes(mailbox.messages[0].content, policy=email.policy.default)


def html_part(message) -> str:
    return message.get_body(("html",)).get_content()


def visible(page: str) -> str:
    """The HTML's text as a reader sees it: tags dropped, entities decoded, spaces folded."""
    body = re.sub(r"<(style|title)\b.*?</\1>", " ", page, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


@pytest.mark.slow
def test_the_russian_list_gets_russian_html_and_text_with_every_key_point(
    delivered, russian_points
):
    assert delivered.get_content_type() == "multipart/mixed"
    alternative = next(delivered.iter_parts())
    assert alternative.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in alternative.iter_parts()] == [
        "text/plain",
        "text/html",
    ]
    assert delivered["Subject"] == f"Брифинг {DATE}"
    page = html_part(delivered)
    assert re.search(r'<html lang="ru"', page)
    text = visible(page)
    plain = re.sub(r"\s+", " ", delivered.get_body(("plain",)).get_content())
    for slug in ORDER:
        for point in russian_points[slug]:
            squashed = re.sub(r"\s+", " ", point)
            assert squashed in text, (slug, point)
            assert squashed in plain, (slug, point)
    # The items in the order of the day, in both parts.
    for body in (text, plain):
        firsts = [body.index(re.sub(r"\s+", " ", russian_points[slug][0])) for slug in ORDER]
        assert firsts == sorted(firsts)
    names = sorted(part.get_filename() for part in delivered.iter_attachments())
    assert names == sorted([f"{DATE}-briefing-book-ru.pdf", *(f"{s}.ru.pdf" for s in ORDER)])
    for name in names:
        assert name in text and name in plain, "each attachment is named beside its item"


@pytest.mark.slow
def test_the_html_is_built_for_mail_clients(delivered):
    page = html_part(delivered)
    assert "<script" not in page.lower() and "<img" not in page.lower()
    assert "<link" not in page.lower() and not re.search(r"(src|href)=\"(https?:)?//", page)
    assert re.search(r'<table[^>]+role="presentation"[^>]+width="600"', page)
    assert re.search(r"<h1\b", page) and re.search(r"<h2\b", page)
    preheader = re.search(r'<div class="preheader"[^>]*>([^<]+)</div>', page).group(1)
    assert preheader.startswith("3 интервью за сегодня: ")
    # Dark mode: no element gets a text colour without a background of its own.
    for style in re.findall(r'style="([^"]*)"', page):
        if re.search(r"(^|;)\s*color:", style):
            assert "background-color:" in style, style
    # Only the media queries stay in a style sheet; every other rule is inlined.
    sheet = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
    outside = re.sub(r"@media[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}", "", sheet)
    assert not re.search(r"\{", re.sub(r"/\*.*?\*/", "", outside, flags=re.S))


@pytest.mark.slow
def test_links_to_the_shared_copy_when_a_link_base_is_set(tmp_path, tmp_path_factory):
    from pipeline.delivery import mail
    from pipeline.packs import manifest
    from pipeline.packs.targets import SmtpTarget

    pack = desk_day_pack(tmp_path_factory)
    target = SmtpTarget(
        url="smtp://127.0.0.1:25",
        sender=SENDER,
        lists={"moscow": {"to": ["office@example.org"], "locales": ["ru"]}},
        attach_limit_mb=0,
        link_base="https://intranet.example.org/packs/",
    )
    message = mail.compose(
        pack, manifest.read(pack), target, "moscow", target.lists["moscow"],
        Project(DESK_DAY).template_dirs, Project(DESK_DAY).interface_catalog_dirs,
    )  # fmt: skip
    page = html_part(message)
    base = f"https://intranet.example.org/packs/{DATE}/"
    for slug in ORDER:
        assert f'href="{base}ru/{slug}.pdf"' in page and f'href="{base}ru/{slug}.html"' in page
    assert f'href="{base}{DATE}-briefing-book-ru.pdf"' in page
    assert not list(message.iter_attachments())
    assert f"{base}ru/{ORDER[0]}.pdf" in message.get_body(("plain",)).get_content()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.is_file() and AXE.is_file(), "make setup installs chromium and axe-core"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.mark.slow
@pytest.mark.parametrize("width", [375, 600])
def test_the_html_passes_axe_and_fits_a_phone(delivered, browser, width, tmp_path):
    source = tmp_path / "digest.html"
    source.write_text(html_part(delivered), encoding="utf-8")
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    try:
        page.goto(source.as_uri(), wait_until="load")
        assert requests == [source.as_uri()], "the message loads nothing"
        scroll_width, client_width = page.evaluate(
            "[document.scrollingElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert scroll_width <= client_width, f"{scroll_width} px of content in {width} px"
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"digest-ru-{width}px.png"))  # the first screen
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
        results = page.evaluate("async () => await axe.run(document)")
        blocking = [
            {"id": item["id"], "impact": item["impact"], "nodes": len(item["nodes"])}
            for item in results["violations"]
            if item["impact"] in BLOCKING_IMPACTS
        ]
        assert blocking == [], json.dumps(blocking, ensure_ascii=False)
        assert len(results["passes"]) > 15
    finally:
        context.close()


@pytest.mark.slow
def test_dark_mode_keeps_text_readable(delivered, browser, tmp_path):
    """With the reader's dark preference, every text keeps a contrasting background."""
    source = tmp_path / "digest.html"
    source.write_text(html_part(delivered), encoding="utf-8")
    context = browser.new_context(viewport={"width": 600, "height": 900}, color_scheme="dark")
    page = context.new_page()
    try:
        page.goto(source.as_uri(), wait_until="load")
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
        results = page.evaluate(
            "async () => await axe.run(document, {runOnly: ['color-contrast']})"
        )
        assert [item["id"] for item in results["violations"]] == []
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert background == "rgb(21, 25, 30)"
    finally:
        context.close()


# --- Fast: composing from a manifest, no render and no server -------------------------------


def _document() -> dict:
    def text(value: str, lang: str | None = None) -> dict:
        return {"text": value, "lang": lang}

    item = {
        "slug": "a-note", "locale": "ru", "language": "en",
        "title": text("Заголовок"), "short_title": text("Коротко"),
        "interviewee": text("Айгерим"), "role": text("председатель"),
        "outlet": text("Вестник"), "handling": text("Для сведения"),
        "key_points": [text("Первый тезис"), text("Second point", "en")],
        "figures": [{"label": text("Каналы"), "value": "140 километров",
                     "period": text("к 2028 году"), "stated_by": text("Председатель")}],
    }  # fmt: skip
    pdf = {"path": "ru/a-note.pdf", "format": "pdf", "locale": "ru", "slug": "a-note",
           "title": "Заголовок", "outlet": "Вестник", "language": "en", "pages": 3,
           "size": 40_000, "translation": {"translated": 1, "total": 2, "percent": 50.0}}  # fmt: skip
    return {
        "date": DATE, "locales": ["ru"], "files": [pdf], "items": {"ru": [item]},
        "desk": "Sample desk", "archive": {"path": f"{DATE}-briefing-pack.zip"},
    }  # fmt: skip


def _compose(**target):
    from pipeline.delivery import digest
    from pipeline.packs.targets import SmtpTarget
    from pipeline.project import BUILTIN_LOCALES, BUILTIN_TEMPLATES

    smtp = SmtpTarget(
        url="smtp://127.0.0.1:25", sender=SENDER, lists={"x": {"to": ["a@example.org"]}}, **target
    )
    day = digest.Day(
        _document(), ["ru"], link=lambda path: None, attached={"ru/a-note.pdf"},
        attachment_name=lambda entry: "a-note.ru.pdf",
    )  # fmt: skip
    return digest.compose(day, smtp, (BUILTIN_TEMPLATES,), (BUILTIN_LOCALES,))


def test_the_digest_of_a_manifest_says_the_same_in_html_and_text():
    composed = _compose()
    assert composed.subject == f"Брифинг-пакет {DATE}"
    assert composed.preheader == "1 интервью за сегодня: Заголовок"
    page, plain = visible(composed.html), composed.text
    for words in ("Первый тезис", "Second point", "140 километров", "к 2028 году", "Айгерим"):
        assert words in page and words in plain
    assert "во вложении: a-note.ru.pdf" in page and "во вложении: a-note.ru.pdf" in plain
    assert '<li lang="en"' in composed.html, "a fallback point keeps its language"
    for style in re.findall(r'style="([^"]*)"', composed.html):
        if re.search(r"(^|;)\s*color:", style):
            assert "background-color:" in style, style


def test_subject_and_preheader_come_from_the_settings_per_locale():
    composed = _compose(
        subject={"ru": "Утро {date}", "*": "Morning {date}"}, preheader="Сегодня: {date}"
    )
    assert composed.subject == f"Утро {DATE}" and composed.preheader == f"Сегодня: {DATE}"
    assert _compose(subject="Morning {date}").subject == f"Morning {DATE}"


def test_a_changed_interview_says_what_changed_and_names_its_change_view():
    from pipeline.delivery import digest
    from pipeline.packs.targets import SmtpTarget
    from pipeline.project import BUILTIN_LOCALES, BUILTIN_TEMPLATES

    document = _document()
    view = {**document["files"][0], "path": "ru/a-note.changes.pdf", "view": "changes"}
    document["files"].append(view)
    summary = "1 абзац ответа переписан"
    document["changes"] = {
        "since": "2026-11-26",
        "notes": [{"slug": "a-note", "locale": "ru", "status": "changed", "summary": summary}],
    }
    smtp = SmtpTarget(url="smtp://127.0.0.1:25", sender=SENDER, lists={"x": {"to": ["a@b.org"]}})
    day = digest.Day(
        document, ["ru"], link=lambda path: None,
        attached={"ru/a-note.pdf", "ru/a-note.changes.pdf"},
        attachment_name=lambda entry: entry["path"].replace("/", "-"),
    )  # fmt: skip
    composed = digest.compose(day, smtp, (BUILTIN_TEMPLATES,), (BUILTIN_LOCALES,))
    page, plain = visible(composed.html), composed.text
    for words in (f"Изменено {summary}", "ru-a-note.changes.pdf"):
        assert words in " ".join(page.split()), words
    assert f"[Изменено] {summary}" in plain and "ru-a-note.changes.pdf" in plain
    # The note's own attachment stays the note's; the change view is listed apart.
    assert plain.index("ru-a-note.pdf") < plain.index("ru-a-note.changes.pdf")
