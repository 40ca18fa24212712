"""One reader per format: a file in, blocks out (blocks.py), in the document's reading order.

- Word: python-docx (already a dependency) for the package and its parts, the body walked in order so
  that tables stay between the paragraphs they stand between; heading styles, outline levels and list
  numbering give headings and items, and a short bold paragraph alone on its line is taken for a heading
  (documents made with direct formatting instead of styles).
- HTML: lxml's HTML parser (already a dependency; libxml2 reads real-world pages as browsers do).
- Markdown: markdown-it, the parser rolebook renders with.
- Plain text: its lines; numbered lines (一、 1. (1)) are items.
- PDF: pdfplumber, the maintained text-and-layout reader built on pdfminer.six; a PDF without a text layer
  (a scan) is refused.
- Spreadsheets: openpyxl (read-only) and the csv module; merged cells repeat their value downwards.

Every reader refuses what is not what its extension says, and bounds what it reads: ZIP packages are
checked for entries that would inflate past a limit before anything is parsed.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

from rolebook.messages import _
from rolebook.importers.blocks import Block, ImportError_

MAX_FILE = 64 * 1024 * 1024
MAX_INFLATED = 512 * 1024 * 1024  # what a package's entries may inflate to, together
NUMBERED = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|\d+[.．、)）](?!\d)|[（(]\d+[)）]|[（(][一二三四五六七八九十]+[)）]|"
                      r"[①②③④⑤⑥⑦⑧⑨⑩])\s*")
BULLET = re.compile(r"^\s*[-*•·▪●○◦]\s+")


def read(path: Path) -> list[Block]:
    suffix = path.suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        raise ImportError_(_("{path_name}: rolebook imports .docx, .html, .htm, .md, .txt, .pdf, .xlsx "
                             "and .csv files, not {extension}").format(
                               path_name=path.name,
                               extension=suffix or 'files without an extension'))
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ImportError_(_("{path_name}: cannot read it ({strerror})").format(
                               path_name=path.name,
                               strerror=exc.strerror)) from None
    if size == 0:
        raise ImportError_(_("{path_name}: the file is empty").format(path_name=path.name))
    if size > MAX_FILE:
        raise ImportError_(_("{path_name}: {size:,} bytes; rolebook imports documents of up to "
                             "{max_file:,}").format(path_name=path.name, size=size, max_file=MAX_FILE))
    blocks = reader(path)
    if not any(block.text.strip() or block.cells() for block in blocks):
        raise ImportError_(_("{path_name}: holds no text to import").format(path_name=path.name))
    return blocks


def _package(path: Path, kind: str) -> zipfile.ZipFile:
    """A Word or Excel file's package, refused when it is not one, is encrypted, or would inflate too far."""
    try:
        package = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        with open(path, "rb") as stream:
            head = stream.read(8)
        if head.startswith(b"\xd0\xcf\x11\xe0"):  # an OLE file: an old .doc/.xls, or a password-protected one
            raise ImportError_(_("{path_name}: not a {kind} file that can be read: it is "
                                 "password-protected or an old-format (.doc/.xls) file; save it again as "
                                 "an unprotected .docx/.xlsx").format(path_name=path.name, kind=kind)) from None
        raise ImportError_(_("{path_name}: not a {kind} file (not a ZIP package)").format(
                               path_name=path.name,
                               kind=kind)) from None
    for info in package.infolist():  # entity declarations ("billion laughs") are refused, never expanded
        if info.filename.endswith((".xml", ".rels")) and info.file_size <= MAX_INFLATED:
            with package.open(info) as part:
                head = part.read(4096)
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                raise ImportError_(_("{path_name}: its part {part} declares XML entities; refused").format(
                    path_name=path.name, part=info.filename))
    if sum(info.file_size for info in package.infolist()) > MAX_INFLATED:
        raise ImportError_(_("{path_name}: its parts would inflate past {max_inflated} MiB; refused").format(
                               path_name=path.name,
                               max_inflated=MAX_INFLATED // 2**20))
    return package


def _clean(text: str) -> str:
    return re.sub(r"[ \t\u00a0\u3000]+", " ", text.replace("\u2060", "")).strip()


# --- Word ------------------------------------------------------------------------------------


def read_docx(path: Path) -> list[Block]:
    import docx
    from docx.oxml.ns import qn

    _package(path, "Word").close()
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several kinds for a damaged package
        raise ImportError_(_("{path_name}: a damaged Word file ({value})").format(
                               path_name=path.name,
                               value=exc.__class__.__name__)) from None
    blocks: list[Block] = []
    paragraphs = tables = 0
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            paragraphs += 1
            block = _docx_paragraph(element, document, f"paragraph {paragraphs}")
            if block:
                blocks.append(block)
        elif element.tag == qn("w:tbl"):
            tables += 1
            rows = []
            for row in element.iter(qn("w:tr")):
                cells = []
                for cell in row.iter(qn("w:tc")):
                    text = "\n".join(_clean(_runs_text(p)) for p in cell.iter(qn("w:p")))
                    cells.append(text.strip())
                rows.append(_merged(cells))
            blocks.append(Block("table", rows=rows, where=f"table {tables}"))
    return blocks


def _runs_text(element) -> str:
    """The text of a paragraph or run: its w:t (and tabs and breaks as spaces), nothing else."""
    from docx.oxml.ns import qn

    parts = []
    for node in element.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:delText")):
        if node.tag == qn("w:t"):
            parts.append(node.text or "")
        elif node.tag != qn("w:delText"):  # deleted text of a tracked change is not the document's
            parts.append(" ")
    return "".join(parts)


def _merged(cells: list[str]) -> list[str]:
    """A row whose horizontally merged cell python-docx and Word repeat: each text once."""
    out: list[str] = []
    for cell in cells:
        if not out or cell != out[-1] or not cell:
            out.append(cell)
    return out


def _docx_paragraph(element, document, where: str) -> Block | None:
    from docx.oxml.ns import qn

    text = _clean(_runs_text(element))
    if not text:
        return None
    properties = element.find(qn("w:pPr"))
    style_id = ""
    outline = None
    numbered = False
    depth = 0
    if properties is not None:
        style = properties.find(qn("w:pStyle"))
        style_id = style.get(qn("w:val")) if style is not None else ""
        level = properties.find(qn("w:outlineLvl"))
        outline = int(level.get(qn("w:val"))) if level is not None else None
        numbering = properties.find(qn("w:numPr"))
        if numbering is not None:
            numbered = True
            ilvl = numbering.find(qn("w:ilvl"))
            depth = int(ilvl.get(qn("w:val"))) if ilvl is not None else 0
    name = _style_name(document, style_id).lower()
    heading = re.match(r"(?:heading|标题|title)\s*(\d*)", name)
    if heading or outline is not None:
        level = int(heading.group(1)) if heading and heading.group(1) else (outline + 1 if outline is not None else 1)
        return Block("heading", text, level=level, where=where)
    if numbered or "list" in name:
        if not numbered:  # numbered by its list style (Word's List Number, List Bullet 2): the name says how
            nested = re.search(r"(\d+)$", name)
            depth, numbered = (int(nested.group(1)) - 1 if nested else 0), "number" in name or "编号" in name
        return Block("item", _unnumbered(text), level=depth, where=where, numbered=numbered)
    runs = [run for run in element.iter(qn("w:r")) if _runs_text(run).strip()]
    bold = runs and all(run.find(qn("w:rPr")) is not None and run.find(qn("w:rPr")).find(qn("w:b")) is not None
                        for run in runs)
    if bold and len(text) <= 30 and not text.endswith(("。", ".", "；", ";", "，")):
        return Block("heading", text, level=2, where=where)
    return _text_block(text, where)


def _style_name(document, style_id: str) -> str:
    if not style_id:
        return ""
    try:
        return document.styles.get_by_id(style_id, 1).name or style_id  # 1: paragraph styles
    except Exception:
        return style_id


def _unnumbered(text: str) -> str:
    return BULLET.sub("", NUMBERED.sub("", text, count=1), count=1).strip()


def _text_block(text: str, where: str) -> Block:
    """A paragraph, or an item when it starts as numbered or bulleted lines do."""
    if NUMBERED.match(text) or BULLET.match(text):
        return Block("item", _unnumbered(text), where=where, numbered=bool(NUMBERED.match(text)))
    return Block("paragraph", text, where=where)


# --- HTML and Markdown -------------------------------------------------------------------------


def read_html(path: Path) -> list[Block]:
    import lxml.html

    raw = path.read_bytes()
    try:
        root = lxml.html.document_fromstring(raw)
    except Exception as exc:
        raise ImportError_(_("{path_name}: not an HTML page ({value})").format(
                               path_name=path.name,
                               value=exc.__class__.__name__)) from None
    for junk in root.xpath("//script | //style | //nav | //noscript | //template"):
        junk.drop_tree()
    return _html_blocks(root)


def _html_blocks(root) -> list[Block]:
    blocks: list[Block] = []
    count = 0

    def depth_of(element) -> int:
        return max(0, len([a for a in element.iterancestors() if a.tag in ("ul", "ol")]) - 1)

    for element in root.iter("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "table", "dt", "dd"):
        count += 1
        where = f"element {count} ({element.tag})"
        if element.tag == "table":
            rows = _html_rows(element)
            blocks.append(Block("table", rows=rows, where=where))
            continue
        if any(a.tag in ("table", "li") for a in element.iterancestors()) and element.tag in ("p",):
            continue  # a cell's or an item's paragraph: taken with it
        if element.tag == "li":
            own = _clean("".join(element.xpath("./text() | ./*[not(self::ul or self::ol)]//text()")))
            if own:
                blocks.append(Block("item", own, level=depth_of(element), where=where,
                                    numbered=element.getparent() is not None and element.getparent().tag == "ol"))
            continue
        text = _clean(element.text_content())
        if not text:
            continue
        if element.tag.startswith("h"):
            blocks.append(Block("heading", text, level=int(element.tag[1]), where=where))
        else:
            blocks.append(_text_block(text, where))
    return blocks


def _html_rows(table) -> list[list[str]]:
    """A table's rows as a grid: a cell that a rowspan above covers is an empty cell in its column, as a
    Word table's vertically merged cell reads (a KPI table's dimension spans its KPIs; leaving it out
    shifted every later cell one column to the left)."""
    rows: list[list[str]] = []
    covered: dict[int, int] = {}  # column → rows still covered by a cell above
    for row in table.xpath(".//tr"):
        cells: list[str] = []
        found = iter(row.xpath("./th | ./td"))
        cell = next(found, None)
        while cell is not None or any(column >= len(cells) for column in covered):
            column = len(cells)
            if covered.get(column):
                covered[column] -= 1
                cells.append("")
                continue
            covered.pop(column, None)
            if cell is None:
                break
            cells.append(_clean(cell.text_content()))
            span = _span(cell.get("rowspan"))
            if span > 1:
                covered[column] = span - 1
            cell = next(found, None)
        rows.append(cells)
    return rows


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 1000))  # a page's claim of a million rows covers no more than it has
    except ValueError:
        return 1


def read_markdown(path: Path) -> list[Block]:
    import lxml.html

    from rolebook.render.markdown import parser

    text = _decoded(path)
    html = parser().render(text)  # rolebook's own parser: raw HTML is text
    return _html_blocks(lxml.html.document_fromstring(f"<html><body>{html}</body></html>"))


def read_text(path: Path) -> list[Block]:
    blocks = []
    for number, line in enumerate(_decoded(path).splitlines(), 1):
        line = _clean(line)
        if line:
            blocks.append(_text_block(line, f"line {number}"))
    return blocks


def _decoded(path: Path) -> str:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):  # Chinese Windows saves text as GBK/GB18030
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportError_(_("{path_name}: not UTF-8 or GB18030 text").format(path_name=path.name))


