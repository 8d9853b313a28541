"""Score the importer on a folder of samples: each `<case>/raw.*` beside its `expected.yaml`.

A sample is *exact* when every turn (question, answer, topic) is as expected;
each header field the sample expects (title, dateline, outlet, interviewee) is
scored on its own. A sample is *silently wrong* when something it expects came
out otherwise and the import flagged nothing (no unsure turn, no placeholder):
the one outcome a desk cannot catch.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from pipeline.importer.core import UNKNOWN_TITLE, ImportResult, import_text
from pipeline.importer.people import UNKNOWN_NAME, UNKNOWN_OUTLET

FIELDS = ("title", "dateline", "outlet", "interviewee")
PLACEHOLDERS = frozenset({UNKNOWN_TITLE, UNKNOWN_OUTLET, UNKNOWN_NAME})


@dataclass
class Score:
    case: str
    kind: str
    turns: bool
    fields: dict[str, bool | None] = field(default_factory=dict)  # None: the sample has none
    flagged: bool = False
    error: str | None = None

    @property
    def right(self) -> bool:
        return self.turns and all(ok is not False for ok in self.fields.values())

    @property
    def silently_wrong(self) -> bool:
        return not self.right and not self.flagged


def cases(folder: Path) -> list[Path]:
    return sorted(path for path in folder.iterdir() if raw_file(path) is not None)


def raw_file(case: Path) -> Path | None:
    found = sorted(case.glob("raw.*")) if case.is_dir() else []
    return found[0] if found else None


def run(case: Path) -> tuple[dict, ImportResult]:
    raw = raw_file(case)
    assert raw is not None, case
    expected = yaml.safe_load((case / "expected.yaml").read_text(encoding="utf-8"))
    return expected, import_text(raw.read_bytes(), name=f"{case.name}{raw.suffix}")


def score(case: Path) -> Score:
    raw = raw_file(case)
    kind = raw.suffix.lstrip(".") if raw else "?"
    try:
        expected, result = run(case)
    except Exception as error:  # a refusal or a crash scores as wrong, never as silent
        return Score(case.name, kind, False, flagged=True, error=str(error).splitlines()[0])
    got = result.data
    fields = {
        name: (got[name] == expected[name]) if _given(expected.get(name)) else None
        for name in FIELDS
        if name in expected
    }
    flagged = bool(result.unsure or result.doubts or result.report.placeholders)
    return Score(
        case.name, kind, _turns(got["turns"]) == _turns(expected["turns"]), fields, flagged
    )


def _given(value: object) -> bool:
    """Whether the sample's text gives this field (a placeholder says it does not)."""
    if isinstance(value, dict):
        return _given(value.get("name"))
    return value is not None and value not in PLACEHOLDERS


def _turns(turns: list[dict]) -> list[tuple]:
    return [(t.get("topic"), t["question"], tuple(t["answer"])) for t in turns]


def table(scores: list[Score]) -> list[str]:
    """The score table `make import-score` prints."""
    mark = {True: "ok", False: "WRONG", None: "-"}
    head = f"{'sample':<34} {'kind':<5} {'turns':<6}" + "".join(f"{f:<12}" for f in FIELDS)
    lines = [head + "flagged  silent", "-" * (len(head) + 15)]
    for s in scores:
        cells = "".join(f"{mark[s.fields.get(f)]:<12}" for f in FIELDS)
        silent = "SILENT" if s.silently_wrong else ""
        lines.append(
            f"{s.case:<34} {s.kind:<5} {mark[s.turns]:<6}{cells}{'yes' if s.flagged else '':<9}{silent}"
        )
        if s.error:
            lines.append(f"    error: {s.error}")
    lines += ["", *summary(scores)]
    return lines


def summary(scores: list[Score]) -> list[str]:
    total = len(scores)

    def share(count: int, of: int) -> str:
        return f"{count}/{of} ({100 * count / of:.0f}%)" if of else "0/0"

    lines = [f"samples: {total}", f"turns exact: {share(sum(s.turns for s in scores), total)}"]
    for name in FIELDS:
        scored = [s for s in scores if s.fields.get(name) is not None]
        lines.append(
            f"{name} right: {share(sum(bool(s.fields[name]) for s in scored), len(scored))}"
        )
    lines.append(f"silently wrong: {sum(s.silently_wrong for s in scores)}")
    return lines
