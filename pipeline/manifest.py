"""A pack's manifest, its deterministic zip, and `verify`.

`manifest.json` lists every file of the pack with its SHA-256 and size, and
where it came from. Its schema is published as `schemas/pack-manifest.schema.json`.
The zip holds the notes, `index.html` and `manifest.json`; it is not listed in
the manifest (it contains it), so `verify` checks each of its members against
the manifest instead.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile
import zlib
from collections.abc import Iterable
from pathlib import Path

from pipeline.cache import sha256

MANIFEST = "manifest.json"
INDEX = "index.html"
FORMAT_VERSION = 1
SCHEMA_ID = "https://briefing-pipeline.invalid/schemas/pack-manifest/1"
ZIP_EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)
ZIP_LEVEL = 6


def archive_name(date: dt.date) -> str:
    return f"{date.isoformat()}-briefing-pack.zip"


def dumps(manifest: dict) -> bytes:
    """The one serialisation: sorted keys, two-space indent, UTF-8, final newline."""
    return (json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()


def zip_bytes(members: Iterable[tuple[str, bytes]], timestamp: dt.datetime) -> bytes:
    """A zip that depends only on its members and `timestamp`: sorted, fixed attributes."""
    stamp = max(timestamp.astimezone(dt.UTC), ZIP_EPOCH).timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in sorted(members):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whatever this machine is
            info.external_attr = 0o100644 << 16
            archive.writestr(info, data, compresslevel=ZIP_LEVEL)
    return buffer.getvalue()


def pdf_pages(data: bytes) -> int | None:
    """Page count of a PDF, read from its page objects (also inside object streams)."""
    chunks = [data]
    for match in re.finditer(rb"/Type\s*/ObjStm\b", data):
        start = data.find(b"stream", match.end())
        if start < 0:
            continue
        start += len(b"stream")
        start += 2 if data[start : start + 2] == b"\r\n" else 1
        try:
            chunks.append(zlib.decompressobj().decompress(data[start:]))
        except zlib.error:
            return None
    count = sum(len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", chunk)) for chunk in chunks)
    return count or None


def verify(pack: Path) -> list[str]:
    """Every difference between the pack and its manifest, each naming its file."""
    manifest_path = pack / MANIFEST
    if not manifest_path.is_file():
        return [f"{MANIFEST}: missing; is {pack} a briefing pack?"]
    manifest_bytes = manifest_path.read_bytes()
    try:
        manifest = json.loads(manifest_bytes)
        files = {entry["path"]: entry for entry in manifest["files"]}
        archive = manifest["archive"]["path"]
    except (ValueError, KeyError, TypeError) as error:
        return [f"{MANIFEST}: not a pack manifest ({type(error).__name__}: {error})"]
    problems = []
    for name, entry in sorted(files.items()):
        path = pack / name
        if not path.is_file():
            problems.append(f"{name}: missing")
            continue
        data = path.read_bytes()
        if len(data) != entry.get("size") or sha256(data) != entry.get("sha256"):
            problems.append(f"{name}: differs from the manifest (SHA-256 or size)")
    present = {path.relative_to(pack).as_posix() for path in pack.rglob("*") if not path.is_dir()}
    for name in sorted(present - set(files) - {MANIFEST, archive}):
        problems.append(f"{name}: extra file, not in the manifest")
    problems += _verify_archive(pack / archive, archive, files, manifest_bytes)
    return problems


def _verify_archive(path: Path, name: str, files: dict, manifest_bytes: bytes) -> list[str]:
    if not path.is_file():
        return [f"{name}: missing"]
    problems = []
    try:
        with zipfile.ZipFile(path) as archive:
            members = {info.filename for info in archive.infolist()}
            for member in sorted(members):
                data = archive.read(member)
                expected = manifest_bytes if member == MANIFEST else None
                entry = files.get(member)
                if expected is None and entry is None:
                    problems.append(f"{name}: {member}: extra member, not in the manifest")
                elif expected is not None and data != expected:
                    problems.append(f"{name}: {member}: differs from the pack's {MANIFEST}")
                elif entry is not None and sha256(data) != entry.get("sha256"):
                    problems.append(f"{name}: {member}: differs from the manifest")
            for missing in sorted((set(files) | {MANIFEST}) - members):
                problems.append(f"{name}: {missing}: missing from the archive")
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as error:
        problems.append(f"{name}: damaged archive ({error})")
    return problems
