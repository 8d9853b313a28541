"""The digest e-mail's two bodies: the day's items for one recipient list, as HTML and as text.

Both come from the manifest's items (the record the books' covers show, see
pipeline.render.book.item) in the list's locales and in the order of the day:
headline, interviewee and outlet, the key points, the key figures, and for each
format the attachment's name or its link. The HTML is a 600 px table layout
for mail clients, its styles inlined with css_inline (Outlook keeps little
else), no script, picture or remote resource; the text part says the same.
Interface words go through the catalogs of the list's first locale.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.packs import index as pack_index
from pipeline.packs.targets import SmtpTarget, for_locale


@dataclass(frozen=True)
class Digest:
    subject: str
    preheader: str
    html: str
    text: str


@dataclass(frozen=True)
class Day:
    """What one list gets: the pack's manifest narrowed to its locales, and how files travel."""

    document: dict
    locales: Sequence[str]
    link: Callable[[str], str | None]
    attached: Collection[str]
    attachment_name: Callable[[dict], str]


def compose(
    day: Day, target: SmtpTarget, templates: tuple[Path, ...], catalogs: tuple[Path, ...]
) -> Digest:
    from pipeline.i18n.catalogs import formatting, interface_translations
    from pipeline.i18n.formatting import language_name, long_date

    locale = day.locales[0]
    _, ngettext = formatting(interface_translations(locale, catalogs))
    date = dt.date.fromisoformat(day.document["date"])
    sections: list[dict] = [
        {
            "locale": each,
            "name": language_name(each, locale),
            "entries": [_item(item, day) for item in day.document.get("items", {}).get(each, [])],
        }
        for each in day.locales
    ]
    count = max((len(section["entries"]) for section in sections), default=0)
    first = next((s["entries"][0]["title"]["text"] for s in sections if s["entries"]), "")
    subject = _subject(target, locale, date, _)
    preheader = _preheader(target, locale, date, ngettext, count, first)
    attached_any = bool(day.attached)
    context = {
        "lang": locale,
        "subject": subject,
        "preheader": preheader,
        "desk": day.document.get("desk"),
        "date_long": long_date(date, locale),
        "count": count,
        "intro": _("The PDFs are attached.")
        if attached_any
        else _("The PDFs are linked: too large to attach."),
        "sections": sections,
        "books": [
            {**_file(entry, day), "language": language_name(entry["locale"], locale)}
            for entry in day.document["files"]
            if entry["format"] == "book" and entry["locale"] in day.locales
        ],
        "footer": _("Sent by briefing: every file and its SHA-256 are in the pack's manifest."),
        "archive": day.document["archive"]["path"],
        "archive_href": day.link(day.document["archive"]["path"]),
    }
    html = _html(context, templates, catalogs, locale)
    return Digest(subject, preheader, html, _text(context, _))


def _item(item: dict, day: Day) -> dict:
    files = [
        entry
        for entry in day.document["files"]
        if entry["format"] in pack_index.FORMAT_LABELS and entry["locale"] in day.locales
    ]
    row = pack_index.item_row(item, files, day.link, day.attached, item["locale"])
    views = [entry for entry in files if entry.get("view")]
    changes = day.document.get("changes")
    row |= pack_index.change_mark(item, changes, views, day.link, day.attached, item["locale"])
    by_path = {entry["path"]: entry for entry in files}

    def named(listed: list[dict]) -> list[dict]:
        return [
            {**file, "attachment": day.attachment_name(by_path[file["path"]])} for file in listed
        ]

    row["files"] = named(row["files"])
    if row["change"]:
        row["change"] = {**row["change"], "files": named(row["change"]["files"])}
    return row


def _file(entry: dict, day: Day) -> dict:
    return {
        "format": entry["format"],
        "path": entry["path"],
        "href": day.link(entry["path"]),
        "attached": entry["path"] in day.attached,
        "attachment": day.attachment_name(entry),
    }


def _subject(target: SmtpTarget, locale: str, date: dt.date, gettext: Callable) -> str:
    chosen = for_locale(target.subject, locale) if "subject" in target.model_fields_set else None
    if chosen is None:
        return gettext("Briefing pack %(date)s", date=date.isoformat())
    return chosen.format(date=date.isoformat())


def _preheader(
    target: SmtpTarget, locale: str, date: dt.date, ngettext: Callable, count: int, first: str
) -> str:
    chosen = for_locale(target.preheader, locale)
    if chosen is not None:
        return chosen.format(date=date.isoformat())
    opening = ngettext("%(num)s interview today", "%(num)s interviews today", count)
    return f"{opening}: {first}" if first else opening


def _html(context: dict, templates, catalogs, locale: str) -> str:
    import css_inline
    from markupsafe import Markup

    from pipeline.render import templating

    env = templating.environment(templates, catalogs, locale)
    media = templating._read_template_source(env, "mail/media.css")
    page = env.get_template("mail/digest.html").render(**context, css=Markup(media))
    styles = templating._read_template_source(env, "mail/digest.css")
    inliner = css_inline.CSSInliner(
        keep_style_tags=True, keep_at_rules=True, load_remote_stylesheets=False, extra_css=styles
    )
    return inliner.inline(page)


def _text(context: dict, gettext: Callable) -> str:
    """The plain-text part: the same items, files and links, for clients that show no HTML."""
    lines = [gettext("Briefing pack, %(date)s", date=context["date_long"])]
    if context["desk"]:
        lines.append(context["desk"])
    lines += [context["intro"], ""]
    for section in context["sections"]:
        if len(context["sections"]) > 1:
            lines += [f"== {section['name']} ==", ""]
        for item in section["entries"]:
            lines += _text_item(item, gettext)
    for book in context["books"]:
        lines.append(
            f"{gettext('Briefing book')} ({book['language']}): {_text_file(book, gettext)}"
        )
    return "\n".join(lines).rstrip() + "\n"


def _text_item(item: dict, gettext: Callable) -> list[str]:
    lines = [item["title"]["text"]]
    lines.append(
        f"{item['interviewee']['text']}, {item['role']['text']} · {item['outlet']['text']}"
    )
    change = item.get("change")
    if change:
        label = gettext(_CHANGE_LABELS[change["status"]])
        lines.append(f"  [{label}] {change['summary']}".rstrip())
    lines += [f"  - {point['text']}" for point in item["key_points"]]
    for figure in item["figures"]:
        lines.append(
            f"  {figure['label']['text']}: {figure['value']} ({figure['period']['text']}; "
            f"{figure['stated_by']['text']})"
        )
    lines += [f"  {file['format'].upper()}: {_text_file(file, gettext)}" for file in item["files"]]
    if change and change["files"]:
        lines.append(f"  {gettext('Changes marked:')}")
        lines += [f"  {f['format'].upper()}: {_text_file(f, gettext)}" for f in change["files"]]
    return [*lines, ""]


_CHANGE_LABELS = {
    "new": "New",
    "changed": "Changed",
    "unchanged": "Unchanged",
    "removed": "Removed",
}
"""The words of the index's marks (interface strings, translated where printed)."""


def _text_file(file: dict, gettext: Callable) -> str:
    if file.get("href"):
        return file["href"]
    if file.get("attached"):
        return gettext("attached as %(name)s", name=file["attachment"])
    return gettext("in the pack, %(path)s", path=file["path"])
