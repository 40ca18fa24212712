"""The Word writer: markdown-it tokens → WordprocessingML, one method per token type.

Styles come from the reference document (templates/reference.docx, which a
project may replace); this module writes only structure and names the styles.
A token type without a method here is an error, never a silent drop.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree
from markdown_it.token import Token

from rolebook.render import ooxml
from rolebook.errors import WriterError
from rolebook.render.docx_inline import InlineWriter
from rolebook.render.docx_tables import CHAR_TWIPS, TableRules, OpenTable
from rolebook.render.text import display_width
from rolebook.render.markdown import directive_params, mark_meta_tables
from rolebook.render.ooxml import bookmark_name, el, ppr, rpr, sub, text_run, val


MAX_LIST_LEVEL = 8  # Word numbering definitions have levels 0-8
TABLE = ooxml.w("tbl")
PARAGRAPH = ooxml.w("p")


@dataclass
class Links:
    """Hyperlink targets of one document, as relationship ids."""

    external: dict[str, str] = field(default_factory=dict)

    def rel_id(self, url: str) -> str:
        if url not in self.external:
            self.external[url] = f"rIdLink{len(self.external) + 1}"
        return self.external[url]


class DocxWriter(TableRules):
    def __init__(self, section: etree._Element | None = None):
        self.new_body()
        self.paragraph: etree._Element | None = None  # where runs go
        self.containers: list[str] = []  # open directives and block contexts
        self.lists: list[tuple[int, int]] = []  # (numId, level) of open lists
        self.numbering: list[tuple[str, int]] = []  # (kind, start) per list, numId = index + 1
        self.item_pending = False  # a list item whose number is not placed yet
        self.tables: list[OpenTable] = []
        self.links = Links()
        self.figures: list[str] = []  # the diagrams placed, by name
        self.known_figures: dict[str, str] = {}  # the diagrams the document supplies, name → alt text; no other
        self.cell_label = False  # inside a label cell of a `meta` table
        self.cell_source: list[str] | None = None  # a cell's text as written, keep marks included (widths)
        self.cell_align: str | None = None
        self.section = section if section is not None else ooxml.default_section()
        self.landscape = False  # orientation of the section being written
        self.section_ends = False  # a landscape section closed: the next block starts a new one
        self.signatures: tuple | None = None  # (table, row, date label) of an open signature block
        self.kept_notes: list[tuple] = []  # each open note: (its container, where it starts, its keep=)
        self.bookmarks = 0
        self.open_bookmark: int | None = None
        self.toc_placeholder: etree._Element | None = None
        self.started = False  # something has been written (a landscape part then starts a new section)
        self.break_pending = False  # a page break asked for: the next block starts a new page
        self.controls = 0  # content controls written: each gets the next id
        self.language: str | None = None  # the document's language (date controls show dates in it)
        self.title_page = False  # the first page is a cover: no running header or page number on it
        self.sections_made = 0

    # --- driving ---------------------------------------------------------------------

    def new_body(self) -> None:
        """An empty w:body, made inside its w:document: a finished body is never moved into another
        tree (lxml walks every node it moves; a 20,000-row table took a minute)."""
        self.document = ooxml.document_root()
        self.body = sub(self.document, "w:body")
        self.targets: list[etree._Element] = [self.body]  # where block elements go

    def render(self, tokens: list[Token]) -> etree._Element:
        mark_meta_tables(tokens)
        for token in tokens:
            rule = getattr(self, "t_" + token.type.replace("-", "_"), None)
            if rule is None:
                raise WriterError(f"the Word writer has no rule for Markdown token '{token.type}'")
            rule(token)
        return self.body

    def add_block(self, element: etree._Element) -> etree._Element:
        if self.section_ends and len(self.targets) == 1:
            self.end_section(landscape=True)
        target = self.targets[-1]
        if self.break_pending and len(self.targets) == 1:
            self.break_pending = False
            if element.tag == PARAGRAPH:
                _break_before(element)
            else:  # a table cannot start a page itself
                target.append(el("w:p", None, ooxml.break_run("page")))
        if element.tag == TABLE and len(target) and target[-1].tag == TABLE:
            # Word and LibreOffice join touching tables into one, whose header row is then not its first
            # row (it stops repeating): a small paragraph keeps them apart.
            target.append(_table_gap())
        target.append(element)
        self.started = True
        return element

    def end_section(self, landscape: bool) -> None:
        """Close the section written so far with a section break of the given orientation."""
        self.section_ends = False
        paragraph = el("w:p")
        paragraph.append(ppr(self.new_section(landscape)))
        self.body.append(paragraph)

    def final_section(self) -> etree._Element:
        """The document's last section: landscape when a landscape part runs to the end."""
        return self.new_section(self.landscape or self.section_ends)

    def new_section(self, landscape: bool) -> etree._Element:
        """A section's properties; the document's first section gets a first page of its own when the
        document starts with a cover (`title_page`: the handbook)."""
        section = ooxml.section(self.section, landscape)
        if self.title_page and not self.sections_made:
            ooxml.with_title_page(section)
        self.sections_made += 1
        return section

    def text_width_now(self) -> int:
        return ooxml.text_width(ooxml.section(self.section, self.landscape))

    def new_paragraph(self, style: str | None, *properties: etree._Element) -> etree._Element:
        if style and not properties:  # most paragraphs: copied whole
            paragraph = ooxml.styled_paragraph(style)
        elif style or properties:
            paragraph = el("w:p", None, ppr(*([val("w:pStyle", style)] if style else []), *properties))
        else:
            paragraph = el("w:p")
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
        if self.in_("figure"):  # a diagram's caption
            return "Note", [val("w:jc", "center")]
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
        paragraph = self.new_paragraph(style, *props)
        before = paragraph.getprevious()
        if not self.tables and before is not None and before.tag == ooxml.w("tbl"):
            # a paragraph right under a table: 6 pt apart (the cover's publication line touched the table)
            ooxml.set_property(paragraph, el("w:spacing", {"w:before": 120}))

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
        # Word's numbering has nine levels (0-8): deeper items are drawn at the ninth, their text kept.
        self.lists.append((len(self.numbering), min(len(self.lists), MAX_LIST_LEVEL)))

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
        # keep=next: its paragraphs keep with what follows (the document control with the signatures)
        self.kept_notes.append((self.targets[-1], len(self.targets[-1]), directive_params(token).get("keep")))

    def t_container_note_close(self, token: Token) -> None:
        self.directive(token, "note")
        target, start, keep = self.kept_notes.pop()
        if keep == "next":
            for paragraph in target[start:]:
                if paragraph.tag == ooxml.w("p"):
                    ooxml.keep_with_next(paragraph)

    def t_container_form_open(self, token: Token) -> None:
        pass  # its list became table tokens (markdown.form_tables)

    t_container_form_close = t_container_form_open
    # what they change is the headings' numbers (markdown.HeadingNumbers), not the Word layout
    t_container_attachment_open = t_container_attachment_close = t_container_form_open
    t_container_unnumbered_open = t_container_unnumbered_close = t_container_form_open

    def t_container_landscape_open(self, token: Token) -> None:
        self.place_pending_item()
        if self.section_ends:
            self.section_ends = False  # two landscape parts in a row share a section
        elif self.started:
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
        target = self.targets[-1]
        if len(target) and target[-1].tag == ooxml.w("p"):  # what is signed for stays with the lines to sign
            ooxml.keep_with_next(target[-1])
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
                if properties is None:  # a cell left empty (a name that renders as nothing: "**")
                    properties = ooxml.ppr()
                    paragraph.insert(0, properties)
                properties.append(el("w:tabs", None, el("w:tab", {"w:val": "right", "w:pos": width - 288})))
                paragraph[paragraph.index(properties)] = ppr(*list(properties))
        signers = [cell.find(ooxml.w("p")) for cell in cells]
        if any(display_width("".join(p.itertext())) * CHAR_TWIPS > width // 2 for p in signers):
            for paragraph in signers:  # a long name (批准（总经理办公室）) left a stub to sign on: every line on its own
                tab = paragraph.findall(ooxml.w("r"))[-1]
                if tab.find(ooxml.w("tab")) is not None:
                    tab.addprevious(el("w:r", None, el("w:br")))
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
        signer = "".join(cell.itertext()).strip()
        date_line = sub(cell, "w:p")
        date_line.append(ppr(val("w:pStyle", "Signature")))
        date_line.append(text_run(date + " "))
        self.controls += 1  # the date: a date control (signed-1, signed-2, …) on the line
        signed = len(row.findall(ooxml.w("tc")))
        colon = "：" if (self.language or "").lower().startswith("zh") else ": "  # the title Word shows for it
        date_line.append(ooxml.content_control("date", f"signed-{signed}", f"{signer}{colon}{date}", self.controls,
                                               self.language, rpr(val("w:u", "single"))))
        date_line.append(_underlined_tab())

    def t_container_toc_open(self, token: Token) -> None:
        self.place_pending_item()
        self.containers.append("toc")  # its own paragraphs are the title of the contents

    def t_container_toc_close(self, token: Token) -> None:
        """A TOC field, filled in with the headings and their links, so it is right before Word updates it."""
        self.containers.pop()
        entries = token.meta.get("entries")
        if entries is None:  # a document written in parts: its headings are known at the end
            self.toc_placeholder = self.add_block(el("w:p"))
        else:
            for paragraph in toc_paragraphs(entries):
                self.add_block(paragraph)
        self.paragraph = None

    def t_container_pagebreak_open(self, token: Token) -> None:
        # The next paragraph starts the page (pageBreakBefore), not a paragraph holding a break: that
        # paragraph, pushed onto a new page by a full page before it, printed a blank page.
        self.place_pending_item()
        self.break_pending = True
        self.paragraph = None

    def t_container_pagebreak_close(self, token: Token) -> None:
        pass

    def t_container_figure_open(self, token: Token) -> None:
        """A diagram: a centred picture (render/figures.py), its parts added when the package is made, kept
        on the page of its caption (the text inside the directive)."""
        from rolebook.render.figures import drawing_run
        from rolebook.render.markdown import directive_params

        self.directive(token, "figure")
        name = directive_params(token).get("name", "")
        if name not in self.known_figures:  # a template naming a diagram this document lacks: no broken picture
            return
        params = directive_params(token)
        paragraph = self.new_paragraph(None, ooxml.el("w:keepNext"), ooxml.el("w:jc", {"w:val": "center"}))
        paragraph.append(drawing_run(name, float(params.get("width", 0)), float(params.get("height", 0)),
                                     len(self.figures) + 1, self.known_figures[name]))
        self.figures.append(name)
        self.paragraph = None

    def t_container_figure_close(self, token: Token) -> None:
        self.directive(token, "figure")

    # --- inline --------------------------------------------------------------------------

    def t_inline(self, token: Token) -> None:
        if self.paragraph is None:
            style, props = self.paragraph_style()
            self.new_paragraph(style, *props)
        InlineWriter(self, self.paragraph).write(token.children or [])


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


def _table_gap() -> etree._Element:
    """A paragraph 6 pt high (direct formatting: a project's reference document may lack the style)."""
    mark = rpr(val("w:sz", 8), val("w:szCs", 8))
    return el("w:p", None, ppr(val("w:pStyle", "TableGap"),
                               el("w:spacing", {"w:before": 0, "w:after": 0, "w:line": 120, "w:lineRule": "exact"}),
                               mark))


def _underlined_tab() -> etree._Element:
    run = el("w:r")
    run.append(rpr(val("w:u", "single")))
    sub(run, "w:tab")
    return run


def _break_before(paragraph: etree._Element) -> None:
    """The paragraph starts a new page (its properties kept in the schema's order)."""
    properties = paragraph.find(ooxml.w("pPr"))
    ordered = ppr(*(list(properties) if properties is not None else []), el("w:pageBreakBefore"))
    if properties is not None:
        paragraph.replace(properties, ordered)
    else:
        paragraph.insert(0, ordered)
