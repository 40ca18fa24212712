"""The compliance checks of a role: one function per code, each yielding findings at the words' places.

Precision matters as much as recall: a clause that says there is no restriction (男女不限, any age), or
that speaks of customers, products or the law (女装品类, 客户以 35 岁以上女性为主, women's footwear),
is not read as a restriction on candidates.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Iterable, Iterator

from rolebook.compliance.rulebook import LOCAL_GROUNDS, Lexicon, Rulebook, lexicon_for, lexicons, merged
from rolebook.compliance.text import Locator, Passage
from rolebook.errors import ERROR, WARNING, Problem
from rolebook.messages import N_, _

CODES = ("discriminatory-requirement", "biased-wording", "gendered-title", "pay-range-missing", "benefits-missing",
         "closing-date-missing", "open-ended-pay-range", "pay-history-question")
GROUND_NAMES = {
    "gender": N_("gender"),
    "age": N_("age"),
    "marital": N_("marital status or plans for children"),
    "pregnancy": N_("pregnancy"),
    "ethnicity": N_("ethnicity, nationality or mother tongue"),
    "religion": N_("religion"),
    "origin": N_("household registration (户口) or place of origin"),
    "health": N_("a health status the work does not depend on"),
    "looks": N_("height, looks or appearance"),
    "orientation": N_("sexual orientation or gender identity"),
    "record": N_("an arrest or conviction record"),
    "unemployment": N_("unemployment (asking for the currently employed)"),
    "credit": N_("credit history"),
}
MINIMUM_WORKING_AGE = 18  # "18 岁以上", "at least 18": the law's own minimum, not a restriction
STRONGLY = 3  # the research tools' scale: a difference of coded words beyond this leans strongly


@dataclass(frozen=True)
class Hit:
    passage: Passage
    start: int
    end: int

    @property
    def words(self) -> str:
        return self.passage.text[self.start:self.end].strip()


class Checker:
    """The compliance checks of one project's roles, with the rules that apply to it."""

    def __init__(self, book: Rulebook, locator: Locator):
        self.book, self.locator = book, locator
        self.claimed: list[Hit] = []  # this role's restrictions: biased wording inside one is not said twice

    def problem(self, hit: Hit, code: str, message: str) -> Problem:
        return Problem.at(self.locator.at(hit.passage, hit.start, hit.end), code, message, self.severity(code))

    def severity(self, code: str) -> str:
        return ERROR if self.book.level(code) == "error" else WARNING

    def on(self, code: str) -> bool:
        return self.book.level(code) != "off"

    # --- finding words ------------------------------------------------------------------

    def hits(self, passages: Iterable[Passage], pattern: re.Pattern | None, clause_wise: bool = True,
             contexts: bool = True, prefilter=None) -> Iterator[tuple[Hit, re.Match]]:
        """Matches of `pattern`, clause by clause, outside open, disowning, allowed and (with `contexts`)
        customer or product clauses. One pass of the pattern over each text: most texts hold nothing."""
        if pattern is None:
            return
        rules = merged()
        for passage in passages:
            if prefilter is not None and not prefilter(passage.norm):
                continue
            for found in pattern.finditer(passage.lines if clause_wise else passage.norm):
                if found.start() == found.end() or (clause_wise and "\n" in found.group()):
                    continue
                hit = Hit(passage, found.start(), found.end())
                if clause_wise and self.excepted(passage, hit, rules, contexts):
                    continue
                if not self.allowed(passage.norm, hit):
                    yield hit, found

    @staticmethod
    def excepted(passage: Passage, hit: Hit, rules, contexts: bool) -> bool:
        start, end = passage.clause(hit.start)
        clause = passage.norm[start:end]
        if rules.open is not None and rules.open.search(clause):
            return True
        if contexts and rules.contexts is not None and rules.contexts.search(clause):
            return True
        start, end = passage.sentence(hit.start)
        return rules.statements is not None and rules.statements.search(passage.norm[start:end]) is not None

    def overlaps(self, hit: Hit) -> bool:
        """Within words already reported as a restriction (`Recent graduates` of `Recent graduates only`)."""
        return any(hit.passage is other.passage and hit.start < other.end and other.start < hit.end
                   for other in self.claimed)

    def allowed(self, text: str, hit: Hit) -> bool:
        """Inside a phrase the project allows (compliance.words.allowed)."""
        allowed = self.book.allowed
        return allowed is not None and any(m.start() < hit.end and hit.start < m.end()
                                           for m in allowed.finditer(text))

    # --- the checks --------------------------------------------------------------------

    def discriminatory(self, passages: list[Passage]) -> Iterator[Problem]:
        if not self.on("discriminatory-requirement"):
            return
        rules = merged()
        for hit, found in self.hits(passages, rules.restrictions, prefilter=rules.may_restrict):
            ground = found.lastgroup.split("__")[0]
            if ground in LOCAL_GROUNDS and ground not in self.book.grounds:
                continue
            if (ground == "age" and _legal_minimum_age(hit.words)) or self.overlaps(hit):
                continue
            self.claimed.append(hit)
            yield self.problem(hit, "discriminatory-requirement", self.restriction(hit.words, ground))
        for hit, _found in self.hits(passages, self.book.discriminatory, clause_wise=False):
            yield self.problem(hit, "discriminatory-requirement",
                               _("'{words}' is listed as a restriction on candidates in rolebook.yaml "
                                 "(compliance.words.discriminatory)").format(words=hit.words))

    def restriction(self, words: str, ground: str) -> str:
        laws = self.book.grounds.get(ground, [])
        message = _("'{words}' restricts or prefers candidates by {ground}").format(words=words,
                                                                                  ground=_(GROUND_NAMES[ground]))
        if laws:
            message += _(" ({laws})").format(laws="; ".join(laws))
        if ground == "ethnicity" and re.search(r"native|mother|母语", words, re.IGNORECASE):
            return message + _("; where a language level is meant, state the level (fluent, CEFR C1)")
        return message + _("; ask for what the work needs instead, or keep it on purpose under compliance.allow "
                           "with a reason")

    def biased(self, passages: list[Passage], language: str, graduate_role: bool,
               lean_too: bool = True) -> Iterator[Problem]:
        if not self.on("biased-wording"):
            return
        lexicon = lexicon_for(language)
        for hit, _found in self.hits(passages, lexicon.age_coded, contexts=False):
            if not self.overlaps(hit):
                yield self.problem(hit, "biased-wording", _(
                    "'{words}' is age-coded: it tells older candidates the role is not for them; describe the work "
                    "and the team instead").format(words=hit.words))
        if not graduate_role:
            for hit, _found in self.hits(passages, lexicon.graduate_coded, contexts=False):
                if self.overlaps(hit):
                    continue
                yield self.problem(hit, "biased-wording", _(
                    "'{words}' asks for recent graduates in a role that is not for graduates: it reads as an age "
                    "limit; ask for the experience the work needs").format(words=hit.words))
        for hit, _found in self.hits(passages, self.book.biased, clause_wise=False):
            yield self.problem(hit, "biased-wording", _(
                "'{words}' is listed as biased wording in rolebook.yaml (compliance.words.biased)").format(
                    words=hit.words))
        lean = self.lean(passages, lexicon) if lean_too else None
        if lean:
            yield lean

    def lean(self, passages: list[Passage], lexicon: Lexicon) -> Problem | None:
        """A posting whose gender-coded words lean strongly one way: more than 3 of one kind than the other.

        Each stem counts once, where the research tools count every occurrence: an analytics role says
        "analytics" and "analysts" throughout, and the subject of the work is not how the ad is worded; for
        the same reason a stem of the title does not count."""
        masculine, feminine = coded_words(passages, lexicon.masculine), coded_words(passages, lexicon.feminine)
        # the title names the job ("Data Analyst", "Team Lead"): its words are not a choice of wording
        titled = stems_of([h for h in masculine + feminine if h.passage.kind == "title"],
                          lexicon.masculine + lexicon.feminine)
        masculine, feminine = ([h for h in hits if not stems_of([h], lexicon.masculine + lexicon.feminine) & titled]
                               for hits in (masculine, feminine))
        difference = len(stems_of(masculine, lexicon.masculine)) - len(stems_of(feminine, lexicon.feminine))
        if abs(difference) <= STRONGLY:
            return None
        more = masculine if difference > 0 else feminine
        message = _("the posting is strongly masculine-coded: {more} masculine-coded words against {fewer} "
                    "feminine-coded ({words})") if difference > 0 else \
            _("the posting is strongly feminine-coded: {more} feminine-coded words against {fewer} "
              "masculine-coded ({words})")
        counts = len(stems_of(masculine, lexicon.masculine)), len(stems_of(feminine, lexicon.feminine))
        stems = lexicon.masculine if difference > 0 else lexicon.feminine
        message = message.format(more=max(counts), fewer=min(counts), words=", ".join(first_words(more, stems)))
        return self.problem(more[0], "biased-wording", message + _(
            "; research on job ads (Gaucher, Friesen & Kay 2011) finds such wording deters the other gender: "
            "balance it or choose neutral words"))

    def gendered_title(self, title: Passage | None) -> Iterator[Problem]:
        if title is None or not self.on("gendered-title"):
            return
        text = title.norm
        for lexicon in lexicons().values():
            for pattern, neutral in lexicon.titles:
                found = pattern.search(text)
                if found is None or self.allowed(text, Hit(title, found.start(), found.end())):
                    continue
                hit = Hit(title, found.start(), found.end())
                self.claimed.append(hit)  # the title's gender is this finding's, not a restriction's besides
                laws = self.book.posting.get("neutral-title", [])
                cited = _(" ({laws})").format(laws=cite(laws)) if laws else ""
                yield self.problem(hit, "gendered-title", _(
                    "the title '{title}' names a gender ('{words}'){cited}; a neutral title: '{neutral}'").format(
                        title=title.text, words=hit.words, cited=cited,
                        neutral=neutral_title(title.text, found, neutral)))
                return


