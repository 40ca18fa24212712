"""Each employee's appraisal filled into the role's form, rendered once per role (issue 34).

Rendering a form from its template costs ~30 ms (Jinja, Markdown, the Word and HTML writers), and the
appraisals of one role differ only in the values written in their fields. So the form is rendered once
with a *hole* where each filled field's text goes (a private-use character, which Markdown's rules treat
as a letter), and each employee's documents are that rendering with the holes replaced. They are the
same bytes as an appraisal rendered from scratch (tests/test_fill.py compares them) because:

- only a value that renders as itself fills a hole: letters, digits, single spaces and - + . , % / : ·
  ' ( ) （ ） 、， (no Markdown, nothing HTML or XML escapes, no edge space, nothing that starts a
  block); any other value gets the employee's appraisal rendered from scratch;
- beside Markdown that reads the character next to it (an emphasis mark, a backslash, < & [ ! `), a
  value's first and last characters can change what the Markdown means (`**-2**`): there the line is
  parsed with the value and with the hole, and filled only when both give the same tokens;
- a form whose holes stand where their neighbours change how text renders (next to a soft break, whose
  space depends on the characters around it; in a text with a comparison sign, which spaces the number
  after it; in anything but plain text) is not filled at all: every appraisal of it is rendered;
- a Word table's column widths depend on its cells' text: a table holding holes gets a marker for each
  width, which each employee's values fill in through the same function (docx_tables.column_widths).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from rolebook.render.context import role_context
from rolebook.render.docx import DocxWriter
from rolebook.render.docx_tables import OpenTable, column_widths, measure
from rolebook.render.documents import Renderer
from rolebook.render.markdown import field as blank_field
from rolebook.render.markdown import inline_tokens, parse
from rolebook.render.templating import cell
from rolebook.render.wordpackage import DocumentInfo, document_part, package
from rolebook.spec.model import Role

FIRST_HOLE, LAST_HOLE = 0xE100, 0xEFFF  # one per filled field (render/text.py's keep marks are E000, E001)
FIRST_WIDTH, LAST_WIDTH = 0xF000, 0xF8FF  # one per column of a table holding holes
_SLOT = re.compile(f"([{chr(FIRST_HOLE)}-{chr(LAST_WIDTH)}])")
_ANY_SLOT_CHAR = re.compile(f"[{chr(FIRST_HOLE - 0x10)}-{chr(LAST_WIDTH)}]")  # spec text using them: no filling
_PUNCTUATION = "-+.,%/:·'()（）、，"
_PLAIN = re.compile(f"(?:[^\\W_]|[{re.escape(_PUNCTUATION)}])(?:[^\\W_]| (?! )|[{re.escape(_PUNCTUATION)}])*")
_COMPARISONS = "≤≥≦≧"
_GUARDS = "*_~\\<>&[]!`"  # Markdown that reads the character beside it: emphasis, escapes, entities, links
REMEMBERED = 4096  # values checked beside Markdown and texts measured, remembered (then forgotten: flat memory)


@lru_cache(maxsize=REMEMBERED)  # results repeat (levels, grades, round figures)
def plain(value: str) -> bool:
    """A value that renders as itself where a template puts it (the module's first rule)."""
    return bool(_PLAIN.fullmatch(value)) and not value.endswith(" ") and cell(value) == value


@dataclass(frozen=True)
class Hole:
    name: str  # the field's name (the spec format's "Fillable forms"), or employee/period in the title
    kind: str  # the field's kind; "title" for the document's title
    value: str | None = None  # a choice's own level or grade
    line: str = ""  # the Markdown of its paragraph or cell, when beside Markdown that reads its neighbour


class _HoledWriter(DocxWriter):
    """The Word writer, with a width marker for each column of a table whose cells hold holes."""

    def __init__(self, section):
        super().__init__(section=section)
        self.holed_tables: list[tuple[list[float], list[list[str]], int, list[str], bool]] = []
        self.next_width = FIRST_WIDTH

    def column_widths(self, table: OpenTable) -> list[int]:
        texts = [[text for _, text in row] for row in table.rows]
        if not any(_SLOT.search(text) for row in texts for text in row):
            return super().column_widths(table)
        width = self.text_width_now()
        columns = len(column_widths(table.percents, texts, width, pairs=table.meta))
        if self.next_width + columns > LAST_WIDTH:
            raise _Unfillable
        markers = [chr(self.next_width + i) for i in range(columns)]
        self.next_width += columns
        self.holed_tables.append((table.percents, texts, width, markers, table.meta))
        return markers  # the writer writes them as the w:w values


class _Unfillable(Exception):
    """This form cannot be filled (the module's rules): its appraisals are rendered from scratch."""


class FilledForm:
    """One role's appraisal form rendered with holes, for the set of fields its employees fill in."""

    def __init__(self, renderer: Renderer, role: Role, names: frozenset[str],
                 info_for: Callable[[str, str], DocumentInfo]):
        """`names`: the fields filled in; `info_for(employee, period)`: the appraisal's properties."""
        self.renderer, self.role = renderer, role
        self.holes: list[Hole] = []
        info = info_for(self._hole("employee", "title"), self._hole("period", "title"))
        titled = len(self.holes)
        markdown = form_markdown(renderer, role, self._field(names))
        fields = [chr(FIRST_HOLE + i) for i in range(titled, len(self.holes))]
        if sorted(_ANY_SLOT_CHAR.findall(markdown)) != fields \
                or not set(_ANY_SLOT_CHAR.findall(info.title + info.header)) <= {chr(FIRST_HOLE), chr(FIRST_HOLE + 1)}:
            raise _Unfillable  # a field twice, or the role's own text uses these characters
        tokens = parse(markdown)
        lines = _lines_of_holes(tokens)
        if set(fields) - set(lines):
            raise _Unfillable  # a hole that is no text of a line (in a link's address, say)
        self.holes[titled:] = [_guarded(hole, markdown, char, lines[char])
                               for hole, char in zip(self.holes[titled:], fields)]
        self.verified: dict[tuple[int, str], bool] = {}
        self.measures: dict[str, tuple[int, int]] = {}
        html = renderer.write(tokens, info, ("html",))["html"].decode("utf-8")
        writer = _HoledWriter(renderer.reference.section)  # as build_docx, with width markers
        writer.language = info.language
        body = writer.render(tokens)
        self.document = _SLOT.split(document_part(body, writer.final_section()).decode("utf-8"))
        self.html = _SLOT.split(html)
        self.numbering, self.links = writer.numbering, writer.links.external
        self.tables = writer.holed_tables

    @classmethod
    def make(cls, renderer: Renderer, role: Role, names: frozenset[str],
             info_for: Callable[[str, str], DocumentInfo]) -> FilledForm | None:
        try:
            return cls(renderer, role, names, info_for)
        except _Unfillable:
            return None

    def _hole(self, name: str, kind: str, value: str | None = None) -> str:
        if FIRST_HOLE + len(self.holes) > LAST_HOLE:
            raise _Unfillable
        self.holes.append(Hole(name, kind, value))
        return chr(FIRST_HOLE + len(self.holes) - 1)

    def _field(self, names: frozenset[str]):
        """The templates' `field`, a hole where appraisals/filled_field writes a value."""
        def hole(kind: str, name: str, label: str = "", value: str | None = None) -> str:
            if name not in names:
                return blank_field(kind, name, label, value)
            if kind == "choice":
                return self._hole(name, kind, value) + "\u00a0" + cell(label or value)
            return self._hole(name, kind, value)
        return hole

    def fill(self, values: dict[str, str], info: DocumentInfo, formats: tuple[str, ...]) -> dict[str, bytes] | None:
        """The employee's documents, or None when a value cannot fill its hole (render it instead)."""
        texts = {}
        for number, hole in enumerate(self.holes):
            text = _text(hole, values)
            if text is None or (hole.line and not self._same_tokens(number, text)):
                return None
            texts[chr(FIRST_HOLE + number)] = text
        out = {}
        if "docx" in formats:
            slots = dict(texts)
            for percents, rows, width, markers, pairs in self.tables:
                filled = [[_SLOT.sub(lambda m: texts[m.group()], text) for text in row] for row in rows]
                slots.update(zip(markers, map(str, column_widths(percents, filled, width, self._measured, pairs))))
            document = _joined(self.document, slots).encode("utf-8")
            out["docx"] = package(document, self.numbering, self.links, self.renderer.branded(info),
                                  self.renderer.reference)
        if "html" in formats:
            out["html"] = _joined(self.html, texts).encode("utf-8")
        return out

    def _measured(self, text: str) -> tuple[int, int]:
        """A cell's text measured (docx_tables.measure), remembered: most cells are the same for everyone."""
        found = self.measures.get(text)
        if found is None:
            if len(self.measures) >= REMEMBERED:
                self.measures.clear()
            found = self.measures[text] = measure(text)
        return found

    def _same_tokens(self, number: int, text: str) -> bool:
        """Whether the hole's line parses the same with `text` in it (beside Markdown that reads it)."""
        key = (number, text)
        if key not in self.verified:
            if len(self.verified) >= REMEMBERED:
                self.verified.clear()
            hole, line = chr(FIRST_HOLE + number), self.holes[number].line
            self.verified[key] = _inline(line.replace(hole, text)) == _inline(line, (hole, text))
        return self.verified[key]


def form_markdown(renderer: Renderer, role: Role, field) -> str:
    """The role's form as Markdown, its fields written by `field` (a hole, a value, or a blank field)."""
    context = role_context(renderer.project, role)
    return renderer.templates.render("form.md.j2", c=context, **{**context, "field": field})


def _text(hole: Hole, values: dict[str, str]) -> str | None:
    """What fills a hole for these values (as appraisals.filled_field writes it), or None."""
    value = values[hole.name]
    if hole.kind in ("check", "choice"):
        return "☑" if value == (hole.value if hole.kind == "choice" else "yes") else "☐"
    if hole.kind == "title" and "'" in value:  # the page's <title> escapes it, the body does not
        return None
    return value if plain(value) else None


def _inline(line: str, replace: tuple[str, str] = ("", "")) -> list[tuple]:
    """The inline tokens of a line of Markdown, their text with a hole replaced."""
    return [(token.type, token.content.replace(*replace) if replace[0] else token.content, token.markup,
             token.nesting) for token in inline_tokens(line)]


def _joined(pieces: list[str], slots: dict[str, str]) -> str:
    """The split rendering with every slot (the odd pieces) replaced."""
    out = pieces[:]
    out[1::2] = [slots[slot] for slot in pieces[1::2]]
    return "".join(out)


def _guarded(hole: Hole, markdown: str, char: str, line: str) -> Hole:
    """The hole, with its line when Markdown beside it reads the character next to it."""
    at = markdown.index(char)
    near = markdown[max(at - 1, 0):at] + markdown[at + 1:at + 2]
    return Hole(hole.name, hole.kind, hole.value, line if any(mark in near for mark in _GUARDS) else "")


def _lines_of_holes(tokens) -> dict[str, str]:
    """Each hole's inline Markdown (its paragraph's or cell's). A hole must be in plain text, not beside
    a soft break, not in a text with a comparison sign (the module's rules)."""
    lines = {}
    for token in tokens:
        if token.type != "inline":
            if _SLOT.search(token.content or "") or any(_SLOT.search(str(v)) for v in (token.attrs or {}).values()):
                raise _Unfillable
            continue
        children = token.children or []
        for index, child in enumerate(children):
            content = child.content or ""
            holes = _SLOT.findall(content)
            if not holes and not _SLOT.search(str(child.meta or "")) and not _SLOT.search(str(child.attrs or "")):
                continue
            if child.type != "text" or any(sign in content for sign in _COMPARISONS):
                raise _Unfillable
            before = children[index - 1].type if index else ""
            after = children[index + 1].type if index + 1 < len(children) else ""
            if (_SLOT.match(content[0]) and before == "softbreak") or (_SLOT.match(content[-1]) and after == "softbreak"):
                raise _Unfillable
            lines.update(dict.fromkeys(holes, token.content))
    return lines
