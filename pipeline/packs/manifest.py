"""A pack's manifest, its deterministic zip, and `verify`.

`manifest.json` lists every file of the pack with its SHA-256 and size, and
where it came from. Its schema is published as `schemas/pack-manifest.schema.json`.
The zip holds the notes, `index.html` and `manifest.json`; it is not listed in
the manifest (it contains it), so `verify` checks each of its members against
the manifest instead.

A pack on disk is input like any other: a manifest is checked against its schema
before any field is used, and no symbolic link inside a pack is followed, by
`verify` or by the copy a folder delivery makes."""

from __future__ import annotations

import collections
import datetime as dt
import errno
import io
import json
import os
import re
import stat
import zipfile
import zlib
from collections.abc import Iterable
from pathlib import Path

from pipeline import atomic
from pipeline.digests import sha256
from pipeline.errors import BriefingError
from pipeline.packs.schema_check import MAX_PROBLEMS, schema_problems

MANIFEST = "manifest.json"
INDEX = "index.html"
FORMAT_VERSION = 1
SCHEMA_ID = "https://briefing-pipeline.invalid/schemas/pack-manifest/1"
ZIP_EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)
ZIP_LEVEL = 6
MAX_MANIFEST_BYTES = 64 * 2**20
"""A manifest lists a few hundred files in a few hundred KB; past this, it is not one."""


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


class ManifestError(BriefingError):
    """A manifest that cannot be read, or does not follow its schema; lists every problem."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


def read(pack: Path) -> dict:
    """The pack's manifest, checked against its schema; ManifestError names what is wrong."""
    return _load(pack.resolve())[1]


def _load(root: Path) -> tuple[bytes, dict]:
    """The manifest's bytes, and the document they hold if it follows the schema."""
    try:
        data = read_file(root, MANIFEST, MAX_MANIFEST_BYTES)
    except FileNotFoundError:
        raise ManifestError([f"{MANIFEST}: missing; is {root} a briefing pack?"]) from None
    except OSError as error:
        raise ManifestError([f"{MANIFEST}: cannot be read ({error.strerror or error})"]) from None
    try:
        document = json.loads(data, parse_constant=_refuse_constant)
    except (ValueError, RecursionError) as error:
        raise ManifestError([f"{MANIFEST}: not JSON ({type(error).__name__}: {error})"]) from None
    problems = [f"{MANIFEST}: {problem}" for problem in schema_problems(document)]
    if len(problems) > MAX_PROBLEMS:
        problems[MAX_PROBLEMS:] = [f"... and {len(problems) - MAX_PROBLEMS} more"]
    if problems:
        raise ManifestError(problems)
    return data, document


def _refuse_constant(name: str) -> object:
    raise ValueError(f"{name} is not a JSON number")


def verify(pack: Path) -> list[str]:
    """Every difference between the pack and its manifest, each naming its file.

    Nothing is followed: every entry of the pack that is not a regular file the
    manifest lists (a symbolic link, a pipe, an empty folder) is a problem.
    """
    root = pack.resolve()
    try:
        manifest_bytes, document = _load(root)
        regular, problems = _entries(root)
    except ManifestError as error:
        return error.problems
    except OSError as error:
        return [f"{error.filename or pack}: cannot be read ({error.strerror or error})"]
    files = {entry["path"]: entry for entry in document["files"]}
    archive = document["archive"]["path"]
    problems += _duplicates(document["files"])
    for name, entry in sorted(files.items()):
        if name in regular:
            problems += _verify_file(root, name, entry)
        elif not os.path.lexists(root / name):
            problems.append(f"{name}: missing")
    for name in sorted(regular - set(files) - {MANIFEST, archive}):
        problems.append(f"{name}: extra file, not in the manifest")
    if archive in regular:
        problems += _verify_archive(root, archive, files, manifest_bytes)
    elif not os.path.lexists(root / archive):
        problems.append(f"{archive}: missing")
    return problems


def copy_listed(pack: Path, destination: Path) -> None:
    """Copy the files the manifest lists, itself and the zip into `destination`; nothing else.

    Each file is opened without following symbolic links, so a link planted in the
    pack (even after `verify`) cannot bring other files into a delivery.
    """
    root = pack.resolve()
    manifest_bytes, document = _load(root)
    names = [entry["path"] for entry in document["files"]] + [document["archive"]["path"]]
    for name in names:
        atomic.write_bytes(destination / name, read_file(root, name))
    atomic.write_bytes(destination / MANIFEST, manifest_bytes)


