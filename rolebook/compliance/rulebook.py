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
GROUNDS = ("gender", "age", "marital", "pregnancy", "ethnicity", "religion", "origin", "health", "looks", "orientation",
           "record", "unemployment", "credit")
# Grounds only some jurisdictions protect: a finding on them is made where one of the project's jurisdictions
# names the ground (无犯罪记录 is lawful to ask for in China; "no felons" is not in a New York City ad).
LOCAL_GROUNDS = frozenset({"record", "unemployment", "credit"})
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


class Lexicon:
    """One language's wording lists (its restrictions and their exceptions are in `merged()`), each
    pattern compiled the first time a check asks for it: a project's texts are in one language, and only
    the gendered titles are looked for in every language."""

    def __init__(self, data: dict):
        self.data = data
        self.language: str = data["language"]
        self.masculine = tuple(w.lower() for w in data.get("masculine", []))
        self.feminine = tuple(w.lower() for w in data.get("feminine", []))

    @functools.cached_property
    def age_coded(self) -> re.Pattern | None:
        return _any(self.data.get("age_coded", []))

    @functools.cached_property
    def graduate_coded(self) -> re.Pattern | None:
        return _any(self.data.get("graduate_coded", []))

    @functools.cached_property
    def graduate_roles(self) -> re.Pattern | None:
        return _any(self.data.get("graduate_roles", []))

    @functools.cached_property
    def titles(self) -> tuple[tuple[re.Pattern, str], ...]:
        return tuple((re.compile(t["pattern"], FLAGS), t["neutral"]) for t in self.data.get("titles", []))


@functools.cache
def lexicons() -> dict[str, Lexicon]:
    """Every language rolebook has lists for, by its code (zh, en)."""
    found = {}
    for path in sorted((DATA / "languages").glob("*.yaml")):
        lexicon = Lexicon(_read(path))
        found[lexicon.language] = lexicon
    return found


@functools.cache
def shipped_codes() -> frozenset[str]:
    """The codes of the jurisdictions rolebook ships (CN, US-CO…): each file is named by its code."""
    return frozenset(path.stem for path in (DATA / "jurisdictions").glob("*.yaml"))


@functools.cache
def shipped(code: str) -> Jurisdiction:
    """One jurisdiction rolebook ships, read when a project names it (or includes it): a project names one or
    two of the sixteen, and reading them all took a few ms of every check. `code` is one of shipped_codes()."""
    data = dict(_read(DATA / "jurisdictions" / f"{code}.yaml"))  # a copy: the read data is shared
    if data.pop("code") != code:
        raise ValueError(f"jurisdictions/{code}.yaml defines another code")  # rolebook's own data: a bug
    return Jurisdiction.model_validate(data)


def known_jurisdictions() -> dict[str, Jurisdiction]:
    """Every jurisdiction rolebook ships, by code (the table of them)."""
    return {code: shipped(code) for code in sorted(shipped_codes())}


class LazyPattern:
    """A pattern compiled when first searched with: the restrictions of every language are one pattern
    that takes `re` 27 ms to compile, and most texts (an edited role's, say) hold no trigger word that
    would need it; the exceptions are looked for only around a finding, the pay-history words only in a
    posting."""

    def __init__(self, source: str, flags: int):
        self.source, self.flags = source, flags

    @functools.cached_property
    def compiled(self) -> re.Pattern:
        return re.compile(self.source, self.flags)

    def finditer(self, text: str) -> Iterator[re.Match]:
        return self.compiled.finditer(text)

    def search(self, text: str) -> re.Match | None:
        return self.compiled.search(text)


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

    open: LazyPattern | None  # explicit non-restriction (男女不限): the clause is no finding
    contexts: LazyPattern | None  # customers, products: the clause speaks of them, not of candidates
    statements: LazyPattern | None  # the law quoted, a practice disowned: the sentence is no finding
    pay_history: LazyPattern | None
    pay_history_open: LazyPattern | None


@functools.cache
def merged() -> Merged:
    data = [_read(path) for path in sorted((DATA / "languages").glob("*.yaml"))]
    groups = [f"(?P<{ground}__{d['language']}>{'|'.join(f'(?:{p})' for p in patterns)})"
              for d in data for ground, patterns in d.get("discriminatory", {}).items()]

    def every(key: str) -> LazyPattern | None:
        patterns = [p for d in data for p in d.get(key, [])]
        return LazyPattern("|".join(f"(?:{p})" for p in patterns), FLAGS) if patterns else None

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

    def defined(code: str) -> Jurisdiction | None:  # the project's own definition first
        if code in settings.define:
            return settings.define[code]
        return shipped(code) if code in shipped_codes() else None

    book = Rulebook(severity=dict(settings.rules))
    unknown: list[str] = []
    order: list[str] = []

    def visit(code: str) -> None:
        if code in order:
            return
        if defined(code) is None:
            unknown.append(code)
            return
        order.append(code)
        for included in defined(code).includes:
            visit(included)

    for code in settings.jurisdictions:
        visit(code)
    book.jurisdictions = order
    for code in order:
        jurisdiction = defined(code)
        for rule, attribute in POSTING_RULES.items():
            ref = getattr(jurisdiction.posting, attribute)
            if ref is not None:
                book.posting.setdefault(rule, []).append(Law(code, ref))
        for ground, source in jurisdiction.grounds.items():
            book.grounds.setdefault(ground, []).append(source)
    if not settings.jurisdictions and language.lower().startswith("zh"):
        # a Chinese project's own laws are cited by default
        book.grounds = {ground: [source] for ground, source in shipped("CN").grounds.items()}
    words = settings.words
    book.discriminatory = _any(_literal(words.discriminatory))
    book.biased = _any(_literal(words.biased))
    book.allowed = _any(_literal(words.allowed))
    return book, unknown


def jurisdiction_table() -> list[tuple[str, Jurisdiction]]:
    return sorted(known_jurisdictions().items())


__all__ = ["CompliancePosting", "GROUNDS", "Law", "Lexicon", "Rulebook", "jurisdiction_table", "lexicon_for",
           "lexicons", "rulebook"]