# --- PDF ---------------------------------------------------------------------------------------


def read_pdf(path: Path) -> list[Block]:
    """A PDF's text lines, with its layout read back: lines in a larger font are headings (the largest the
    top level), lines that run to the right margin continue into the next, running headers and footers
    (a line on most pages, a page number) are left out."""
    import pdfplumber

    with open(path, "rb") as stream:
        if not stream.read(5).startswith(b"%PDF"):
            raise ImportError_(_("{path_name}: not a PDF file").format(path_name=path.name))
    try:
        with pdfplumber.open(str(path)) as pdf:
            pages, tables = [], []
            for number, page in enumerate(pdf.pages, 1):
                found = page.find_tables()  # ruled tables: read as tables, their lines left out of the text
                boxes = [table.bbox for table in found]
                tables.append([(table.bbox[1], [[_clean(cell or "") for cell in row] for row in table.extract()])
                               for table in found])
                pages.append([(line["text"], line["x0"], line["x1"], _median(c["size"] for c in line["chars"]),
                               line["top"]) for line in page.extract_text_lines(return_chars=True)
                              if not any(box[1] - 1 <= line["top"] <= box[3] + 1 and box[0] - 1 <= line["x0"] <= box[2]
                                         for box in boxes)])
    except Exception as exc:
        raise ImportError_(_("{path_name}: a PDF that cannot be read ({value}); a password-protected PDF must be "
                             "saved without its password first").format(path_name=path.name,
                                                                         value=exc.__class__.__name__)) from None
    lines = [(number, *line) for number, page in enumerate(pages, 1) for line in page]
    pending = {number: list(page_tables) for number, page_tables in enumerate(tables, 1)}
    if not any(_clean(line[1]) for line in lines) and not any(tables):
        raise ImportError_(_("{path_name}: the PDF has no text layer (a scan?); rolebook imports text, so run it "
                             "through OCR or import the document it was printed from").format(path_name=path.name))
    repeated = _running_lines(pages)
    sizes = [round(line[4], 1) for line in lines]
    body = max(set(sizes), key=sizes.count)
    larger = sorted({size for size in sizes if size >= body + 1}, reverse=True)
    right = max(line[3] for line in lines)
    blocks: list[Block] = []
    joinable = False
    for number, text, x0, x1, size, top in lines:
        while pending.get(number) and pending[number][0][0] <= top:  # a table above this line comes first
            blocks.append(Block("table", rows=pending[number].pop(0)[1], where=f"page {number}"))
            joinable = False
        text = _clean(text)
        if not text or text in repeated or re.fullmatch(r"(?:第\s*\d+\s*页.*|Page \d+.*|\d+)", text):
            joinable = False
            continue
        where = f"page {number}"
        if round(size, 1) in larger and len(text) <= 60:
            blocks.append(Block("heading", text, level=larger.index(round(size, 1)) + 1, where=where))
            joinable = False
            continue
        block = _text_block(text, where)
        if joinable and block.kind == "paragraph" and blocks and blocks[-1].kind in ("paragraph", "item"):
            blocks[-1].text += text  # the line before ran to the margin: this one goes on with it
        else:
            blocks.append(block)
        # a line that ran to the margin and did not end a sentence goes on in the next one
        joinable = x1 >= right - 2.5 * body and not text.endswith(("。", "！", "？", "；", "：", ".", "!", "?", ";", ":"))
    for number in sorted(pending):  # tables after the last line of their page
        blocks += [Block("table", rows=rows, where=f"page {number}") for _, rows in pending[number]]
    return blocks