def coded_words(passages: list[Passage], stems: tuple[str, ...]) -> list[Hit]:
    """The words of the passages that start with one of the stems (English: a word of a hyphenated one counts
    on its own, as in the research tools), or hold one (Chinese)."""
    pattern = _stem_pattern(stems)
    return [Hit(p, m.start(), m.end()) for p in passages for m in pattern.finditer(p.norm)] if pattern else []


@functools.cache
def _stem_pattern(stems: tuple[str, ...]) -> re.Pattern | None:
    if not stems:
        return None
    alternatives = "|".join(map(re.escape, sorted(stems, key=len, reverse=True)))
    if any("\u4e00" <= c <= "\u9fff" for c in stems[0]):
        return re.compile(alternatives)
    return re.compile(rf"(?<![a-z])(?:{alternatives})[a-z]*", re.IGNORECASE)


def stems_of(hits: list[Hit], stems: tuple[str, ...]) -> set[str]:
    """The stems the words found start with (the longest one where several do)."""
    return {max((s for s in stems if h.words.lower().startswith(s) or s in h.words.lower()), key=len)
            for h in hits}


def first_words(hits: list[Hit], stems: tuple[str, ...]) -> list[str]:
    """One word for each stem counted, as first written: the message said "5 words" and listed nine
    (analytics, analysts, analysis… are one stem)."""
    words: dict[str, str] = {}
    for hit in hits:
        words.setdefault(next(iter(stems_of([hit], stems))), hit.words.lower())
    return list(words.values())


