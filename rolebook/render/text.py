"""Measuring text: East Asian characters are twice as wide as Latin ones and break anywhere."""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+")


def unbreakable_width(text: str) -> int:
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
