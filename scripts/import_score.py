"""Print how `briefing import` reads every sample of tests/fixtures/import/ (make import-score).

Exits 1 when a sample's turns are not exact or one is wrong without a flag, so the
table can gate a change as well as inform it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from pipeline.importer.corpus import cases, score, table

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "import"


def main(folder: Path = FIXTURES) -> int:
    scores = [score(case) for case in cases(folder)]
    print("\n".join(table(scores)))
    return 0 if all(s.turns and not s.silently_wrong for s in scores) else 1


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else FIXTURES))
