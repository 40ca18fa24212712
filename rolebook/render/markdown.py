"""The one markdown-it configuration that every writer reads.

CommonMark with GFM tables and strikethrough, definition lists, and the block
directives that documents need beyond Markdown (`::: meta`, `::: signatures`,
...). Raw HTML is off: markdown-it then shows it as text, and both writers
escape text. Emphasis next to full-width punctuation works as Chinese writers
expect (`**真，**她` is bold), which plain CommonMark refuses.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace
from markdown_it.rules_inline.state_inline import Scanned, StateInline
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.deflist import deflist_plugin

# Block directives: `::: name` … `:::`. Each writer has a rule for each.
DIRECTIVES = (
    "meta",        # a key/value table: its header row is an ordinary row
    "doc-title",   # the document's title block
    "note",        # small print under a table
    "signatures",  # a line to sign and date for each paragraph inside
    "pagebreak",   # start a new page
    "landscape",   # a landscape section (forms)
    "form",        # a form table: fixed layout, blank cells to write in
    "box",         # a bordered box to write in
)


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
    state = _CjkStateInline(src, md, env, tokens)
    self.tokenize(state)
    for rule in self.ruler2.getRules(""):
        rule(state)
    return state.tokens


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.use(deflist_plugin)
    for name in DIRECTIVES:
        container_plugin(md, name)
    md.inline.parse = _parse_inline.__get__(md.inline)
    return md


def parse(text: str) -> list[Token]:
    return parser().parse(text)


def parse_inline(text: str) -> list[Token]:
    """The inline children of one line of text (for cells written outside a Markdown document)."""
    return parser().parseInline(text)[0].children or []
