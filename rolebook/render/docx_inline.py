"""Inline rules of the Word writer: runs for emphasis, code, links and breaks."""

from __future__ import annotations

from typing import Protocol

from lxml import etree
from markdown_it.token import Token

from rolebook.errors import WriterError
from rolebook.render import ooxml
from rolebook.render.markdown import SAFE_SCHEMES
from rolebook.render.ooxml import bookmark_name, el, rpr, text_run, val
from rolebook.render.text import is_cjk, spaced_comparisons, unkept


class Links(Protocol):
    def rel_id(self, url: str) -> str: ...


class Host(Protocol):
    """What the inline rules need of the document's writer (docx.DocxWriter)."""

    controls: int  # content controls written so far: each gets the next id
    language: str
    links: Links  # the document's hyperlink relationships
    cell_label: bool  # inside a label cell of a table: runs are bold
    cell_source: list[str] | None  # inside a table cell: its text as written, for the column widths


class InlineWriter:
    """Runs for one inline token: emphasis, code, links, breaks."""

    def __init__(self, writer: Host, paragraph: etree._Element):
        self.writer = writer
        self.target = paragraph  # the paragraph, or a w:hyperlink inside it
        self.paragraph = paragraph
        self.bold = self.italic = self.strike = 0
        self.bold_cell = getattr(writer, "cell_label", False)

    def write(self, children: list[Token]) -> None:
        for index, token in enumerate(children):
            rule = getattr(self, "i_" + token.type, None)
            if rule is None:
                raise WriterError(f"the Word writer has no rule for inline Markdown token '{token.type}'")
            rule(token, children, index)

    def properties(self, style: str | None = None) -> etree._Element | None:
        """The run's w:rPr, or None for plain text (most runs: no element to make)."""
        if not (style or self.bold or self.bold_cell or self.italic or self.strike):
            return None
        props = []
        if style:
            props.append(val("w:rStyle", style))
        if self.bold or self.bold_cell:
            props += [el("w:b"), el("w:bCs")]
        if self.italic:
            props += [el("w:i"), el("w:iCs")]
        if self.strike:
            props.append(el("w:strike"))
        return rpr(*props)

    def link_style(self) -> str | None:
        return "Hyperlink" if self.target is not self.paragraph else None

    def i_text(self, token, children, index) -> None:
        # Keep marks go: a kept text stays on one line by its table column's width (docx_tables), not by
        # invisible characters a reader would copy or search for.
        if self.writer.cell_source is not None:
            self.writer.cell_source.append(spaced_comparisons(token.content))
        content = spaced_comparisons(unkept(token.content))
        if content:
            self.target.append(text_run(content, self.properties(self.link_style())))

    i_text_special = i_text
    i_html_inline = i_text  # raw HTML is off; if it ever comes, it stays text

    def i_softbreak(self, token, children, index) -> None:
        before = _last_char(children, index)
        after = _first_char(children, index + 1)
        if not (is_cjk(before) and is_cjk(after)):
            self.target.append(text_run(" ", self.properties(self.link_style())))

    def i_hardbreak(self, token, children, index) -> None:
        self.target.append(ooxml.break_run())

    def i_strong_open(self, *_) -> None:
        self.bold += 1

    def i_strong_close(self, *_) -> None:
        self.bold -= 1

    def i_em_open(self, *_) -> None:
        self.italic += 1

    def i_em_close(self, *_) -> None:
        self.italic -= 1

    def i_s_open(self, *_) -> None:
        self.strike += 1

    def i_s_close(self, *_) -> None:
        self.strike -= 1

    def i_code_inline(self, token, children, index) -> None:
        self.target.append(text_run(token.content, self.properties("CodeChar")))

    def i_image(self, token, children, index) -> None:
        # Images are not fetched (documents stay self-contained); their alt text stands in.
        alt = token.content or "".join(child.content for child in token.children or [])
        if alt:
            self.target.append(text_run(alt, self.properties()))

    def i_field(self, token, children, index) -> None:
        """A fillable field: a content control tagged with the field's name (a checkbox for a choice,
        followed by its label, kept on the box's line by a no-break space)."""
        meta = token.meta
        kind, label = meta["kind"], meta["label"]
        self.writer.controls += 1
        alias = (meta["value"] or label) if kind == "choice" else label
        hint = None if kind == "choice" else meta["value"]
        self.paragraph.append(ooxml.content_control(kind, meta["name"], alias, self.writer.controls,
                                                    self.writer.language, self.properties(), hint))
        if kind == "choice" and label:
            self.paragraph.append(text_run("\u00a0" + label, self.properties()))

    def i_link_open(self, token, children, index) -> None:
        href = token.attrs.get("href", "")
        if href.startswith("#"):  # headings' bookmarks are named from their anchors
            link = el("w:hyperlink", {"w:anchor": bookmark_name(href[1:]), "w:history": 1})
        elif href.lower().startswith(SAFE_SCHEMES):
            link = el("w:hyperlink", {"r:id": self.writer.links.rel_id(href), "w:history": 1})
        else:
            return  # a relative or unknown link: its text stays, unlinked
        self.paragraph.append(link)
        self.target = link

    def i_link_close(self, *_) -> None:
        self.target = self.paragraph


def _last_char(tokens: list[Token], end: int) -> str:
    """The last character of the tokens before `end` (no slicing: a text of many lines stays linear)."""
    for position in range(end - 1, -1, -1):
        if tokens[position].content:
            return tokens[position].content[-1]
    return ""


def _first_char(tokens: list[Token], start: int) -> str:
    for position in range(start, len(tokens)):
        if tokens[position].content:
            return tokens[position].content[0]
    return ""
