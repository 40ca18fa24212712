"""One spec, several languages: which languages a project builds, and a loaded tree's text fields
resolved to one of them (or to two, for a bilingual document) before the model sees them.

A text field holds either a plain text, written in the source language, or a mapping of language tags
(`{zh-CN: 销售经理, en: Sales Manager}`). For a language the text is: its own translation when given;
else, for a derived language, the text it derives from converted by OpenCC; else the source text, and a
`missing-translation` warning at the field. The walk follows the model's annotations (only fields marked
as text are resolved: ids, versions and codes are the same in every language) and rebuilds only what
changes, so a single-language project without mappings comes out as it went in.
"""

from __future__ import annotations

import functools
import re
import types
import typing
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Union

from pydantic import BaseModel

from rolebook.errors import WARNING, Problem
from rolebook.messages import _
from rolebook.spec.loader import Mapping, Sequence, unpacked
from rolebook.spec.model import LANGUAGE_PATTERN, ONE_LANGUAGE, TRANSLATABLE, Settings
from rolebook.spec.shape import field_annotations as _fields, plan as _plan, rebuilt, rebuilt_items

BILINGUAL = "bilingual"  # the output folder of the bilingual documents
PAIR = "\n\n"  # between the two languages of a text in a bilingual document: a block each
_TAG = re.compile(LANGUAGE_PATTERN)
_WORD = re.compile(r"[^\W\d_]{2}")  # two letters in a row: a word, not a grade letter or a unit
Target = Union[str, tuple[str, str]]  # a language, or the two of a bilingual document


@dataclass(frozen=True)
class Languages:
    """The languages of a project, from rolebook.yaml."""

    source: str
    built: tuple[str, ...]
    derived: dict[str, tuple[str, str]] = field(default_factory=dict)  # language → (from, OpenCC config)
    bilingual: tuple[str, str] | None = None

    @classmethod
    def of(cls, settings: Settings) -> "Languages":
        built = tuple(settings.languages) or (settings.language,)
        derived = {tag: (rule.from_ or settings.language, rule.convert) for tag, rule in settings.derive.items()}
        pair = tuple(settings.bilingual) if len(settings.bilingual) == 2 else None
        return cls(settings.language, built, derived, pair)

    @property
    def several(self) -> bool:
        """Whether outputs go to one folder per language (build/<lang>/, build/bilingual/)."""
        return len(self.built) > 1 or self.bilingual is not None

    def targets(self) -> list[Target]:
        """What a build makes: each language, then the bilingual documents."""
        return [*self.built, *([self.bilingual] if self.bilingual else [])]

    def checked(self) -> list[str]:
        """The languages whose translations are checked: built or bilingual, neither source nor derived."""
        wanted = [*self.built, *(self.bilingual or ())]
        return [tag for tag in dict.fromkeys(wanted) if tag != self.source and tag not in self.derived]

    def all(self) -> set[str]:
        return {self.source, *self.built, *self.derived, *(self.bilingual or ())}


def any_language(tree: Any, model: type[BaseModel]) -> Any:
    """A tree's texts in any one of their languages: for reading settings before the languages are known."""
    return Localizer(Languages("", ()), "").tree(tree, model, "")


def folder_name(target: Target) -> str:
    return BILINGUAL if isinstance(target, tuple) else target


@functools.lru_cache(maxsize=None)
def _converter(config: str):
    import opencc

    return opencc.OpenCC(config)


@functools.lru_cache(maxsize=65536)
def convert(config: str, text: str) -> str:
    """Text converted by OpenCC (phrases too with the `…p` configurations: 软件 → 軟體 with s2twp)."""
    return _converter(config).convert(text)


# Taiwan's words for the mainland's, after OpenCC's s2tw (characters only): rolebook's own zh-TW texts (the
# starter, placeholders) say 職位 as its zh-TW labels do. Not s2twp: its software phrasing makes 审核 稽核
# (audit), 程序 程式 (a program) and 项目 專案; and s2t's phrases read 奖金发放 as 獎金髮放 (hair).
TAIWAN_WORDS = {"崗位": "職位", "示例": "範例", "合同": "合約", "渠道": "通路", "新建": "新增", "髮放": "發放"}


def to_taiwan(text: str) -> str:
    """Simplified Chinese of rolebook's own as Taiwan writes it."""
    text = convert("s2tw", text)
    for mainland, taiwan in TAIWAN_WORDS.items():
        text = text.replace(mainland, taiwan)
    return text


def is_traditional(text: str) -> bool:
    """Whether a Chinese text is written in traditional characters (more of them change to simplified than
    to traditional)."""
    to_simplified = sum(a != b for a, b in zip(text, convert("t2s", text)))
    to_traditional = sum(a != b for a, b in zip(text, convert("s2t", text)))
    return to_simplified > to_traditional


def needs_translation(text: str, source: str, language: str) -> bool:
    """Whether a text left in the source language is a missing translation: it has words of the source's
    script. Codes, grade letters and numbers (CRM in a Chinese text, M2, 2026) read the same in both."""
    if _cjk_language(source) and not _cjk_language(language):
        return any(is_cjk(char) for char in text)
    return any(is_cjk(char) for char in text) or bool(_WORD.search(text))


