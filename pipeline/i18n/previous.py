"""Previous msgids (`#| msgid`): the old source of a fuzzy entry, for the translator.

`strings update` keeps a changed passage's translation as fuzzy and its old source as
the entry's previous msgid, which a PO editor shows beside the new one (Poedit,
Weblate). Babel reads no `#|` line and wraps a long one into lines msgfmt refuses,
so both directions are done here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

WIDTH = 100


def written(text: bytes, catalog: Catalog) -> bytes:
    """The `#| msgid` comments of fuzzy entries, each before its entry's msgctxt or msgid.

    write_po puts one entry per blank-line separated block, the header first, in the
    catalog's order (a blank line inside a string is written as an escape).
    """
    from babel.messages.pofile import normalize

    blocks = text.decode(catalog.charset or "utf-8").split("\n\n")
    messages = [message for message in catalog if message.id]
    if len(blocks) < len(messages) + 1 or not any(m.previous_id for m in messages):
        return text
    for index, message in enumerate(messages, start=1):
        if not message.previous_id:
            continue
        previous = [f"#| msgid {normalize(message.previous_id[0], prefix='#| ', width=WIDTH)}"]
        if len(message.previous_id) > 1:
            plural = normalize(message.previous_id[1], prefix="#| ", width=WIDTH)
            previous.append(f"#| msgid_plural {plural}")
        lines = blocks[index].split("\n")
        at = next(
            (n for n, line in enumerate(lines) if line.startswith(("msgctxt ", "msgid "))),
            len(lines),
        )
        blocks[index] = "\n".join([*lines[:at], *previous, *lines[at:]])
    return "\n\n".join(blocks).encode(catalog.charset or "utf-8")


def read(text: str, catalog: Catalog) -> None:
    """The `#| msgid` comments of fuzzy entries, which Babel's reader skips, so that
    rewriting a catalog keeps the old source a translator compares against."""
    from babel.messages.pofile import denormalize

    for block in text.split("\n\n"):
        fields: dict[str, list[str]] = {}
        current = None
        for line in block.split("\n"):
            for prefix, name in (
                ("#| msgid ", "previous"),
                ("msgctxt ", "context"),
                ("msgid ", "id"),
            ):
                if line.startswith(prefix):
                    current = name
                    fields[name] = [line[len(prefix) :]]
                    break
            else:
                if current == "previous" and line.startswith('#| "'):
                    fields[current].append(line[3:])
                elif current in ("context", "id") and line.startswith('"'):
                    fields[current].append(line)
                elif not line.startswith('"'):
                    current = None
        if "previous" not in fields or "id" not in fields:
            continue
        context = denormalize("\n".join(fields["context"])) if "context" in fields else None
        message = catalog.get(denormalize("\n".join(fields["id"])), context=context)
        if message is not None:
            message.previous_id = [denormalize("\n".join(fields["previous"]))]


def carry_over(old: Catalog | None, updated: Catalog) -> None:
    """Keep the previous msgid of an entry that is still fuzzy after an update (Babel
    sets it only when the update itself finds the change)."""
    if old is None:
        return
    for message in updated:
        if not (message.id and message.fuzzy) or message.previous_id:
            continue
        before = old.get(message.id, context=message.context)
        if before is not None and before.previous_id:
            message.previous_id = list(before.previous_id)
