"""The one markdown-it configuration that every writer reads.

CommonMark with GFM tables and strikethrough, definition lists, and the block
directives that documents need beyond Markdown (`::: meta`, `::: signatures`,
...). Raw HTML is off: markdown-it then shows it as text, and both writers
escape text. Emphasis next to full-width punctuation works as Chinese writers
expect (`**真，**她` is bold), which plain CommonMark refuses.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from urllib.parse import quote, unquote

from markdown_it import MarkdownIt
from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace
from markdown_it.rules_inline.state_inline import Scanned, StateInline
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.deflist import deflist_plugin

from rolebook.nesting import MAX_NESTING, RENDER_MARGIN, guard

# Links a document may carry (both writers): anything else keeps its text, unlinked.
SAFE_SCHEMES = ("http://", "https://", "mailto:", "tel:")

# Block directives: `::: name` … `:::`. Each writer has a rule for each.
DIRECTIVES = (
    "meta",        # a key/value table: its header row is an ordinary row
    "doc-title",   # the document's title block
    "note",        # small print; `keep=next`: kept on one page with what follows it
    "signatures",  # `date=LABEL`: a line to sign and a date for each paragraph inside
    "pagebreak",   # start a new page
    "landscape",   # a landscape section
    "form",        # `widths=P,P,… lines=N`: a table whose cells are list items (see form_tables)
    "toc",         # `levels=N`: a table of contents of the headings down to level N
    "attachment",  # an attachment of a regulation (附件一): its title numbered as one, its headings not
    "unnumbered",  # headings that are not a regulation's chapters or articles (the document control)
    "figure",      # `name=N width=W height=H`: a diagram the renderer supplies (render/figures.py)
)
MERGE_MARK = "^"  # a form cell holding only this joins the cell above it
KEEP_ROWS = 8  # a table of at most this many rows is not split across pages, in Word as in print

# Fillable fields, written by templates as `{?KIND NAME[=VALUE] [LABEL]?}` (name, value and label
# percent-encoded, see `field`). User text cannot make one: the template filters escape `{?`.
FIELD_KINDS = (
    "text",    # a line to write on
    "number",  # a number (an actual result, a score)
    "date",    # a date
    "area",    # a box of several lines (comments, the interview record)
    "choice",  # one option of a single choice: NAME=VALUE (a level, a grade, agree/disagree)
    "check",   # a box ticked or not (a veto item that occurred)
    "out",     # what the form computes (a score, the total, the grade); blank on paper
)
_FIELD = re.compile(r"\{\?([a-z]+) ([A-Za-z0-9%._~-]+)(?:=([A-Za-z0-9%._~-]*))?(?: ([A-Za-z0-9%._~-]*))?\?\}")


def field(kind: str, name: str, label: str = "", value: str | None = None) -> str:
    """The Markdown of a fillable field (for templates): `field("number", "sales", "Actual result")`."""
    if kind not in FIELD_KINDS:
        raise ValueError(f"unknown field kind '{kind}' (one of {', '.join(FIELD_KINDS)})")
    encoded = quote(str(name), safe="")
    if value is not None:
        encoded += "=" + quote(str(value), safe="")
    return "{?" + f"{kind} {encoded}" + (f" {quote(str(label), safe='')}" if label else "") + "?}"


def _field_rule(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("{?", state.pos):
        return False
    match = _FIELD.match(state.src, state.pos)
    if match is None or match.group(1) not in FIELD_KINDS:
        return False
    if not silent:
        token = state.push("field", "", 0)
        kind, name, value, label = match.groups()
        token.meta = {"kind": kind, "name": unquote(name), "value": None if value is None else unquote(value),
                      "label": unquote(label or "")}
    state.pos = match.end()
    return True


def _is_cjk_punctuation(char: str) -> bool:
    """Full-width and CJK punctuation: U+3000–303F, U+FF00–FFEF and general punctuation used in CJK text."""
    code = ord(char)
    if 0x3000 <= code <= 0x303F or 0xFF00 <= code <= 0xFFEF or 0xFE30 <= code <= 0xFE4F:
        return unicodedata.category(char).startswith("P")
    return char in "‘’“”…—·"


def _is_punctuation(char: str) -> bool:
    return not _is_cjk_punctuation(char) and (isMdAsciiPunct(ord(char)) or isPunctChar(char))


class _CjkStateInline(StateInline):
    def scanDelims(self, start: int, canSplitWord: bool) -> Scanned:  # noqa: N802 (markdown-it's name)
        """CommonMark's delimiter scan, but full-width punctuation next to a run counts as a letter.

        CommonMark's flanking rules treat `，` like ASCII punctuation, so in
        `**真，**她` the closing `**` (after punctuation, before a letter) cannot
        close. Chinese text puts no spaces around emphasis; treating CJK
        punctuation as a letter makes such runs flank as the writer meant.
        """
        end = start
        while end < self.posMax and self.src[end] == self.src[start]:
            end += 1
        last = self.src[start - 1] if start > 0 else " "
        next_ = self.src[end] if end < self.posMax else " "
        last_punct, next_punct = _is_punctuation(last), _is_punctuation(next_)
        last_space, next_space = isWhiteSpace(ord(last)), isWhiteSpace(ord(next_))
        left_flanking = not (next_space or (next_punct and not (last_space or last_punct)))
        right_flanking = not (last_space or (last_punct and not (next_space or next_punct)))
        can_open = left_flanking and (canSplitWord or not right_flanking or last_punct)
        can_close = right_flanking and (canSplitWord or not left_flanking or next_punct)
        return Scanned(can_open, can_close, end - start)


def _parse_inline(self, src, md, env, tokens):
    cacheable = not tokens and len(src) <= _CACHED_LENGTH and not env.get("references")
    if cacheable:
        found = _INLINE.get(src)
        if found is not None:
            tokens.extend(_clone(token) for token in found)  # markdown-it reads the list it passed in
            return tokens
    state = _CjkStateInline(src, md, env, tokens)
    self.tokenize(state)
    for rule in self.ruler2.getRules(""):
        rule(state)
    if cacheable:
        if len(_INLINE) >= _CACHED_ITEMS:
            _INLINE.clear()
        _INLINE[src] = [_clone(token) for token in state.tokens]
    return state.tokens


def inline_tokens(src: str) -> list[Token]:
    """The inline tokens of a line, parsed without going into the cache below (a line that is parsed
    once, such as an appraisal's line with one employee's value, would only fill it)."""
    md = parser()
    state = _CjkStateInline(src, md, {}, [])
    md.inline.tokenize(state)
    for rule in md.inline.ruler2.getRules(""):
        rule(state)
    return state.tokens


# Short inline texts come back again and again (labels, table headers, thresholds, the same task in many
# roles): parsing one costs ~35 µs, a copy of its few tokens a tenth of that. Not with reference
# definitions, which can change what a text means.
_INLINE: dict[str, list[Token]] = {}
_CACHED_LENGTH, _CACHED_ITEMS = 300, 50_000


def _clone(token: Token, new=Token.__new__) -> Token:
    """A copy of a cached token, its attributes and meta its own: set slot by slot, three times
    cheaper than Token's dataclass constructor (whose only other work converts attrs, already a dict)."""
    copy = new(Token)
    copy.type, copy.tag, copy.nesting, copy.map = token.type, token.tag, token.nesting, token.map
    copy.attrs, copy.meta, copy.children = dict(token.attrs), dict(token.meta), None
    copy.level, copy.content, copy.markup, copy.info = token.level, token.content, token.markup, token.info
    copy.block, copy.hidden = token.block, token.hidden
    return copy


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "xhtmlOut": False, "linkify": False, "typographer": False})
    guard(md, MAX_NESTING + RENDER_MARGIN)  # nothing dropped: validation refuses texts nested deeper
    md.enable(["table", "strikethrough"])
    md.use(deflist_plugin)
    # One block rule for every directive (one rule per name would be tried on every line);
    # `directive_names` then gives each token its directive's type.
    container_plugin(md, "directive", validate=lambda params, *_: params.strip().split(" ", 1)[0] in DIRECTIVES)
    md.inline.ruler.push("field", _field_rule)
    md.inline.parse = _parse_inline.__get__(md.inline)
    return md