def _median(values) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2] if ordered else 0.0


def _running_lines(pages: list[list[tuple]]) -> set[str]:
    """Lines that stand on most pages: the running header and footer."""
    if len(pages) < 3:
        return set()
    counts: dict[str, int] = {}
    for page in pages:
        for text in {_clean(line[0]) for line in page}:
            counts[text] = counts.get(text, 0) + 1
    return {text for text, count in counts.items() if count >= len(pages) * 0.6}


# --- spreadsheets ------------------------------------------------------------------------------


def read_xlsx(path: Path) -> list[Block]:
    from openpyxl import load_workbook

    _package(path, "Excel").close()
    try:
        book = load_workbook(str(path), data_only=True)  # not read-only: merged cells are known
    except Exception as exc:
        raise ImportError_(_("{path_name}: a damaged Excel file ({value})").format(
                               path_name=path.name,
                               value=exc.__class__.__name__)) from None
    blocks = []
    for sheet in book.worksheets:
        merged = {}
        for span in sheet.merged_cells.ranges:  # a dimension merged down its KPIs: each row gets it
            value = sheet.cell(span.min_row, span.min_col).value
            for row in range(span.min_row, span.max_row + 1):
                merged[row, span.min_col] = value
        rows = [[_cell(merged.get((cell.row, cell.column), cell.value)) for cell in row] for row in sheet.iter_rows()]
        blocks += _sheet_blocks(rows, f"sheet {sheet.title}")
    return blocks


