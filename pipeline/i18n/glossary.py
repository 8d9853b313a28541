"""The project glossary: approved and forbidden forms of names, per locale (TBX).

`locales/glossary.tbx` is TBX-Basic in the TBX v3 (ISO 30042:2019) core structure,
which CAT tools (Trados, memoQ, Weblate, OmegaT) import:

    <conceptEntry id="kyrgyzstan">
      <descrip type="subjectField">place</descrip>
      <langSec xml:lang="en"><termSec><term>Kyrgyzstan</term>
        <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec></langSec>
      <langSec xml:lang="ru">
        <termSec><term>Кыргызстан</term> ... preferredTerm-admn-sts ...</termSec>
        <termSec><term>Киргизия</term> ... deprecatedTerm-admn-sts ...</termSec>
      </langSec>
    </conceptEntry>

A preferred or admitted term is an approved form; a deprecated or superseded one is
forbidden. A source passage that contains an English form of a concept must have an
approved form of it in its translation; a translation must contain no forbidden form.

How a form is found in a translation, per language:

- Russian: words are compared by their Snowball stems (snowballstemmer), so
  «Кыргызстана», «Кыргызстаном» are forms of «Кыргызстан», and «Республики Корея»
  of «Республика Корея» (see `_same_russian_word` for names Snowball cuts unevenly).
- Kyrgyz has no Snowball stemmer. A word is a form of a glossary word when it is
  that word (its final к or п may be voiced to г or б) followed by at most one plural
  ending (-лар/-дар/-тар in each vowel), one possessive (-ы/-сы/-ыбыз ...) and one case
  ending (genitive -нын/-дын/-тын, dative -га/-ка/-на, accusative -ны/-ды/-н,
  locative -да/-та/-нда, ablative -дан/-тан/-нан, in every vowel-harmony variant),
  and the relative suffix -гы/-кы after a locative (Бишкектеги), in that order: «Кореянын», «Кореяга» are forms of «Корея»,
  «Республикасынын» of «Республикасы». A glossary form is written as it stands in a
  nominative phrase, so this is stripping the endings a text adds, never guessing a
  stem: nothing shorter than the glossary's word ever matches.
- Korean attaches particles to the noun (키르기스스탄과, 대한민국의): an approved form
  is found as a substring.
- Other languages (English): the form as a whole word, case as written.

In the source (English), terms are matched as whole words, case as written, longest
first, and a longer term hides the shorter ones inside it: «Republic of Korea» asks
for that concept, not also for «Korea». A possessive («Korea's EDCF») asks for
nothing: translations rightly make it an adjective («корейского фонда EDCF»).

A translator who rightly writes a passage without a concept's name (a metonymy:
«how Seoul sees» as «how the Korean government sees») says so in a translator
comment of the entry, `# glossary-exempt: seoul (metonymy)`, naming the concept ids.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from pipeline import atomic
from pipeline.errors import ContentError, Problem
from pipeline.text import forbidden_characters

TBX_NAMESPACE = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
APPROVED = {"preferredTerm-admn-sts", "admittedTerm-admn-sts"}
FORBIDDEN = {"deprecatedTerm-admn-sts", "supersededTerm-admn-sts"}
MAX_GLOSSARY_BYTES = 16 * 2**20
SOURCE_LANGUAGE = "en"
_WORD = re.compile(r"[\w'’]+")


@dataclass(frozen=True)
class Concept:
    id: str
    line: int | None
    approved: dict[str, tuple[str, ...]]
    """Per language, its approved forms (the preferred one first)."""
    forbidden: dict[str, tuple[str, ...]]

    @property
    def name(self) -> str:
        """How findings name it: its first English form."""
        return (self.approved.get(SOURCE_LANGUAGE) or (self.id,))[0]


@dataclass(frozen=True)
class Glossary:
    path: Path
    concepts: tuple[Concept, ...]

    def source_terms(self) -> list[tuple[str, Concept]]:
        """Every English form with its concept, longest first."""
        terms = [
            (form, concept)
            for concept in self.concepts
            for form in concept.approved.get(SOURCE_LANGUAGE, ())
        ]
        return sorted(terms, key=lambda pair: -len(pair[0]))


def load(path: Path) -> Glossary:
    """The glossary in `path`; a file that is no TBX raises ContentError with its line."""
    from lxml import etree

    try:
        data = atomic.read_bytes(path, MAX_GLOSSARY_BYTES)
    except OSError as error:
        raise _bad(path, None, f"cannot be read: {error.strerror or error}") from None
    if len(data) > MAX_GLOSSARY_BYTES:
        raise _bad(path, None, f"is larger than {MAX_GLOSSARY_BYTES // 2**20} MiB")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise _bad(path, error.lineno, f"is not well-formed XML: {error.msg}") from None
    if root.getroottree().docinfo.internalDTD is not None or b"<!ENTITY" in data:
        raise _bad(path, 1, "has a DOCTYPE or entities; a TBX file needs neither")
    if _local(root.tag) != "tbx":
        raise _bad(path, root.sourceline, f"is not TBX: its root is <{_local(root.tag)}>")
    concepts, problems = [], []
    for entry in root.iter(f"{{{TBX_NAMESPACE}}}conceptEntry", "conceptEntry"):
        concept, found = _concept(path, entry)
        concepts.append(concept)
        problems += found
    if problems:
        raise ContentError(problems)
    return Glossary(path, tuple(concepts))


def _concept(path: Path, entry) -> tuple[Concept, list[Problem]]:
    concept_id = entry.get("id") or f"line {entry.sourceline}"
    approved: dict[str, list[str]] = {}
    forbidden: dict[str, list[str]] = {}
    problems = []
    for section in entry:
        if _local(section.tag) != "langSec":
            continue
        language = section.get(XML_LANG)
        if not language:
            problems.append(Problem(path, section.sourceline, concept_id, "langSec needs xml:lang"))
            continue
        for term_section in section:
            if _local(term_section.tag) != "termSec":
                continue
            term, status = _term(term_section)
            where = term_section.sourceline
            if not term or forbidden_characters(term):
                problems.append(Problem(path, where, concept_id, "termSec needs a <term> of text"))
            elif status in FORBIDDEN:
                forbidden.setdefault(language, []).append(term)
            elif status in APPROVED or status is None:
                approved.setdefault(language, []).append(term)
            else:
                problems.append(
                    Problem(
                        path,
                        where,
                        concept_id,
                        f"administrativeStatus {status!r} is not TBX-Basic's; write one of "
                        + ", ".join(sorted(APPROVED | FORBIDDEN)),
                    )
                )
    concept = Concept(
        concept_id,
        entry.sourceline,
        {language: tuple(forms) for language, forms in approved.items()},
        {language: tuple(forms) for language, forms in forbidden.items()},
    )
    return concept, problems


def _term(term_section) -> tuple[str, str | None]:
    term, status = "", None
    for child in term_section:
        name = _local(child.tag)
        if name == "term":
            term = " ".join("".join(child.itertext()).split())
        elif name == "termNote" and child.get("type") == "administrativeStatus":
            status = (child.text or "").strip()
    return term, status


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1]


def _bad(path: Path, line: int | None, message: str) -> ContentError:
    return ContentError([Problem(path, line, None, f"glossary {message}")])


# --- Finding a form in a text ---------------------------------------------------------------


def contains(text: str, form: str, language: str) -> bool:
    """Whether `text` (in `language`) contains `form`, in any of its inflected forms."""
    base = language.split("-")[0]
    if base in _SAME_WORD:
        same = _SAME_WORD[base]
        wanted, have = _words(form), _words(text)
        return bool(wanted) and any(
            all(same(word, want) for word, want in zip(have[start:], wanted, strict=False))
            and start + len(wanted) <= len(have)
            for start in range(len(have))
        )
    if base in ("ko", "ja", "zh"):
        return _squeeze(form) in _squeeze(text)
    return re.search(rf"(?<!\w){re.escape(form)}(?!\w)", text) is not None


def source_concepts(text: str, glossary: Glossary) -> list[Concept]:
    """The concepts whose English forms the source text contains (a longer one hides the
    shorter ones inside it), in the order of the glossary."""
    found: set[str] = set()
    taken: list[tuple[int, int]] = []
    for form, concept in glossary.source_terms():
        for match in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)(?![’']s\b)", text):
            span = match.span()
            if any(span[0] < end and start < span[1] for start, end in taken):
                continue
            taken.append(span)
            found.add(concept.id)
    return [concept for concept in glossary.concepts if concept.id in found]


def _words(text: str) -> list[str]:
    return [word.lower().replace("’", "'").replace("ё", "е") for word in _WORD.findall(text)]


def _squeeze(text: str) -> str:
    return " ".join(text.split())


@functools.cache
def _russian() -> Callable[[str], str]:
    import snowballstemmer

    return snowballstemmer.stemmer("russian").stemWord


@functools.lru_cache(maxsize=2**16)  # a catalog's words recur; Snowball in pure Python is slow
def _russian_stem(word: str) -> str:
    return _russian()(word)


def _same_russian_word(word: str, form: str) -> bool:
    """The same stem, or one stem begins the other and the words differ by an ending.

    Snowball's rules are made for Russian words: on foreign names it may cut one form
    shorter than another («кыргызстан» -> «кыргызста», «кыргызстане» -> «кыргызстан»;
    «корея» -> «коре», «кореи» -> «кор»), so one stem beginning the other counts too,
    when the stems differ by at most 2 letters and the words by no more than a Russian
    ending (3 letters): «Киргизией» is not a form of «Киргизстан».
    """
    if word == form:
        return True
    ours, theirs = _russian_stem(word), _russian_stem(form)
    short, long = sorted((ours, theirs), key=len)
    return ours == theirs or (
        long.startswith(short)
        and len(short) >= 2
        and len(long) - len(short) <= 2
        and abs(len(word) - len(form)) <= 3
    )


# Kyrgyz endings in the order they follow a stem: plural, possessive, case (see the
# module's docstring); each variant of vowel harmony and consonant assimilation.
def _table(endings: str) -> tuple[str, ...]:
    return tuple(endings.split())


_KY_PLURALS = _table("лар лер лор лөр дар дер дор дөр тар тер тор төр")
_KY_POSSESSIVES = _table("ыбыз ибиз убуз үбүз сы си су сү ым им ум үм ың иң уң үң ы и у ү")
_KY_CASES = _table(
    "нын нин нун нүн дын дин дун дүн тын тин тун түн "
    "нда нде ндо ндө нан нен нон нөн дан ден дон дөн тан тен тон төн "
    "га ге го гө ка ке ко кө на не но нө ны ни ну нү ды ди ду дү ты ти ту тү "
    "да де до дө та те то тө н"
)
# After a locative, the relative suffix makes an adjective: Бишкектеги, Республикасындагы.
_KY_RELATIVES = _table("гы ги гу гү кы ки ку кү")
_KY_VOICED = {"к": "г", "п": "б"}


def _same_kyrgyz_word(word: str, form: str) -> bool:
    """`word` is `form`, or `form` (its final к/п voiced or not) with Kyrgyz endings."""
    stems = {form}
    if form and form[-1] in _KY_VOICED:
        stems.add(form[:-1] + _KY_VOICED[form[-1]])
    return any(word.startswith(stem) and _kyrgyz_endings(word[len(stem) :]) for stem in stems)


def _kyrgyz_endings(rest: str) -> bool:
    """Whether `rest` is at most one plural, one possessive, one case ending and the
    relative suffix, in that order."""
    return rest in _kyrgyz_suffixes()


@functools.cache
def _kyrgyz_suffixes() -> frozenset[str]:
    endings = [""]
    for group in (_KY_PLURALS, _KY_POSSESSIVES, _KY_CASES, _KY_RELATIVES):
        endings = [done + ending for done in endings for ending in ("", *group)]
    return frozenset(endings)


_SAME_WORD: dict[str, Callable[[str, str], bool]] = {
    "ru": _same_russian_word,
    "ky": _same_kyrgyz_word,
}


# --- Checking a catalog ---------------------------------------------------------------------


def catalog_problems(
    path: Path, messages: Iterable, language: str, glossary: Glossary
) -> list[Problem]:
    """Each passage whose translation lacks an approved form of a concept its source
    names, or holds a forbidden form."""
    problems = []
    base = language.split("-")[0]
    for message in messages:
        if not (isinstance(message.id, str) and isinstance(message.string, str)):
            continue
        if not message.id or not message.string or message.fuzzy:
            continue
        label = message.context or f'msgid "{message.id[:37]}"'
        exempt = _exempt(message.user_comments)
        for text in _glossary_findings(message.id, message.string, base, glossary, exempt):
            problems.append(Problem(path, message.lineno, label, text))
    return problems


def _exempt(comments: Iterable[str]) -> set[str]:
    """The concept ids a translator comment `glossary-exempt: id, id (why)` names."""
    found: set[str] = set()
    for comment in comments:
        if match := _EXEMPT.match(comment.strip()):
            found.update(re.findall(r"[\w-]+", match.group(1).split("(")[0]))
    return found


_EXEMPT = re.compile(r"glossary-exempt:\s*(.*)$")


def _glossary_findings(
    source: str, translation: str, language: str, glossary: Glossary, exempt: set[str]
):
    for concept in source_concepts(source, glossary):
        forms = concept.approved.get(language)
        if concept.id in exempt:
            continue
        if forms and not any(contains(translation, form, language) for form in forms):
            yield (
                f"glossary: {concept.name!r} needs its approved form"
                f" {' or '.join(repr(form) for form in forms)} (concept {concept.id})"
            )
    for concept in glossary.concepts:
        for form in concept.forbidden.get(language, ()):
            if contains(translation, form, language):
                approved = concept.approved.get(language, ())
                fix = f"; write {approved[0]!r}" if approved else ""
                yield (
                    f"glossary: forbidden form {form!r} of {concept.name!r}{fix}"
                    f" (concept {concept.id})"
                )