def neutral_title(title: str, found: re.Match, neutral: str) -> str:
    """The title with the gendered word replaced (in its capitalisation) or left out."""
    if neutral == "{rest}":
        rest = (title[:found.start()] + title[found.end():]).strip()
        return re.sub(r"[（(]\s*[)）]", "", rest).strip() or title
    word = found.group()
    if word[:1].isupper():
        neutral = neutral[:1].upper() + neutral[1:]
    return title[:found.start()] + neutral + title[found.end():]


def _legal_minimum_age(words: str) -> bool:
    """'at least 18': the law's minimum, not a restriction (years since graduating are not an age)."""
    numbers = [int(n) for n in re.findall(r"\d+", words)]
    return bool(numbers) and all(n <= MINIMUM_WORKING_AGE for n in numbers) and not re.search(
        r"以下|以内|之下|之内|under|below|younger|older|not over|maximum|max|limit|graduat|毕业|畢業", words, re.IGNORECASE)


def cite(laws) -> str:
    """'US-CO: C.R.S. 8-5-201(2), since 2021-01-01; TW: 就業服務法第 5 條第 2 項第 6 款, since 2018-11-30, where the
    pay is below 40,000 TWD a month'."""
    return "; ".join(f"{law.jurisdiction}: {law.ref.source}" + (_(", since {date}").format(
        date=law.ref.since.isoformat()) if law.ref.since else "") + _below(law.ref.below) for law in laws)


