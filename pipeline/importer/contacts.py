"""A site's masthead of addresses and contacts, run together in one line as pages paste.

`www.NazarNews.kg NazarNews - дүйнө назарында! www.NazarNews.kg ... +996 779 028 383
www.NazarNews.kg Email: ...`: the slogan repeated in languages between the site's
address, a phone and an e-mail. It is told by its form (several addresses or numbers
making a good share of the words), not by the site's name, so any outlet's reads so.
"""

from __future__ import annotations

import re

CONTACTS = "the site's addresses and contacts"
MIN_CONTACTS = 3
MIN_CONTACT_SHARE = 0.15
_CONTACT = re.compile(
    r"(?:https?://|www\.)\S+|\S+@\S+|\[email\s+protected\]|\S+\.(?:kg|kz|ru|com|org|net|uz|by|ua)\b"
    r"|\+\d{3}[\d\s-]{6,}",
    re.I,
)


def is_contact_masthead(line: str) -> bool:
    words = len(line.split())
    contacts = len(_CONTACT.findall(line))
    return contacts >= MIN_CONTACTS and contacts >= MIN_CONTACT_SHARE * words


def masthead_site(line: str) -> str | None:
    """The address the masthead repeats most, as the outlet: `www.TooNews.kg` -> `TooNews.kg`."""
    addresses = [
        re.sub(r"^(?:https?://)?(?:www\.)?", "", found).rstrip("/.,")
        for found in re.findall(r"(?:https?://|www\.)\S+", line, re.I)
    ]
    if not addresses:
        return None
    return max(addresses, key=addresses.count)