def _sheet_blocks(rows: list[list[str]], where: str) -> list[Block]:
    """A sheet's parts, apart where blank rows part them: a row of one cell is a line of text (a title, a
    note), the rest tables (a KPI table, a grade table under it)."""
    blocks: list[Block] = []
    part: list[list[str]] = []
    for row in rows + [[]]:
        if any(row):
            part.append(row)
            continue
        table: list[list[str]] = []
        for line in part:  # a row of one cell is text; rows of several are a table
            if sum(1 for cell in line if cell) == 1 and not table:
                blocks.append(Block("paragraph", next(cell for cell in line if cell), where=where))
            else:
                table.append(line)
        if table:
            blocks.append(Block("table", rows=table, where=where))
        part = []
    return blocks


def read_csv(path: Path) -> list[Block]:
    text = _decoded(path)
    try:
        rows = [[_clean(cell) for cell in row] for row in csv.reader(io.StringIO(text))]
    except csv.Error as exc:
        raise ImportError_(_("{path_name}: not a CSV file ({value})").format(path_name=path.name, value=exc)) from None
    return _sheet_blocks(rows, "sheet 1")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return _clean(str(value))


READERS = {".docx": read_docx, ".html": read_html, ".htm": read_html, ".md": read_markdown, ".markdown": read_markdown,
           ".txt": read_text, ".pdf": read_pdf, ".xlsx": read_xlsx, ".csv": read_csv}
