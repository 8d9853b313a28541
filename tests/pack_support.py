"""Helpers shared by the pack tests: content batches, the CLI in-process and as a process."""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from click.testing import CliRunner, Result

from pipeline.cli.app import main
from tests.conftest import EPOCH, ROOT, SEED_CONTENT, seed_data

DATE = "2026-11-27"  # SOURCE_DATE_EPOCH's date


def write_note(folder: Path, slug: str, **changes: object) -> Path:
    """The seed under another slug (and with `changes`), as <folder>/<slug>.yaml."""
    data = copy.deepcopy(seed_data())
    data.update(slug=slug, **changes)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{slug}.yaml"
    text = yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return path


class _NoAliases(yaml.SafeDumper):
    """Repeated values written out in full: content refuses YAML aliases."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def seed_and_copy(folder: Path) -> list[Path]:
    """Two interviews: the seed itself and a copy under another slug."""
    folder.mkdir(parents=True, exist_ok=True)
    seed = Path(shutil.copy(SEED_CONTENT, folder / SEED_CONTENT.name))
    return [seed, write_note(folder, "second-interview", title="A second interview, same words")]


def invoke(*arguments: object) -> Result:
    """`briefing ARGS` in this process."""
    return CliRunner().invoke(main, [str(a) for a in arguments], catch_exceptions=False)


def report(result: Result) -> dict:
    """The --json run report of an invocation."""
    return json.loads(result.stdout)


def environment(**extra: str) -> dict[str, str]:
    return {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, **extra}


def briefing_process(*arguments: object, **options) -> subprocess.Popen:
    """`briefing ARGS` as its own process (in its own session, so it can be killed whole)."""
    return subprocess.Popen(
        [sys.executable, "-m", "pipeline", *map(str, arguments)],
        cwd=ROOT,
        env=options.pop("env", environment()),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        **options,
    )


def copy_packs(root: Path, target: Path) -> Path:
    """A packs folder copied with its symlinks as symlinks."""
    return Path(shutil.copytree(root, target, symlinks=True))


def files_of(pack: Path) -> dict[str, bytes]:
    """Every file of a pack by its path in the pack."""
    folder = pack.resolve()
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


__all__ = ["DATE", "ROOT", "SEED_CONTENT"]