def _below(limit) -> str:
    if limit is None:
        return ""
    per = {"hour": _("an hour"), "day": _("a day"), "week": _("a week"), "month": _("a month"),
           "year": _("a year")}[limit.period]
    return _(", where the pay is below {amount} {currency} {per}").format(
        amount=f"{limit.amount:,}", currency=limit.currency, per=per)


def may_apply(limit, salary) -> bool:
    """Whether a law for pay below `limit` may apply to the role's salary: not where its lowest figure reaches
    the limit in the same currency and period. Other figures are not converted (a year's pay may hold bonuses
    that a month's regular pay does not), so for them the law is taken to apply."""
    if limit is None or salary is None or salary.min is None:
        return True
    return not (salary.currency == limit.currency and salary.period == limit.period and salary.min >= limit.amount)


class PostingLaws:
    """What the project's jurisdictions require of a posting: a pay range, benefits, a closing date; what they
    forbid in it: an open-ended range, a question about pay history."""

    def __init__(self, checker: Checker):
        self.checker = checker
        self.laws = checker.book.posting

    def applying(self, rule: str, salary) -> list:
        """The laws asking `rule` that may apply to a role paid `salary` (a law may hold only below a pay level)."""
        return [law for law in self.laws.get(rule, []) if may_apply(law.ref.below, salary)]

    def pay_range(self, role, where) -> Iterator[Problem]:
        salary = role.salary
        required, closed = self.applying("pay-range", salary), self.applying("closed-pay-range", salary)
        ends = [salary is not None and salary.min is not None, salary is not None and salary.max is not None]
        if required and not any(ends) and self.checker.on("pay-range-missing"):
            message = _("the posting gives no pay range, which the law requires ({laws}): add salary: "
                        "{{min: …, max: …, currency: …, period: year}} to the role (period: month, hour…: what "
                        "the amounts are per)").format(laws=cite(required))
            if all(law.ref.below for law in required):  # only where pay is low, which rolebook cannot know here
                message += _("; where the pay is not below that, keep the finding for this role: compliance: "
                             "{{allow: [{{code: pay-range-missing, reason: …}}]}}").format()
            yield Problem.at(where, "pay-range-missing", message, self.checker.severity("pay-range-missing"))
        elif any(ends) and not all(ends):
            half = _("only a minimum (\"and up\")") if ends[0] else _("only a maximum (\"up to\")")
            if closed and self.checker.on("open-ended-pay-range"):
                yield Problem.at(where, "open-ended-pay-range", _(
                    "the pay range gives {half}, an open-ended range the law refuses ({laws}): give both min and "
                    "max").format(
                        half=half, laws=cite(closed)), self.checker.severity("open-ended-pay-range"))
            elif required and self.checker.on("pay-range-missing"):
                yield Problem.at(where, "pay-range-missing", _(
                    "the pay range gives {half}; the law requires a range ({laws}): give both min and max").format(
                        half=half, laws=cite(required)), self.checker.severity("pay-range-missing"))

    def benefits(self, role, posting, where) -> Iterator[Problem]:
        laws = self.applying("benefits", role.salary)
        given = (posting and posting.benefits) or (role.posting and role.posting.benefits)
        if laws and not given and self.checker.on("benefits-missing"):
            yield Problem.at(where, "benefits-missing", _(
                "the posting describes no benefits, which the law requires ({laws}): add posting.benefits to "
                "rolebook.yaml or to the role").format(laws=cite(laws)), self.checker.severity("benefits-missing"))

    def closing_date(self, role, where) -> Iterator[Problem]:
        laws = self.applying("closing-date", role.salary)
        if laws and not (role.posting and role.posting.closes) and self.checker.on("closing-date-missing"):
            yield Problem.at(where, "closing-date-missing", _(
                "the posting gives no application deadline, which the law requires ({laws}): add posting: "
                "{{closes: YYYY-MM-DD}} to the role").format(laws=cite(laws)), self.checker.severity("closing-date-missing"))

    def pay_history(self, passages: list[Passage]) -> Iterator[Problem]:
        laws = self.laws.get("no-pay-history", [])
        rules = merged()
        if not laws or not self.checker.on("pay-history-question"):
            return
        for hit, _found in self.checker.hits(passages, rules.pay_history):
            if rules.pay_history_open is None or not rules.pay_history_open.search(hit.passage.norm):
                yield self.checker.problem(hit, "pay-history-question", _(
                    "'{words}' asks for a candidate's current or past pay, which the law forbids ({laws}); ask for "
                    "the pay they expect instead").format(words=hit.words, laws=cite(laws)))