def read_file(root: Path, name: str, limit: int | None = None) -> bytes:
    """The regular file `name` (a /-separated path) under `root`, no symbolic link followed."""
    *folders, leaf = name.split("/")
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for folder in folders:
            inner = _open_nofollow(folder, os.O_DIRECTORY, fd, name)
            os.close(fd)
            fd = inner
        # Non-blocking, so that a named pipe put in the pack cannot hold the open.
        leaf_fd = _open_nofollow(leaf, os.O_NONBLOCK, fd, name)
    finally:
        os.close(fd)
    with os.fdopen(leaf_fd, "rb") as stream:
        status = os.fstat(leaf_fd)
        if not stat.S_ISREG(status.st_mode):
            raise OSError(errno.EINVAL, "not a regular file", name)
        if limit is not None and status.st_size > limit:
            raise OSError(errno.EFBIG, f"larger than {limit // 2**20} MiB", name)
        return stream.read()


def _open_nofollow(part: str, flags: int, folder_fd: int, name: str) -> int:
    try:
        return os.open(part, os.O_RDONLY | os.O_NOFOLLOW | flags, dir_fd=folder_fd)
    except OSError as error:
        if _is_link(part, folder_fd):
            raise OSError(errno.ELOOP, "a symbolic link, not a file of the pack", name) from None
        raise OSError(error.errno, error.strerror, name) from None


def _is_link(part: str, folder_fd: int) -> bool:
    try:
        return stat.S_ISLNK(os.stat(part, dir_fd=folder_fd, follow_symlinks=False).st_mode)
    except OSError:
        return False


def _entries(root: Path) -> tuple[set[str], list[str]]:
    """The pack's regular files by path, and a problem for each entry that is none."""
    regular, problems = set(), []
    pending = [(root, "")]
    while pending:
        folder, prefix = pending.pop()
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
        if not entries and prefix:
            problems.append(f"{prefix}: an empty folder, not in the manifest")
        for entry in entries:
            name = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                pending.append((Path(entry.path), name + "/"))
            elif entry.is_file(follow_symlinks=False):
                regular.add(name)
            else:
                problems.append(f"{name}: {_kind(entry)}, not a file of the pack")
    return regular, sorted(problems)


def _kind(entry: os.DirEntry) -> str:
    if entry.is_symlink():
        return "a symbolic link to a folder" if entry.is_dir() else "a symbolic link"
    mode = entry.stat(follow_symlinks=False).st_mode
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    return "a socket" if stat.S_ISSOCK(mode) else "a device or other special file"


def _duplicates(files: list[dict]) -> list[str]:
    counts = collections.Counter(entry["path"] for entry in files)
    twice = sorted(name for name, count in counts.items() if count > 1)
    return [f"{MANIFEST}: files: {name} is listed more than once" for name in twice]


def _verify_file(root: Path, name: str, entry: dict) -> list[str]:
    try:
        data = read_file(root, name)
    except OSError as error:
        return [f"{name}: cannot be read ({error.strerror or error})"]
    if len(data) != entry["size"] or sha256(data) != entry["sha256"]:
        return [f"{name}: differs from the manifest (SHA-256 or size)"]
    return []


def _verify_archive(root: Path, name: str, files: dict, manifest_bytes: bytes) -> list[str]:
    problems = []
    try:
        with zipfile.ZipFile(io.BytesIO(read_file(root, name))) as archive:
            infos = {info.filename: info for info in archive.infolist()}
            for member in sorted(infos):
                problems += _verify_member(archive, infos[member], name, files, manifest_bytes)
            for missing in sorted((set(files) | {MANIFEST}) - set(infos)):
                problems.append(f"{name}: {missing}: missing from the archive")
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError) as error:
        problems.append(f"{name}: damaged archive ({error})")
    return problems


def _verify_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, files: dict, manifest_bytes: bytes
) -> list[str]:
    member = info.filename
    if member == MANIFEST:
        # The declared size bounds what reading inflates: a bomb is refused unread.
        if info.file_size != len(manifest_bytes) or archive.read(info) != manifest_bytes:
            return [f"{name}: {member}: differs from the pack's {MANIFEST}"]
        return []
    entry = files.get(member)
    if entry is None:
        return [f"{name}: {member}: extra member, not in the manifest"]
    if info.file_size != entry["size"] or sha256(archive.read(info)) != entry["sha256"]:
        return [f"{name}: {member}: differs from the manifest"]
    return []


# --- The schema, checked by the structure it describes -------------------------------------
#
# jsonschema is a development dependency only; these few keywords are all the manifest's
# schema uses (tests/hostile/test_round2_packs.py checks that, and that both agree).
