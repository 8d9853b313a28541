"""The one line that says what changed in a note, in the reader's language:
"2 answer paragraphs rewritten, 1 key point added, figure 'Bilateral trade' 370 → 375 million USD".
"""

from __future__ import annotations

import collections
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from pipeline.changes.compare import ADDED, REMOVED, REWRITTEN, Comparison, FigureChange
from pipeline.changes.versions import FigureVersion

ORDER = ("answer", "question", "key_point", "intro", "follow_up", "other", "figure")
KINDS = (REWRITTEN, ADDED, REMOVED)

NGettext = Callable[..., str]


def _counted(ngettext: NGettext, category: str, kind: str, count: int) -> str:
    """One counted phrase; each is spelled out so translators get whole phrases with plurals."""
    phrases: dict[tuple[str, str], Callable[[], str]] = {
        ("answer", REWRITTEN): lambda: ngettext("%(count)s answer paragraph rewritten", "%(count)s answer paragraphs rewritten", count, count=count),
        ("answer", ADDED): lambda: ngettext("%(count)s answer paragraph added", "%(count)s answer paragraphs added", count, count=count),
        ("answer", REMOVED): lambda: ngettext("%(count)s answer paragraph removed", "%(count)s answer paragraphs removed", count, count=count),
        ("question", REWRITTEN): lambda: ngettext("%(count)s question rewritten", "%(count)s questions rewritten", count, count=count),
        ("question", ADDED): lambda: ngettext("%(count)s question added", "%(count)s questions added", count, count=count),
        ("question", REMOVED): lambda: ngettext("%(count)s question removed", "%(count)s questions removed", count, count=count),
        ("key_point", REWRITTEN): lambda: ngettext("%(count)s key point rewritten", "%(count)s key points rewritten", count, count=count),
        ("key_point", ADDED): lambda: ngettext("%(count)s key point added", "%(count)s key points added", count, count=count),
        ("key_point", REMOVED): lambda: ngettext("%(count)s key point removed", "%(count)s key points removed", count, count=count),
        ("intro", REWRITTEN): lambda: ngettext("%(count)s intro paragraph rewritten", "%(count)s intro paragraphs rewritten", count, count=count),
        ("intro", ADDED): lambda: ngettext("%(count)s intro paragraph added", "%(count)s intro paragraphs added", count, count=count),
        ("intro", REMOVED): lambda: ngettext("%(count)s intro paragraph removed", "%(count)s intro paragraphs removed", count, count=count),
        ("follow_up", REWRITTEN): lambda: ngettext("%(count)s follow-up rewritten", "%(count)s follow-ups rewritten", count, count=count),
        ("follow_up", ADDED): lambda: ngettext("%(count)s follow-up added", "%(count)s follow-ups added", count, count=count),
        ("follow_up", REMOVED): lambda: ngettext("%(count)s follow-up removed", "%(count)s follow-ups removed", count, count=count),
        ("other", REWRITTEN): lambda: ngettext("%(count)s other passage rewritten", "%(count)s other passages rewritten", count, count=count),
        ("other", ADDED): lambda: ngettext("%(count)s other passage added", "%(count)s other passages added", count, count=count),
        ("other", REMOVED): lambda: ngettext("%(count)s other passage removed", "%(count)s other passages removed", count, count=count),
        ("figure", REWRITTEN): lambda: ngettext("%(count)s key figure rewritten", "%(count)s key figures rewritten", count, count=count),
        ("figure", ADDED): lambda: ngettext("%(count)s key figure added", "%(count)s key figures added", count, count=count),
        ("figure", REMOVED): lambda: ngettext("%(count)s key figure removed", "%(count)s key figures removed", count, count=count),
    }  # fmt: skip
    return phrases[category, kind]()


def line(comparison: Comparison, locale: str, catalogs: tuple[Path, ...]) -> str:
    """What changed, in `locale`'s interface language; "" when nothing did."""
    from pipeline.i18n.catalogs import formatting, interface_translations

    gettext, ngettext = formatting(interface_translations(locale, catalogs))
    counts = _counts(comparison)
    pieces = [
        _counted(ngettext, category, kind, counts[category, kind])
        for category in ORDER
        for kind in KINDS
        if counts[category, kind]
    ]
    pieces += [
        _figure(gettext, change, locale)
        for change in comparison.figures
        if change.kind == REWRITTEN
    ]
    return ", ".join(pieces)


def _counts(comparison: Comparison) -> collections.Counter:
    """Changes by (category, kind). A key figure counts once: by its number where that
    changed (said in full), else as added, removed, or rewritten in its words."""
    counts = collections.Counter(
        (change.category, change.kind)
        for change in comparison.passages
        if change.category != "figure"
    )
    whole = {change.index for change in comparison.figures}
    worded = {
        _place(change.segment) for change in comparison.passages if change.category == "figure"
    }
    counts["figure", REWRITTEN] = len(worded - whole)
    counts.update(
        ("figure", change.kind) for change in comparison.figures if change.kind != REWRITTEN
    )
    return counts


def _place(segment: str) -> int:
    """The figure's place in `brief.key_figures[2].label`."""
    return int(segment.split("[", 1)[1].split("]", 1)[0])


def _figure(gettext: NGettext, change: FigureChange, locale: str) -> str:
    assert change.old is not None and change.new is not None
    return gettext(
        "figure ‘%(label)s’ %(old)s → %(new)s",
        label=change.new.label,
        old=figure_value(change.old, locale, gettext, with_unit=change.old.unit != change.new.unit),
        new=figure_value(change.new, locale, gettext),
    )


def figure_value(
    figure: FigureVersion, locale: str, gettext: NGettext, with_unit: bool = True
) -> str:
    """The number in the reader's locale, with its unit where asked ("about 63.5 million USD")."""
    from pipeline.i18n.formatting import format_number

    number = format_number(Decimal(figure.value), locale)
    if not with_unit:
        return gettext("about %(value)s", value=number) if figure.approximate else number
    if figure.approximate:
        return gettext("about %(value)s %(unit)s", value=number, unit=figure.unit)
    return gettext("%(value)s %(unit)s", value=number, unit=figure.unit)
