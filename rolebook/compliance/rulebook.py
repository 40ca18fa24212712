"""The compliance rules as data: the word lists of each language and the posting laws of each jurisdiction,
read from the files in `data/` and merged with what the project's rolebook.yaml adds.

The files are the place to follow a law that changes: each language's patterns and each jurisdiction's
requirements cite their sources, and a project can add words, exceptions and whole jurisdictions of its
own (`compliance.words`, `compliance.define`) without a new release.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import yaml

from rolebook.spec.model import Compliance, CompliancePosting, Jurisdiction, LawRef

DATA = Path(__file__).parent / "data"
_ASCII_WORD = re.compile(r"[a-z]+", re.IGNORECASE)
GROUNDS = ("gender", "age", "marital", "pregnancy", "ethnicity", "religion", "origin", "health", "looks")
# What a posting law may ask, as the jurisdiction files name it, and the CompliancePosting field holding it.
POSTING_RULES = {"pay-range": "pay_range", "benefits": "benefits", "closing-date": "closing_date",
                 "closed-pay-range": "closed_pay_range", "no-pay-history": "no_pay_history",
                 "neutral-title": "neutral_title"}


FLAGS = re.IGNORECASE | re.MULTILINE  # a clause is a line of the text the rules read (text.py)


@functools.cache  # the language lists are read for their lexicons and for their merged patterns
def _read(path: Path):
    """A data file of the package (trusted, plain YAML: libyaml's safe loader where there is one)."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _any(patterns: list[str]) -> re.Pattern | None:
    """One case-insensitive pattern matching any of `patterns` (None for none)."""
    return re.compile("|".join(f"(?:{p})" for p in patterns), FLAGS) if patterns else None


def _literal(words: list[str]) -> list[str]:
    return [re.escape(word.strip()) for word in words if word.strip()]


@dataclass(frozen=True)
class Lexicon:
    """One language's wording lists, compiled (its restrictions and their exceptions are in `merged()`)."""

    language: str
    age_coded: re.Pattern | None
    graduate_coded: re.Pattern | None
    graduate_roles: re.Pattern | None
    masculine: tuple[str, ...]
    feminine: tuple[str, ...]
    titles: tuple[tuple[re.Pattern, str], ...]


def _lexicon(data: dict) -> Lexicon:
    return Lexicon(
        language=data["language"],
        age_coded=_any(data.get("age_coded", [])),
        graduate_coded=_any(data.get("graduate_coded", [])),
        graduate_roles=_any(data.get("graduate_roles", [])),
        masculine=tuple(w.lower() for w in data.get("masculine", [])),
        feminine=tuple(w.lower() for w in data.get("feminine", [])),
        titles=tuple((re.compile(t["pattern"], FLAGS), t["neutral"]) for t in data.get("titles", [])),
    )


@functools.cache
def lexicons() -> dict[str, Lexicon]:
    """Every language rolebook has lists for, by its code (zh, en)."""
    found = {}
    for path in sorted((DATA / "languages").glob("*.yaml")):
        lexicon = _lexicon(_read(path))
        found[lexicon.language] = lexicon
    return found


@functools.cache
def known_jurisdictions() -> dict[str, Jurisdiction]:
    """The jurisdictions rolebook ships, by code (CN, US-CO…)."""
    found = {}
    for path in sorted((DATA / "jurisdictions").glob("*.yaml")):
        data = dict(_read(path))  # a copy: the read data is shared
        code = data.pop("code")
        found[code] = Jurisdiction.model_validate(data)
    return found


class LazyPattern:
    """A pattern compiled when first searched with: the restrictions of every language are one pattern
    that takes `re` 27 ms to compile, and most texts (an edited role's, say) hold no trigger word that
    would need it."""

    def __init__(self, source: str, flags: int):
        self.source, self.flags = source, flags

    @functools.cached_property
    def compiled(self) -> re.Pattern:
        return re.compile(self.source, self.flags)

    def finditer(self, text: str) -> Iterator[re.Match]:
        return self.compiled.finditer(text)


@dataclass(frozen=True)
class Merged:
    """Every language's restriction patterns in one pattern (a group per ground and language), and their
    exceptions: one pass over a text whatever language it is written in."""

    restrictions: LazyPattern
    literal_triggers: re.Pattern  # the Chinese trigger words: one of them must be in a text
    word_triggers: frozenset[str]  # the English ones, as whole words

    def may_restrict(self, text: str) -> bool:
        """Whether a text holds a trigger word, without which no restriction pattern can match."""
        if self.literal_triggers.search(text):
            return True
        return bool(_ASCII_WORD.search(text)) and not self.word_triggers.isdisjoint(_ASCII_WORD.findall(text.lower()))

    open: re.Pattern | None  # explicit non-restriction (男女不限): the clause is no finding
    contexts: re.Pattern | None  # customers, products: the clause speaks of them, not of candidates
    statements: re.Pattern | None  # the law quoted, a practice disowned: the sentence is no finding
    pay_history: re.Pattern | None
    pay_history_open: re.Pattern | None


@functools.cache
def merged() -> Merged:
    data = [_read(path) for path in sorted((DATA / "languages").glob("*.yaml"))]
    groups = [f"(?P<{ground}__{d['language']}>{'|'.join(f'(?:{p})' for p in patterns)})"
              for d in data for ground, patterns in d.get("discriminatory", {}).items()]

    def every(key: str) -> re.Pattern | None:
        return _any([p for d in data for p in d.get(key, [])])

    cjk = [t for d in data for t in d.get("triggers", []) if not t.isascii()]
    words = frozenset(t.lower() for d in data for t in d.get("triggers", []) if t.isascii())
    return Merged(LazyPattern("|".join(groups), FLAGS), re.compile("|".join(map(re.escape, cjk))), words,
                  every("open"), every("contexts"), every("statements"), every("pay_history"),
                  every("pay_history_open"))


def lexicon_for(language: str) -> Lexicon:
    """The lists for a BCP 47 tag: zh-CN and zh-TW share the Chinese lists, any other tag the English ones."""
    return lexicons()["zh" if language.lower().startswith("zh") else "en"]


@dataclass(frozen=True)
class Law:
    jurisdiction: str
    ref: LawRef


@dataclass
class Rulebook:
    """What applies to one project: its jurisdictions (expanded through `includes`), their posting laws,
    the citations per ground, the severities and the project's own words."""

    jurisdictions: list[str] = field(default_factory=list)
    posting: dict[str, list[Law]] = field(default_factory=dict)  # by POSTING_RULES key
    grounds: dict[str, list[str]] = field(default_factory=dict)  # citations by ground
    severity: dict[str, str] = field(default_factory=dict)
    discriminatory: re.Pattern | None = None
    biased: re.Pattern | None = None
    allowed: re.Pattern | None = None

    def level(self, code: str) -> str:
        return self.severity.get(code, "warning")


def rulebook(settings: Compliance | None, language: str) -> tuple[Rulebook, list[str]]:
    """The rules of a project, and the jurisdiction codes it names that nobody defines."""
    settings = settings or Compliance()
    defined = {**known_jurisdictions(), **settings.define}
    book = Rulebook(severity=dict(settings.rules))
    unknown: list[str] = []
    order: list[str] = []

    def visit(code: str) -> None:
        if code in order:
            return
        if code not in defined:
            unknown.append(code)
            return
        order.append(code)
        for included in defined[code].includes:
            visit(included)

    for code in settings.jurisdictions:
        visit(code)
    book.jurisdictions = order
    for code in order:
        jurisdiction = defined[code]
        for rule, attribute in POSTING_RULES.items():
            ref = getattr(jurisdiction.posting, attribute)
            if ref is not None:
                book.posting.setdefault(rule, []).append(Law(code, ref))
        for ground, source in jurisdiction.grounds.items():
            book.grounds.setdefault(ground, []).append(source)
    if not settings.jurisdictions and language.lower().startswith("zh"):
        # a Chinese project's own laws are cited by default
        book.grounds = {ground: [source] for ground, source in known_jurisdictions()["CN"].grounds.items()}
    words = settings.words
    book.discriminatory = _any(_literal(words.discriminatory))
    book.biased = _any(_literal(words.biased))
    book.allowed = _any(_literal(words.allowed))
    return book, unknown


def jurisdiction_table() -> list[tuple[str, Jurisdiction]]:
    return sorted(known_jurisdictions().items())


__all__ = ["CompliancePosting", "GROUNDS", "Law", "Lexicon", "Rulebook", "jurisdiction_table", "lexicon_for",
           "lexicons", "rulebook"]
