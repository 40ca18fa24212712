"""Measuring text: East Asian characters are twice as wide as Latin ones and break anywhere."""

from __future__ import annotations

import re
import unicodedata

_ROOM = re.compile("\u00a0{2,}")
_SPACE = re.compile(r"[ \t\n\r\f\v\u2000-\u200b\u3000]+")
GLUE = "\u00a0\u2060"  # a no-break space ("≥ 90%", "☐ Good") and a word joiner (次⁠/⁠季⁠度) join what they touch


def unbreakable_width(text: str) -> int:
    """The widest piece a line cannot break: a short cell whole, else its longest piece.

    Lines break at spaces and on either side of an East Asian character, but never at glue: "≥ 48 次/季度"
    written with no-break spaces and word joiners is one piece. No-break spaces that only make room (an
    empty field) take none.
    """
    text = _ROOM.sub(" ", text).strip()
    if display_width(text) <= 8:
        return display_width(text)
    return max([display_width(piece) for piece in pieces(text)] + [2])


def pieces(text: str) -> list[str]:
    """The pieces between the places a line may break."""
    found = []
    for chunk in _SPACE.split(text):
        piece, before = "", ""
        for char in chunk:
            if piece and (is_cjk(char) or is_cjk(before)) and char not in GLUE and before not in GLUE:
                found.append(piece)
                piece = ""
            piece += char
            before = char
        found.append(piece)
    return [piece for piece in found if piece.strip(GLUE)]


class _Widths(dict):
    """Each character's columns, looked up once (tables measure every cell's text)."""

    def __missing__(self, char: str) -> int:
        width = self[char] = 2 if unicodedata.east_asian_width(char) in "WF" else 0 if char == "\u2060" else 1
        return width


_WIDTHS = _Widths()


def display_width(text: str) -> int:
    """Columns a text needs: East Asian wide characters count twice; word joiners take none."""
    return len(text) if text.isascii() else sum(map(_WIDTHS.__getitem__, text))


def is_cjk(char: str) -> bool:
    return bool(char) and _WIDTHS[char] == 2
