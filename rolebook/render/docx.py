"""The Word writer: markdown-it tokens → WordprocessingML, one method per token type.

Styles come from the reference document (templates/reference.docx, which a
project may replace); this module writes only structure and names the styles.
A token type without a method here is an error, never a silent drop.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from lxml import etree
from markdown_it.token import Token

from rolebook.errors import RolebookError
from rolebook.render import ooxml
from rolebook.render.markdown import directive_params
from rolebook.render.ooxml import el, ppr, rpr, sub, text_run, val

SAFE_SCHEMES = ("http://", "https://", "mailto:", "tel:")


class WriterError(RolebookError):
    """A document asks for something a writer cannot express."""


@dataclass
class Links:
    """Hyperlink targets of one document, as relationship ids."""

    external: dict[str, str] = field(default_factory=dict)

    def rel_id(self, url: str) -> str:
        if url not in self.external:
            self.external[url] = f"rIdLink{len(self.external) + 1}"
        return self.external[url]


@dataclass
class _Table:
    element: etree._Element
    meta: bool
    form: bool = False
    percents: list[float] = field(default_factory=list)  # column widths asked for, in percent
    lines: float = 1  # least height of a form's body row, in lines
    rows: list[list[tuple[etree._Element, str]]] = field(default_factory=list)
    header_rows: int = 0


LINE_TWIPS = 360  # a line of form text with its spacing
CHAR_TWIPS = 115  # half the width of a CJK character at 10.5 pt, with some air
CELL_PADDING = 300  # left and right cell margins, and room for bold text


_WORD = re.compile(r"[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+")


def _unbreakable_width(text: str) -> int:
    """The widest piece a line cannot break: a short cell whole, else its longest Latin word.

    East Asian text breaks between any two characters, other text at spaces.
    """
    if display_width(text) <= 8:
        return display_width(text)
    return max([display_width(word) for word in _WORD.findall(text)] + [2])


def display_width(text: str) -> int:
    """Columns a text needs: East Asian wide characters count twice."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def is_cjk(char: str) -> bool:
    return bool(char) and unicodedata.east_asian_width(char) in "WF"


