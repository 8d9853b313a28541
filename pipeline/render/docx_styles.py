"""Word style ids for the DOCX writer, from one pass over the reference's styles.

python-docx finds a style by an XPath search of its name, then scans every style for the
type's default: 2 ms a name, half of a note's DOCX paint when done per note.
"""

from __future__ import annotations

_STYLE_IDS: dict[bytes, dict[str, tuple[object, str | None]]] = {}
"""reference's digest -> style name in styles.xml -> (its type, its id), for a whole run."""


def remember_style_ids(document, reference: bytes) -> None:
    """Point `document`'s style lookups at the table of its reference (`reference`: the
    reference's digest), built once per run: the writer adds no style, so the answers depend
    on the reference alone. A name the table lacks goes to python-docx, which says what is
    wrong with it."""
    from docx.styles import BabelFish

    styles = document.styles  # python-docx makes a new proxy of styles.xml at each access
    if reference not in _STYLE_IDS:
        _STYLE_IDS[reference] = _style_table(styles.element)
    table, look_up = _STYLE_IDS[reference], styles.get_style_id

    def style_id(style_or_name, style_type) -> str | None:
        if isinstance(style_or_name, str):
            found = table.get(BabelFish.ui2internal(style_or_name))
            if found is not None and found[0] == style_type:
                return found[1]
        return look_up(style_or_name, style_type)

    document.part.get_style_id = style_id


def _style_table(element) -> dict[str, tuple[object, str | None]]:
    """name -> (type, id) as python-docx answers: the first style of a name, its id None if
    it is the last of its type's styles marked default."""
    defaults = {style.type: style for style in element.style_lst if style.default}
    table: dict[str, tuple[object, str | None]] = {}
    for style in element.style_lst:
        if style.name_val is not None and style.name_val not in table:
            default = defaults.get(style.type) is style
            table[style.name_val] = (style.type, None if default else style.styleId)
    return table