def parse(text: str, first_heading: int = 1, fill_toc: bool = True,
          numbering: "HeadingNumbers | None" = None) -> list[Token]:
    """Tokens for both writers. A document parsed in parts numbers its headings from
    `first_heading` on and fills its contents itself at the end (fill_toc=False); with `numbering`,
    its chapters and sections carry numbers (第一章 / 第一条, or 1 / 1.1)."""
    tokens = merged_cells(form_tables(directive_names(parser().parse(text))))
    if numbering is not None:
        numbering.apply(tokens)
    return contents(tokens, first_heading, fill_toc)


_TITLE_DEPTH = {"container_doc-title_open": 1, "container_doc-title_close": -1}  # inside a document's title
# Headings that carry no chapter or article number: a title, and a 制度's illustrations (its org chart).
# Those are still in the contents: Word's contents field lists every Heading 1-2, and a contents that
# differs from it grows or shrinks a page when Word or LibreOffice fills it, shifting every page number.
_UNNUMBERED_DEPTH = {**_TITLE_DEPTH, "container_unnumbered_open": 1, "container_unnumbered_close": -1}
ANCHOR = re.compile(r"\s*\{#(rolebook-[a-z0-9-]+)\}$")  # a heading's own anchor, for templates to link to
_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五: as chapters and articles are numbered."""
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
    rest = n % 100
    tail = "" if rest == 0 else ("零" + chinese_number(rest) if rest < 10 else
                                  ("一" + chinese_number(rest) if rest < 20 else chinese_number(rest)))
    return _DIGITS[n // 100] + "百" + tail if n < 1000 else str(n)


class HeadingNumbers:
    """Numbers for a regulation's chapters (level 1) and sections (level 2), kept across its parts.

    chinese: 第一章 … and 第一条 …, articles numbered through the whole document as Chinese regulations
    number them; decimal: 1 … and 1.1 …, sections restarting in each chapter."""

    def __init__(self, style: str, article: str = "条", quoted: str = "“{text}”"):
        self.style = style
        self.article, self.quoted = article, quoted  # 第一條 and 「…」 in traditional Chinese
        self.chapter = 0
        self.section = 0
        self.attachment = 0
        self.numbers: dict[str, tuple[str, str]] = {}  # a template's anchor → (its heading's number, title)

    def label(self, level: int) -> str:
        if level == 1:
            self.chapter += 1
            if self.style == "decimal":
                self.section = 0
                return f"{self.chapter} "
            return f"第{chinese_number(self.chapter)}章　"
        self.section += 1
        if self.style == "decimal":
            return f"{self.chapter}.{self.section} "
        return f"第{chinese_number(self.section)}{self.article}　"

    def attachment_label(self) -> str:
        self.attachment += 1
        return f"附件{chinese_number(self.attachment)}　" if self.style == "chinese" else f"Attachment {self.attachment} "

    def apply(self, tokens: list[Token]) -> None:
        in_title = in_attachment = 0
        for index, token in enumerate(tokens):
            in_title += _UNNUMBERED_DEPTH.get(token.type, 0)
            in_attachment += {"container_attachment_open": 1, "container_attachment_close": -1}.get(token.type, 0)
            if token.type == "inline" and self.style == "chinese":
                self.cite(token.children or [])
            if token.type == "heading_open" and not in_title and token.tag in ("h1", "h2"):
                if in_attachment and token.tag != "h1":
                    continue  # an attachment's own headings are not the regulation's articles
                children = tokens[index + 1].children or []
                prefix = Token("text", "", 0)
                prefix.content = self.attachment_label() if in_attachment else self.label(int(token.tag[1]))
                tokens[index + 1].children = [prefix, *children]
                if children and children[-1].type == "text" and (anchor := ANCHOR.search(children[-1].content)):
                    title = "".join(c.content for c in children if c.type == "text")[:-len(anchor.group(0))]
                    self.numbers[anchor.group(1)] = (prefix.content.strip(), title.strip())

    def cite(self, children: list[Token]) -> None:
        """A link to a numbered chapter, written with the chapter's title, names its number too (见第三章
        “通用考核规定”): a printed regulation has no links to follow."""
        for index, child in enumerate(children):
            if child.type != "link_open" or not str(child.attrs.get("href", "")).startswith("#"):
                continue
            number, title = self.numbers.get(str(child.attrs["href"])[1:], ("", ""))
            text = children[index + 1] if index + 1 < len(children) else None
            if number and text is not None and text.type == "text" and text.content == title:
                text.content = number + self.quoted.format(text=title)


def mark_meta_tables(tokens: list[Token]) -> None:
    """Tell table tokens inside `::: meta` that they are key/value rows, each cell its column and whether it
    is empty (an odd pair's filler, which neither writer shows as a label). Both writers call it."""
    depth = 0
    column = 0
    opening: Token | None = None
    for token in tokens:
        if token.type == "container_meta_open":
            depth += 1
        elif token.type == "container_meta_close":
            depth -= 1
        if token.type == "tr_open":
            column = 0
        if token.type in ("th_open", "td_open"):
            token.meta.update(meta=depth > 0, column=column)
            opening = token
            column += 1
        elif token.type == "inline" and opening is not None and opening.meta.get("meta"):
            opening.meta["empty"] = not token.content.strip()
        elif token.type in ("th_close", "td_close"):
            token.meta["opening"] = opening
        elif token.type in ("thead_open", "thead_close", "tbody_open", "tbody_close"):
            token.meta["meta"] = depth > 0


def headings(tokens: list[Token]) -> list[tuple[int, str, str]]:
    """(level, text, anchor) of the headings that have an anchor, in order."""
    return [entry for token in tokens if (entry := token.meta.get("heading"))]


def toc_entries(entries: list[tuple[int, str, str]], levels: int) -> list[tuple[int, str, str]]:
    return [entry for entry in entries if entry[0] <= levels]


def toc_levels(token: Token) -> int:
    depth = directive_params(token).get("levels", "2")
    return int(depth) if depth.isdigit() else 2


def directive_names(tokens: list[Token]) -> list[Token]:
    """`container_directive_open` with info `meta` becomes `container_meta_open` (and its close)."""
    open_names: list[str] = []
    for token in tokens:
        if token.type == "container_directive_open":
            open_names.append(token.info.strip().split(" ", 1)[0])
            token.type = f"container_{open_names[-1]}_open"
        elif token.type == "container_directive_close":
            token.type = f"container_{open_names.pop()}_close"
    return tokens


def contents(tokens: list[Token], first: int = 1, fill_toc: bool = True) -> list[Token]:
    """Give every heading an anchor (`sec-N`) and every `::: toc` the headings it lists.

    A toc's entries are (level, text, anchor) of the headings down to its
    `levels=` (default 2), in document order; both writers link them. When
    fill_toc is False the entries stay None: the caller fills them in later.
    """
    found = []
    in_title = 0
    for index, token in enumerate(tokens):
        in_title += _TITLE_DEPTH.get(token.type, 0)
        if token.type == "heading_open" and not in_title:  # a document's title is not in its contents
            anchor = _own_anchor(tokens[index + 1]) or f"sec-{first + len(found)}"
            token.attrs["id"] = anchor
            token.meta["anchor"] = anchor
            text = "".join(child.content for child in tokens[index + 1].children or []
                           if child.type in ("text", "code_inline"))
            token.meta["heading"] = (int(token.tag[1]), text, anchor)
            found.append(token.meta["heading"])
    entries: list | None = None
    for token in tokens:
        if token.type == "container_toc_open":
            entries = toc_entries(found, toc_levels(token)) if fill_toc else None
        if token.type in ("container_toc_open", "container_toc_close"):
            token.meta["entries"] = entries
            token.meta["levels"] = toc_levels(token) if token.nesting == 1 else None
    return tokens


def _own_anchor(inline: Token) -> str | None:
    """A template's `{#rolebook-shared}` at a heading's end: taken off the text, used as its anchor."""
    children = inline.children or []
    if not children or children[-1].type != "text":
        return None
    match = ANCHOR.search(children[-1].content)
    if match is None:
        return None
    children[-1].content = children[-1].content[:match.start()]
    return match.group(1)


def directive_params(token: Token) -> dict[str, str]:
    """`::: form widths=10,20 lines=3` → {"widths": "10,20", "lines": "3"}; a value runs to the next
    `name=` (`::: signatures date=日期 Date`: a label in two languages)."""
    rest = token.info.strip().split(None, 1)[1:]
    return {name: value.strip() for name, value in _PARAM.findall(rest[0])} if rest else {}


_PARAM = re.compile(r"([A-Za-z][\w-]*)=(.*?)(?=\s+[A-Za-z][\w-]*=|$)")


def form_tables(tokens: list[Token]) -> list[Token]:
    """Turn the list inside `::: form` into table tokens that both writers already know.

    A form is a list of rows, each a list of cells; a cell is a list item and
    so may hold any block Markdown (a KPI name over its formula and source).
    The first row is the header; a shorter row is padded with blank cells. A cell holding only `^` joins
    the cell above
    (its start cell gets a `rowspan`). Column widths in percent come from the
    directive's `widths=` parameter, and the least height of a body row in
    lines of text from `lines=`; both ride on the table_open token.
    """
    out: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        out.append(token)
        index += 1
        if token.type != "container_form_open":
            continue
        end = index
        depth = 1
        while depth:
            depth += {"container_form_open": 1, "container_form_close": -1}.get(tokens[end].type, 0)
            end += 1
        out.extend(_form_table(tokens[index:end - 1], directive_params(token)))
        out.append(tokens[end - 1])
        index = end
    return out


def merged_cells(tokens: list[Token]) -> list[Token]:
    """In a pipe table, a body cell holding only `^` joins the cell above, as in a form (a KPI table's
    dimension spans its KPIs); the joined cell loses its text. User text never makes one: the `cell` filter
    escapes a lone caret."""
    out: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type != "table_open" or token.meta.get("form"):
            out.append(token)
            index += 1
            continue
        end = index + 1
        while tokens[end].type != "table_close":  # pipe tables do not nest
            end += 1
        out.extend(_merge_table(tokens[index:end + 1]))
        index = end + 1
    return out


def _merge_table(table: list[Token]) -> list[Token]:
    rows: list[list[list[Token]]] = []
    openings: list[list[Token]] = []
    cell: list[Token] | None = None
    for token in table:
        if token.type == "tr_open":
            rows.append([])
            openings.append([])
        elif token.type in ("th_open", "td_open"):
            cell = []
            rows[-1].append(cell)
            openings[-1].append(token)
        elif token.type in ("th_close", "td_close"):
            cell = None
        elif cell is not None:
            cell.append(token)
    spans = _row_spans(rows[1:])  # the body's: a caret under the header row joins nothing
    if not spans:
        return table
    joined: set[int] = set()
    for (number, column), span in spans.items():
        number += 1
        opening = openings[number][column]
        if span == 0:
            opening.meta["merged"] = True
            joined.update(id(t) for t in rows[number][column])
        else:
            opening.attrs["rowspan"] = str(span)
    return [t for t in table if id(t) not in joined]


def _token(kind: str, tag: str, nesting: int) -> Token:
    token = Token(kind, tag, nesting)
    token.block = True
    return token


_ALIGN = {"r": "text-align:right", "c": "text-align:center"}


def _form_table(body: list[Token], params: dict[str, str]) -> list[Token]:
    rows: list[list[list[Token]]] = []
    level = 0
    for token in body:
        if token.type in ("bullet_list_open", "ordered_list_open"):
            level += 1
            if level == 2:
                rows.append([])
            if level <= 2:
                continue
        if token.type in ("bullet_list_close", "ordered_list_close"):
            level -= 1
            if level < 2:
                continue
        if level == 2 and token.type == "list_item_open":
            rows[-1].append([])
            continue
        if level == 2 and token.type == "list_item_close":
            continue
        if level == 1 and token.type in ("list_item_open", "list_item_close"):
            continue
        if level >= 2 and rows and rows[-1]:
            rows[-1][-1].append(token)
    columns = len(rows[0]) if rows else 0
    for row in rows[1:]:  # a row may leave out its trailing blank cells
        row.extend([] for _ in range(columns - len(row)))
    widths = [_number(w) for w in params.get("widths", "").split(",") if w.strip()]
    if not widths or any(w is None or w <= 0 for w in widths):  # a template's mistake: widths from the text
        widths = []
    table = _token("table_open", "table", 1)
    lines = params.get("lines", "")
    # header=no: every row a body row (a row of labels beside what is filled in is no column heading)
    first = 0 if params.get("header") == "no" else 1
    table.meta.update(form=True, widths=widths, lines=_number(lines) or 1.3, header=bool(first))
    out = [table]
    spans = _row_spans(rows)
    # align=l,l,r: a column's alignment, as a pipe table's `--:` gives it (a weight right-aligned, as in the
    # job description's KPI table); columns not listed are left-aligned
    aligns = [_ALIGN.get(a.strip()) for a in params.get("align", "").split(",")]
    for number, row in enumerate(rows):
        if number == 0 and first:
            out.append(_token("thead_open", "thead", 1))
        elif number == first:
            out.append(_token("tbody_open", "tbody", 1))
        row_open = _token("tr_open", "tr", 1)
        # a body row to write in: only fields, or a comment box beside its labels (被考核人意见 … 意见说明：)
        row_open.meta["tall"] = number >= first and (not any(_has_text(cell) for cell in row)
                                                     or any(_has_area(cell) for cell in row))
        out.append(row_open)
        tag = "th" if number < first else "td"
        for column, cell in enumerate(row):
            opening = _token(f"{tag}_open", tag, 1)
            if column < len(aligns) and aligns[column]:
                opening.attrs["style"] = aligns[column]
            span = spans.get((number, column))
            if span == 0:
                opening.meta["merged"] = True
                cell = []
            elif span:
                opening.attrs["rowspan"] = str(span)
            opening.meta["blank"] = not _has_text(cell)
            out += [opening, *cell, _token(f"{tag}_close", tag, -1)]
        out.append(_token("tr_close", "tr", -1))
        if number == 0 and first:
            out.append(_token("thead_close", "thead", -1))
    if len(rows) > first:
        out.append(_token("tbody_close", "tbody", -1))
    out.append(_token("table_close", "table", -1))
    return out


def _has_text(cell: list[Token]) -> bool:
    """A cell says something (fields to fill in do not count)."""
    return any(child.type != "field" and child.content.strip() for token in cell if token.type == "inline"
               for child in token.children or [])


def _has_area(cell: list[Token]) -> bool:
    """A cell holds a comment box (a field of kind area)."""
    return any(child.type == "field" and child.meta.get("kind") == "area" for token in cell if token.type == "inline"
               for child in token.children or [])


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if 0 < value < 1e6 else None


def _row_spans(rows: list[list[list[Token]]]) -> dict[tuple[int, int], int]:
    """rowspan of each start cell (≥ 2) and 0 for the cells that `^` joins to it."""
    spans: dict[tuple[int, int], int] = {}
    for column in range(max((len(r) for r in rows), default=0)):
        start = None
        for number, row in enumerate(rows):
            cell = row[column] if column < len(row) else []
            text = "".join(t.content for t in cell if t.type == "inline").strip()
            if text == MERGE_MARK and start is not None and number > 0:
                spans[(number, column)] = 0
                spans[start] = spans.get(start, 1) + 1
            else:
                start = (number, column)
    return spans

