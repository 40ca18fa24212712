"""Measuring text: East Asian characters are twice as wide as Latin ones and break anywhere."""

from __future__ import annotations

import re
import unicodedata

# A piece a line cannot break: no break at a no-break space (U+00A0 glues "≥ 90%" and "☐ Good").
_WORD = re.compile(r"[^ \t\n\r\f\v\u2000-\u200b\u3000\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+")


_ROOM = re.compile("\u00a0{2,}")


def unbreakable_width(text: str) -> int:
    """The widest piece a line cannot break: a short cell whole, else its longest Latin word.

    East Asian text breaks between any two characters, other text at spaces. No-break spaces that only
    make room (an empty field) take none.
    """
    text = _ROOM.sub(" ", text).strip()
    if display_width(text) <= 8:
        return display_width(text)
    return max([display_width(word) for word in _WORD.findall(text)] + [2])


def display_width(text: str) -> int:
    """Columns a text needs: East Asian wide characters count twice."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def is_cjk(char: str) -> bool:
    return bool(char) and unicodedata.east_asian_width(char) in "WF"
