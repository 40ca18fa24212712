"""How deep Markdown may nest (lists and block quotes inside each other), and finding text that nests deeper.

markdown-it stops at its `maxNesting` and silently drops the rest of the text (CommonMark's preset allows
20 token levels: a list ten deep lost its tenth level and everything after it). rolebook raises the limit
to what its writers take and Python's stack allows, renders everything within it (Word's nine list
levels are kept, deeper items are drawn at the ninth), and reports text nested deeper as the error
`markdown-nesting` at its line, before anything is built.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from rolebook.errors import RolebookError
from rolebook.messages import _

# Token levels: a list adds two (the list and its item), a block quote one. A text may nest 49 lists or 99
# block quotes; documents put texts inside a few levels of their own (RENDER_MARGIN), so a valid text always
# renders whole. Each level costs markdown-it a few Python stack frames.
MAX_NESTING = 100
RENDER_MARGIN = 20
LEVELS_SAID = "49 lists or 99 block quotes"
# Only a line whose leading markers and indentation are this long can nest that deep: others are not parsed.
_DEEP_PREFIX = re.compile(r"^[ \t>*+\-\d.)]{48,}", re.M)


if TYPE_CHECKING:  # markdown-it is imported where text is parsed: `validate` parses none but the deepest
    from markdown_it import MarkdownIt


class NestingError(RolebookError):
    def __init__(self, line: int):
        super().__init__(f"Markdown nested deeper than {LEVELS_SAID} inside each other (line {line + 1})")
        self.line = line  # 0-based, in the parsed text


def guard(md: MarkdownIt, limit: int = MAX_NESTING) -> MarkdownIt:
    """Raise the parser's nesting limit, and make reaching it an error instead of a silent loss."""
    md.set({**md.options, "maxNesting": limit})  # a copy: the preset's options are shared by every parser
    original = md.block.tokenize

    def tokenize(state, start_line: int, end_line: int) -> None:
        if state.level >= limit:
            line = state.skipEmptyLines(start_line)
            if line < end_line and state.sCount[line] >= state.blkIndent:
                raise NestingError(line)
        original(state, start_line, end_line)

    md.block.tokenize = tokenize
    return md


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return guard(MarkdownIt("commonmark"))


def too_deep(text: str) -> int | None:
    """The 0-based line where `text` nests deeper than rolebook renders, else None."""
    if not _DEEP_PREFIX.search(text):
        return None
    try:
        _parser().parse(text)
    except NestingError as exc:
        return exc.line
    return None


def nesting_message() -> str:
    return _("Markdown nested too deep: rolebook renders up to 49 lists or 99 block quotes inside each other, "
             "and this line goes deeper; flatten the nesting")