def is_cjk(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF" and unicodedata.category(char).startswith("L")


def _cjk_language(tag: str) -> bool:
    return tag.split("-")[0].lower() in ("zh", "ja", "ko")


@dataclass
class Missing:
    """What a walk found untranslated, per language: the positions, and how many texts it read."""

    at: dict[str, list[int]] = field(default_factory=dict)
    texts: int = 0


class Localizer:
    """Resolves the text fields of trees to one target, converting and counting as it goes."""

    def __init__(self, languages: Languages, target: Target, report: tuple[str, ...] = ()):
        self.languages = languages
        self.target = target
        self.report = report  # the languages whose missing translations are recorded
        self.missing = Missing()
        self.source = languages.source

    def tree(self, node: Any, model: type[BaseModel], source: str | None = None) -> Any:
        """The tree with every text field resolved (the tree itself is not changed)."""
        self.source = source or self.languages.source
        return self._walk(node, model, None, self._text)

    def count(self, node: Any, model: type[BaseModel], source: str | None = None) -> None:
        """Walk a tree only to record, for each reported language, the texts it lacks."""
        self.source = source or self.languages.source
        self._walk(node, model, None, self._lacking)

    def _walk(self, node: Any, annotation: Any, at: int | None, on_text) -> Any:
        """`on_text(text, at, one_language)` at each text field; mappings and lists rebuilt where it changed."""
        if _translatable(annotation) and (isinstance(node, str) or _is_language_map(node)):
            return on_text(node, at, _marked(annotation, ONE_LANGUAGE))
        kind, inner = _plan(annotation)
        if kind == "list" and isinstance(node, Sequence):
            return rebuilt_items(node, [self._walk(v, inner, node.item_at(i), on_text) for i, v in enumerate(node)])
        if kind == "model" and isinstance(node, Mapping):
            fields = _fields(inner)
            return rebuilt(node, {key: self._walk(value, fields[key], node.value_at(key), on_text)
                                  for key, value in node.items() if key in fields})
        if kind == "dict" and isinstance(node, Mapping):
            return rebuilt(node, {key: self._walk(value, inner, node.value_at(key), on_text)
                                  for key, value in node.items()})
        return node

    def _lacking(self, node: str | Mapping, at: int | None, one_language: bool = False) -> Any:
        values = node if isinstance(node, Mapping) else None
        text = node if values is None else values.get(self.source, next(iter(values.values())))
        if values is not None and self.source not in values and at is not None:  # written in others only
            self.missing.at.setdefault(self.source, []).append(at)
        if isinstance(text, str) and any(needs_translation(text, self.source, tag) for tag in self.report):
            self.missing.texts += 1
            for tag in self.report:
                self._pick(tag, values, None if values is not None else node, at)
        return node

    def _text(self, node: str | Mapping, at: int | None, one_language: bool = False) -> Any:
        values = node if isinstance(node, Mapping) else None
        plain = None if values is not None else node
        if isinstance(self.target, tuple) and one_language:
            return self._pick(self.target[0], values, plain, at)
        if isinstance(self.target, tuple):
            first, second = (self._pick(tag, values, plain, at) for tag in self.target)
            if not isinstance(first, str) or not isinstance(second, str) or first == second:
                return first
            return f"{first}{PAIR}{second}"  # each block in both languages, the first language first
        return self._pick(self.target, values, plain, at)

    def _pick(self, language: str, values: Mapping | None, plain: str | None, at: int | None) -> Any:
        if values is not None and language in values:
            return values[language]
        if values is None and language == self.source:
            return plain
        if language in self.languages.derived:
            base_language, config = self.languages.derived[language]
            base = self._pick(base_language, values, plain, at)
            return convert(config, base) if isinstance(base, str) else base
        fallback = plain if values is None else values.get(self.source, next(iter(values.values())))
        if language in self.report and at is not None and isinstance(fallback, str) \
                and needs_translation(fallback, self.source, language):
            self.missing.at.setdefault(language, []).append(at)
        return fallback


def missing_problems(missing: Missing, source: str) -> list[Problem]:
    """`missing-translation` warnings, one per field and language."""
    def message(language: str) -> str:
        if language == source:
            return _("no {language} text here, in the source language: the documents show the first text "
                     "given").format(language=language)
        return _("no {language} text here: the {language} documents show the source text").format(language=language)

    return [Problem.at(unpacked(at), "missing-translation", message(language), WARNING)
            for language, places in missing.at.items() for at in places]


def _is_language_map(node: Any) -> bool:
    return isinstance(node, Mapping) and bool(node) and all(isinstance(key, str) and _TAG.match(key) for key in node)


_MARKED: dict[tuple[int, Any], bool] = {}
_KEEP: list[Any] = []


def _translatable(annotation: Any) -> bool:
    """Whether a field is text (model.Text): in a Union or Optional, not inside a list."""
    return _marked(annotation, TRANSLATABLE)


def _marked(annotation: Any, mark: Any) -> bool:
    found = _MARKED.get((id(annotation), mark))
    if found is None:
        found = _MARKED[id(annotation), mark] = _marks(annotation, mark)
        _KEEP.append(annotation)  # its id stays its own
    return found


def _marks(annotation: Any, mark: Any) -> bool:
    if typing.get_origin(annotation) is typing.Annotated:
        return any(meta is mark for meta in annotation.__metadata__) or _marks(typing.get_args(annotation)[0], mark)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return any(_marks(arg, mark) for arg in typing.get_args(annotation))
    return False