class DocxWriter:
    def __init__(self, section: etree._Element | None = None):
        self.body = el("w:body")
        self.targets: list[etree._Element] = [self.body]  # where block elements go
        self.paragraph: etree._Element | None = None  # where runs go
        self.containers: list[str] = []  # open directives and block contexts
        self.lists: list[tuple[int, int]] = []  # (numId, level) of open lists
        self.numbering: list[tuple[str, int]] = []  # (kind, start) per list, numId = index + 1
        self.item_pending = False  # a list item whose number is not placed yet
        self.tables: list[_Table] = []
        self.links = Links()
        self.cell_label = False  # inside a label cell of a `meta` table
        self.cell_align: str | None = None
        self.section = section if section is not None else ooxml.default_section()
        self.landscape = False  # orientation of the section being written
        self.section_ends = False  # a landscape section closed: the next block starts a new one
        self.signatures: tuple | None = None  # (table, row, date label) of an open signature block
        self.bookmarks = 0
        self.open_bookmark: int | None = None
        self.has_toc = False
        self.toc_placeholder: etree._Element | None = None

    # --- driving ---------------------------------------------------------------------

    def render(self, tokens: list[Token]) -> etree._Element:
        for token in tokens:
            rule = getattr(self, "t_" + token.type.replace("-", "_"), None)
            if rule is None:
                raise WriterError(f"the Word writer has no rule for Markdown token '{token.type}'")
            rule(token)
        return self.body

    def add_block(self, element: etree._Element) -> etree._Element:
        if self.section_ends and len(self.targets) == 1:
            self.end_section(landscape=True)
        self.targets[-1].append(element)
        return element

    def end_section(self, landscape: bool) -> None:
        """Close the section written so far with a section break of the given orientation."""
        self.section_ends = False
        paragraph = el("w:p")
        paragraph.append(ppr(ooxml.section(self.section, landscape)))
        self.body.append(paragraph)

    def final_section(self) -> etree._Element:
        """The document's last section: landscape when a landscape part runs to the end."""
        return ooxml.section(self.section, self.landscape or self.section_ends)

    def text_width_now(self) -> int:
        return ooxml.text_width(ooxml.section(self.section, self.landscape))

    def new_paragraph(self, style: str | None, *properties: etree._Element) -> etree._Element:
        props = ([val("w:pStyle", style)] if style else []) + list(properties)
        paragraph = el("w:p")
        if props:
            paragraph.append(ppr(*props))
        self.paragraph = self.add_block(paragraph)
        return paragraph

    def in_(self, name: str) -> bool:
        return name in self.containers

    # --- paragraphs and headings -----------------------------------------------------

    def paragraph_style(self) -> tuple[str | None, list[etree._Element]]:
        """The style (and direct properties) of a body paragraph where it stands now."""
        if self.tables:
            style = "FormText" if self.tables[-1].form else "TableText"
            return style, [val("w:jc", self.cell_align)] if self.cell_align else []
        if self.lists:
            num_id, level = self.lists[-1]
            if self.item_pending:
                self.item_pending = False
                return "ListParagraph", [el("w:numPr", None, val("w:ilvl", level), val("w:numId", num_id))]
            return "ListParagraph", [el("w:ind", {"w:left": 420 * (level + 1)})]
        for name, style in (("doc-title", "Subtitle"), ("note", "Note"), ("toc", "TOCHeading"),
                            ("dd", "Definition"), ("blockquote", "Quote")):
            if self.in_(name):
                return style, []
        return None, []

    def t_paragraph_open(self, token: Token) -> None:
        if self.signatures:
            self.signature_cell()
            return
        style, props = self.paragraph_style()
        self.new_paragraph(style, *props)

    def t_paragraph_close(self, token: Token) -> None:
        if self.signatures and self.paragraph is not None:
            self.signature_line()
        self.paragraph = None

    def t_heading_open(self, token: Token) -> None:
        self.place_pending_item()
        level = int(token.tag[1])
        style = "Title" if self.in_("doc-title") and level == 1 else f"Heading{level}"
        paragraph = self.new_paragraph(style)
        if token.meta.get("anchor"):  # a bookmark that the table of contents links to
            self.bookmarks += 1
            paragraph.append(el("w:bookmarkStart", {"w:id": self.bookmarks,
                                                    "w:name": bookmark_name(token.meta["anchor"])}))
            self.open_bookmark = self.bookmarks

    def t_heading_close(self, token: Token) -> None:
        if self.open_bookmark is not None:
            self.paragraph.append(el("w:bookmarkEnd", {"w:id": self.open_bookmark}))
            self.open_bookmark = None
        self.paragraph = None

    def t_hr(self, token: Token) -> None:
        self.place_pending_item()
        border = el("w:pBdr", None, el("w:bottom", {"w:val": "single", "w:sz": 6, "w:space": 1,
                                                    "w:color": "A6A6A6"}))
        self.new_paragraph(None, border)
        self.paragraph = None

    def t_code_block(self, token: Token) -> None:
        self.place_pending_item()
        paragraph = self.new_paragraph("CodeBlock")
        for index, line in enumerate(token.content.rstrip("\n").split("\n")):
            if index:
                paragraph.append(ooxml.break_run())
            paragraph.append(text_run(line.replace("\t", "    ")))
        self.paragraph = None

    t_fence = t_code_block

    def t_html_block(self, token: Token) -> None:
        # Raw HTML is off, so markdown-it does not produce this; were it to, it stays text.
        self.new_paragraph(None).append(text_run(token.content.strip()))
        self.paragraph = None

    # --- lists ---------------------------------------------------------------------------

    def place_pending_item(self) -> None:
        """A list item that starts with a block other than a paragraph still shows its number."""
        if self.item_pending:
            style, props = self.paragraph_style()
            self.new_paragraph(style, *props)
            self.paragraph = None

    def open_list(self, kind: str, start: int) -> None:
        self.place_pending_item()
        self.numbering.append((kind, start))
        self.lists.append((len(self.numbering), len(self.lists)))

    def t_bullet_list_open(self, token: Token) -> None:
        self.open_list("bullet", 1)

    def t_ordered_list_open(self, token: Token) -> None:
        self.open_list("ordered", int(token.attrs.get("start", 1)))

    def t_bullet_list_close(self, token: Token) -> None:
        self.lists.pop()

    t_ordered_list_close = t_bullet_list_close

    def t_list_item_open(self, token: Token) -> None:
        self.item_pending = True

    def t_list_item_close(self, token: Token) -> None:
        self.place_pending_item()

    # --- blockquotes, definition lists, directives --------------------------------------

    def t_blockquote_open(self, token: Token) -> None:
        self.place_pending_item()
        self.containers.append("blockquote")

    def t_blockquote_close(self, token: Token) -> None:
        self.containers.pop()

    def t_dl_open(self, token: Token) -> None:
        self.place_pending_item()

    def t_dl_close(self, token: Token) -> None:
        pass

    def t_dt_open(self, token: Token) -> None:
        self.new_paragraph("DefinitionTerm")

    def t_dt_close(self, token: Token) -> None:
        self.paragraph = None

    def t_dd_open(self, token: Token) -> None:
        self.containers.append("dd")

    def t_dd_close(self, token: Token) -> None:
        self.containers.pop()

    def directive(self, token: Token, name: str) -> None:
        if token.nesting == 1:
            self.place_pending_item()
            self.containers.append(name)
        else:
            self.containers.pop()

    def t_container_doc_title_open(self, token: Token) -> None:
        self.directive(token, "doc-title")

    t_container_doc_title_close = t_container_doc_title_open

    def t_container_meta_open(self, token: Token) -> None:
        self.directive(token, "meta")

    t_container_meta_close = t_container_meta_open

    def t_container_note_open(self, token: Token) -> None:
        self.directive(token, "note")

    t_container_note_close = t_container_note_open

    def t_container_form_open(self, token: Token) -> None:
        pass  # its list became table tokens (markdown.form_tables)

    t_container_form_close = t_container_form_open

    def t_container_landscape_open(self, token: Token) -> None:
        self.place_pending_item()
        if self.section_ends:
            self.section_ends = False  # two landscape parts in a row share a section
        elif len(self.body):
            self.end_section(landscape=False)
        self.landscape = True

    def t_container_landscape_close(self, token: Token) -> None:
        self.landscape = False
        self.section_ends = True

    def t_container_signatures_open(self, token: Token) -> None:
        """Signers side by side: a borderless one-row table, a cell per paragraph inside."""
        self.place_pending_item()
        table = el("w:tbl")
        table.append(ooxml.tblpr(el("w:tblW", {"w:w": 5000, "w:type": "pct"}), el("w:tblLayout", {"w:type": "fixed"})))
        sub(table, "w:tblGrid")
        row = sub(table, "w:tr")
        row.append(ooxml.trpr(el("w:cantSplit")))
        self.add_block(table)
        self.signatures = (table, row, directive_params(token).get("date", ""))

    def t_container_signatures_close(self, token: Token) -> None:
        table, row, _ = self.signatures
        cells = row.findall(ooxml.w("tc")) or [sub(row, "w:tc")]
        width = self.text_width_now() // len(cells)
        grid = table.find(ooxml.w("tblGrid"))
        for cell in cells:
            sub(grid, "w:gridCol", {"w:w": width})
            cell.insert(0, ooxml.tcpr(el("w:tcW", {"w:w": width, "w:type": "dxa"})))
            if cell.find(ooxml.w("p")) is None:
                cell.append(el("w:p"))
            for paragraph in cell.findall(ooxml.w("p")):  # the lines end at the cell's right edge
                properties = paragraph.find(ooxml.w("pPr"))
                properties.append(el("w:tabs", None, el("w:tab", {"w:val": "right", "w:pos": width - 288})))
                paragraph[paragraph.index(properties)] = ppr(*list(properties))
        self.signatures = None

    def signature_cell(self) -> None:
        table, row, _ = self.signatures
        cell = sub(row, "w:tc")
        self.paragraph = sub(cell, "w:p")
        self.paragraph.append(ppr(val("w:pStyle", "Signature")))

    def signature_line(self) -> None:
        """After a signer's name, a line to sign on; under it the date label and a line for the date."""
        _, row, date = self.signatures
        self.paragraph.append(text_run(" "))
        self.paragraph.append(_underlined_tab())
        cell = row.findall(ooxml.w("tc"))[-1]
        date_line = sub(cell, "w:p")
        date_line.append(ppr(val("w:pStyle", "Signature")))
        date_line.append(text_run(date + " "))
        date_line.append(_underlined_tab())

    def t_container_toc_open(self, token: Token) -> None:
        self.place_pending_item()
        self.containers.append("toc")  # its own paragraphs are the title of the contents

    def t_container_toc_close(self, token: Token) -> None:
        """A TOC field, filled in with the headings and their links, so it is right before Word updates it."""
        self.containers.pop()
        self.has_toc = True
        entries = token.meta.get("entries")
        if entries is None:  # a document written in parts: its headings are known at the end
            self.toc_placeholder = self.add_block(el("w:p"))
        else:
            for paragraph in toc_paragraphs(entries):
                self.add_block(paragraph)
        self.paragraph = None

    def t_container_pagebreak_open(self, token: Token) -> None:
        self.place_pending_item()
        self.new_paragraph(None).append(ooxml.break_run("page"))
        self.paragraph = None

    def t_container_pagebreak_close(self, token: Token) -> None:
        pass

    # --- tables --------------------------------------------------------------------------

    def t_table_open(self, token: Token) -> None:
        self.place_pending_item()
        meta = self.in_("meta")
        form = bool(token.meta.get("form"))
        style = "MetaTable" if meta else "FormTable" if form else "RolebookTable"
        table = el("w:tbl")
        look = {"w:val": "04A0", "w:firstRow": 0 if meta else 1, "w:lastRow": 0, "w:firstColumn": 0,
                "w:lastColumn": 0, "w:noHBand": 1, "w:noVBand": 1}
        table.append(ooxml.tblpr(val("w:tblStyle", style),
                                 el("w:tblW", {"w:w": 5000, "w:type": "pct"}),
                                 el("w:tblLayout", {"w:type": "fixed"}),
                                 el("w:tblLook", look)))
        self.add_block(table)
        self.tables.append(_Table(table, meta, form, token.meta.get("widths") or [], token.meta.get("lines", 1)))

    def t_table_close(self, token: Token) -> None:
        table = self.tables.pop()
        widths = self.column_widths(table)
        grid = el("w:tblGrid")
        for width in widths:
            sub(grid, "w:gridCol", {"w:w": width})
        table.element.insert(1, grid)
        for row in table.rows:
            for (cell, _), width in zip(row, widths):
                cell.find(ooxml.w("tcPr")).insert(0, el("w:tcW", {"w:w": width, "w:type": "dxa"}))
        self.paragraph = None

    def column_widths(self, table: _Table) -> list[int]:
        width = self.text_width_now()
        if table.percents:
            widths = [int(width * p / sum(table.percents)) for p in table.percents]
            widths[-1] += width - sum(widths)
            return widths
        return self.auto_widths(table, width)

    def auto_widths(self, table: _Table, text_width: int) -> list[int]:
        """Widths in twips, as a browser's automatic layout would choose them.

        A column gets at least what its longest unbreakable piece needs (a
        short cell such as "≥ 105%" counts as one piece); the rest of the line
        goes to the columns in proportion to how much more their text wants.
        """
        columns = max((len(row) for row in table.rows), default=1)
        least, most = [1] * columns, [1] * columns
        for row in table.rows:
            for index, (_, text) in enumerate(row):
                least[index] = max(least[index], _unbreakable_width(text))
                most[index] = max(most[index], display_width(text))
        least_twips = [CHAR_TWIPS * n + CELL_PADDING for n in least]
        most_twips = [CHAR_TWIPS * n + CELL_PADDING for n in most]
        if sum(most_twips) <= text_width:
            widths = [text_width * m // sum(most_twips) for m in most_twips]
        elif sum(least_twips) >= text_width:
            widths = [text_width * m // sum(least_twips) for m in least_twips]
        else:
            spare = text_width - sum(least_twips)
            extra = [m - n for m, n in zip(most_twips, least_twips)]
            widths = [n + spare * e // max(sum(extra), 1) for n, e in zip(least_twips, extra)]
        widths[-1] += text_width - sum(widths)
        return widths

    def t_thead_open(self, token: Token) -> None:
        self.containers.append("thead")

    def t_thead_close(self, token: Token) -> None:
        self.containers.pop()

    def t_tbody_open(self, token: Token) -> None:
        pass

    t_tbody_close = t_tbody_open

    def t_tr_open(self, token: Token) -> None:
        table = self.tables[-1]
        row = sub(table.element, "w:tr")
        header = self.in_("thead") and not table.meta
        extra = [el("w:tblHeader")] if header else []
        if table.form and not header:
            extra.append(el("w:trHeight", {"w:val": int(LINE_TWIPS * table.lines), "w:hRule": "atLeast"}))
        row.append(ooxml.trpr(el("w:cantSplit"), *extra))
        table.rows.append([])

    def t_tr_close(self, token: Token) -> None:
        pass

    def t_th_open(self, token: Token) -> None:
        self.open_cell(token)

    t_td_open = t_th_open

    def open_cell(self, token: Token) -> None:
        table = self.tables[-1]
        row = table.element.findall(ooxml.w("tr"))[-1]
        column = len(table.rows[-1])
        label = table.meta and column % 2 == 0
        properties = [el("w:vAlign", {"w:val": "center"})]
        if label:
            properties.append(el("w:shd", {"w:val": "clear", "w:color": "auto", "w:fill": "F2F2F2"}))
        if token.meta.get("merged"):
            properties.append(el("w:vMerge"))
        elif "rowspan" in token.attrs:
            properties.append(val("w:vMerge", "restart"))
        cell = sub(row, "w:tc")
        cell.append(ooxml.tcpr(*properties))
        table.rows[-1].append((cell, ""))
        self.targets.append(cell)
        self.paragraph = None  # made by the cell's first inline or paragraph
        self.cell_label = label
        self.cell_align = {"text-align:right": "right", "text-align:center": "center"}.get(
            token.attrs.get("style", ""))

    def t_th_close(self, token: Token) -> None:
        table = self.tables[-1]
        cell, _ = table.rows[-1][-1]
        if cell.find(ooxml.w("p")) is None:  # a cell needs a paragraph
            cell.append(el("w:p", None, ppr(val("w:pStyle", "FormText" if table.form else "TableText"))))
        table.rows[-1][-1] = (cell, "".join(cell.itertext()))
        self.targets.pop()
        self.paragraph = None
        self.cell_label = False
        self.cell_align = None

    t_td_close = t_th_close

    # --- inline --------------------------------------------------------------------------

    def t_inline(self, token: Token) -> None:
        if self.paragraph is None:
            style, props = self.paragraph_style()
            self.new_paragraph(style, *props)
        InlineWriter(self, self.paragraph).write(token.children or [])


class InlineWriter:
    """Runs for one inline token: emphasis, code, links, breaks."""

    def __init__(self, writer: DocxWriter, paragraph: etree._Element):
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

    def properties(self, style: str | None = None) -> etree._Element:
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
        if token.content:
            self.target.append(text_run(token.content, self.properties(self.link_style())))

    i_text_special = i_text
    i_html_inline = i_text  # raw HTML is off; if it ever comes, it stays text

    def i_softbreak(self, token, children, index) -> None:
        before = _last_char(children[:index])
        after = _first_char(children[index + 1:])
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

    def i_link_open(self, token, children, index) -> None:
        href = token.attrs.get("href", "")
        if href.startswith("#"):
            link = el("w:hyperlink", {"w:anchor": href[1:], "w:history": 1})
        elif href.lower().startswith(SAFE_SCHEMES):
            link = el("w:hyperlink", {"r:id": self.writer.links.rel_id(href), "w:history": 1})
        else:
            return  # a relative or unknown link: its text stays, unlinked
        self.paragraph.append(link)
        self.target = link

    def i_link_close(self, *_) -> None:
        self.target = self.paragraph


def toc_paragraphs(entries: list[tuple[int, str, str]]) -> list[etree._Element]:
    paragraphs = []
    for index, (level, text, anchor) in enumerate(entries):
        paragraph = el("w:p", None, ppr(val("w:pStyle", f"TOC{min(level, 2)}")))
        if index == 0:
            paragraph.extend(ooxml.field_start('TOC \\o "1-2" \\h \\z \\u'))
        link = sub(paragraph, "w:hyperlink", {"w:anchor": bookmark_name(anchor), "w:history": 1})
        link.append(text_run(text))
        tab = sub(link, "w:r")
        sub(tab, "w:tab")
        link.extend(ooxml.field_runs(f"PAGEREF {bookmark_name(anchor)} \\h", ""))
        if index == len(entries) - 1:
            paragraph.append(ooxml.field_end())
        paragraphs.append(paragraph)
    return paragraphs


def bookmark_name(anchor: str) -> str:
    """Word's bookmark for a heading anchor: `_Toc` names are the ones Word's TOC field uses."""
    return "_Toc_" + anchor.replace("-", "_")


def _underlined_tab() -> etree._Element:
    run = el("w:r")
    run.append(rpr(val("w:u", "single")))
    sub(run, "w:tab")
    return run


def _last_char(tokens: list[Token]) -> str:
    for token in reversed(tokens):
        if token.content:
            return token.content[-1]
    return ""


def _first_char(tokens: list[Token]) -> str:
    for token in tokens:
        if token.content:
            return token.content[0]
    return ""
