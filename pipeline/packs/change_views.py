"""The pack's side of change views (see pipeline.changes).

Each pack records its notes' passages in versions.json. The next pack compares
every note with the same note (slug and locale) of the newest complete pack before
its date, says what changed, and renders a change view of each changed note beside
it: `<locale>/<slug>.changes.<ext>`. An unchanged note gets no change view and costs
no render; a first pack, or one after a pack without versions.json, compares nothing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import digests, render
from pipeline.changes import compare, marks, summary, versions
from pipeline.engine import cache
from pipeline.errors import ContentError
from pipeline.packs import manifest, publish
from pipeline.packs.contents import Note, Options, Wanted

log = logging.getLogger(__name__)

VIEW = "changes"
"""The manifest's `view` of a change view, and the infix of its file name."""

_DATED = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Previous:
    date: dt.date
    digest: str
    """SHA-256 of its versions.json: part of this pack's inputs."""
    records: dict[tuple[str, str], versions.NoteVersion]


@dataclass
class Outcome:
    """What a pack knows of its changes: its versions.json, each note's status, the views."""

    versions: bytes
    since: dt.date | None
    notes: list[dict] = field(default_factory=list)
    wanted: list[Wanted] = field(default_factory=list)

    def section(self) -> dict | None:
        """The manifest's `changes`: the date compared with, and each note's status."""
        if self.since is None:
            return None
        return {"since": self.since.isoformat(), "notes": self.notes}

    def note(self) -> tuple[str, Note]:
        """versions.json as a file of the pack, with its line in the manifest."""
        line = {
            "path": versions.FILE,
            "sha256": digests.sha256(self.versions),
            "size": len(self.versions),
            "format": "versions",
            "locale": None,
        }
        return versions.FILE, Note(self.versions, line)


def previous_pack(root: Path, date: dt.date) -> Previous | None:
    """The newest complete pack before `date` that recorded its versions, if any."""
    layout = publish.Layout(root)
    dated = sorted(
        (link for link in layout.published() if _DATED.match(link.name)),
        key=lambda link: link.name,
        reverse=True,
    )
    for link in dated:
        if link.name >= date.isoformat():
            continue
        try:
            document = manifest.read(link)
        except manifest.ManifestError as error:
            log.warning("%s: %s; not compared with", link, error)
            continue
        if document["complete"] is not True:
            continue
        if not any(entry["path"] == versions.FILE for entry in document["files"]):
            return None
        return _read_previous(link, dt.date.fromisoformat(document["date"]))
    return None


def _read_previous(link: Path, date: dt.date) -> Previous | None:
    try:
        data = manifest.read_file(link.resolve(), versions.FILE, versions.MAX_BYTES)
        records = versions.loads(data, link / versions.FILE)
    except (OSError, ContentError) as error:
        log.warning("%s: %s; not compared with", link / versions.FILE, error)
        return None
    return Previous(date, digests.sha256(data), records)


def published(pack: Path) -> dict | None:
    """The `changes` of a published pack's manifest (found up to date, it is not compared again)."""
    try:
        return manifest.read(pack).get("changes")
    except manifest.ManifestError:
        return None


def views_of(changes: dict | None) -> list[str]:
    """The paths of the change views `changes` lists."""
    return [view for note in (changes or {}).get("notes", []) for view in note.get("views", [])]


def inputs(digest: str, previous: Previous | None) -> str:
    """This pack's inputs digest, with the versions it compares with (none: unchanged)."""
    if previous is None:
        return digest
    return digests.sha256(f"{digest} {previous.date} {previous.digest}".encode())


def plan(
    options: Options,
    fingerprints: cache.Fingerprints,
    rendered_at: dt.datetime,
) -> Outcome:
    """Compare every note with the previous pack; the change views of the changed ones."""
    from pipeline.content import loader

    sources = loader.load_all(options.content, fingerprints.contents)
    records = versions.of_sources(sources, options.locales, options.project)
    outcome = Outcome(versions.dumps(records), None)
    previous = previous_pack(options.root, options.date)
    if previous is None:
        return outcome
    outcome.since = previous.date
    paths = {source.interview.slug: source.path for source in sources}
    renderer_options = {
        "allow_missing_glyphs": options.allow_missing_glyphs,
        "rendered_at": rendered_at.isoformat(),
    }
    at = rendered_at.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
    current = {record.key: record for record in records}
    for key in sorted(set(current) | set(previous.records)):
        comparison = compare.compare(previous.records.get(key), current.get(key))
        entry: dict[str, object] = {"slug": key[0], "locale": key[1], "status": comparison.status}
        if comparison.status == compare.CHANGED:
            line = summary.line(comparison, key[1], options.project.interface_catalog_dirs)
            entry["summary"] = line
            entry["summary_en"] = summary.line(comparison, "en", ())
            change_marks = marks.change_marks(comparison, line, previous.date, at)
            views = _views(
                options, fingerprints, renderer_options, paths[key[0]], key[1], change_marks
            )
            entry["views"] = [item.path for item in views]
            outcome.wanted += views
        outcome.notes.append(entry)
    return outcome


def _views(options, fingerprints, renderer_options, source, locale, change_marks) -> list[Wanted]:
    material = json.dumps(dataclasses.asdict(change_marks), sort_keys=True).encode()
    view_options = {**renderer_options, "changes": digests.sha256(material)}
    wanted = []
    for format_name in options.formats:
        key, sources = fingerprints.key(source, locale, format_name, view_options)
        suffix = render.get(format_name).suffix
        path = f"{locale}/{source.stem}.{VIEW}{suffix}"
        wanted.append(Wanted(source, locale, format_name, path, key, sources, change_marks))
    return wanted
