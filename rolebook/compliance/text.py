"""Reading a role's texts as the rules see them, and pointing back at the exact place of what was found.

Patterns are matched on a normalised copy of each text: traditional characters read as simplified ones
and full-width letters and digits as ASCII, so one Chinese list serves zh-CN and zh-TW and `２８岁` is
`28岁`. The copy is made character by character, so an offset in it is an offset in the text.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from rolebook.errors import Source
from rolebook.sanitize import normalise_newlines


# Each character as the rules read it: full-width ASCII as ASCII, and each CJK character as OpenCC's t2s
# makes it alone (no phrase context). The CJK pairs are shipped (data/t2s.txt, from tools/t2s_table.py):
# loading OpenCC to look characters up took 6 ms of every check.
T2S_FILE = Path(__file__).parent / "data" / "t2s.txt"
CJK_RANGES = ((0x3400, 0xA000), (0xF900, 0xFB00))


@functools.cache
def _table() -> dict[int, str]:
    table = {c: chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}
    table[0x3000] = " "
    table.update({ord(t): s for t, s in shipped_pairs().items()})
    return table


def shipped_pairs() -> dict[str, str]:
    """The pairs of data/t2s.txt: its line of traditional characters and, below, their simplified forms."""
    traditional, simplified = [line for line in T2S_FILE.read_text(encoding="utf-8").splitlines()
                               if not line.startswith("#")]
    if len(traditional) != len(simplified):
        raise ValueError(f"{T2S_FILE.name}: the two lines differ in length")  # rolebook's own data: a bug
    return dict(zip(traditional, simplified))


def pairs_text(pairs: dict[str, str]) -> str:
    """data/t2s.txt as tools/t2s_table.py writes it (shipped_pairs reads it back)."""
    return (f"# OpenCC t2s, each character converted alone (OpenCC is Apache-2.0); from tools/t2s_table.py\n"
            f"{''.join(pairs)}\n{''.join(pairs.values())}\n")


def opencc_pairs() -> dict[str, str]:
    """What OpenCC's t2s makes of each CJK character alone, where that is another single character (for
    tools/t2s_table.py and the test that the shipped pairs still agree)."""
    import opencc

    chars = [chr(c) for start, end in CJK_RANGES for c in range(start, end)]
    simplified = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")  # one per line: no context
    return {t: s for t, s in zip(chars, simplified) if t != s and len(s) == 1}


def normalised(text: str) -> str:
    """`text` with each character as the rules read it (the same length)."""
    return text.translate(_table())


_CLAUSE_MARK = re.compile(r"[，,。；;、！!？?]|\.(?=\s|$)|\s{2,}")
_SENTENCE_MARK = re.compile(r"[。；;！!？?\n]|\.(?=\s|$)")


@dataclass(frozen=True)
class Passage:
    """One text of a role: where its value starts, and what it is (title, requirement, posting…)."""

    path: tuple
    text: str
    where: Callable[[], Source]  # where its value starts: asked only for a finding (it costs a tree walk)
    kind: str

    @functools.cached_property
    def source(self) -> Source:
        return self.where()

    @functools.cached_property
    def norm(self) -> str:
        """The text as the rules read it."""
        return normalised(self.text)

    @functools.cached_property
    def lines(self) -> str:
        """`norm` with every clause on a line of its own (each separator a line break: the same length), so
        that one pass of a MULTILINE pattern reads clause by clause and `^` / `$` are a clause's ends."""
        return _CLAUSE_MARK.sub(lambda m: "\n" * len(m.group()), self.norm)

    def clause(self, index: int) -> tuple[int, int]:
        return _around(self.lines, index, "\n")

    def sentence(self, index: int) -> tuple[int, int]:
        return _around(_SENTENCE_MARK.sub(lambda m: "\n" * len(m.group()), self.norm), index, "\n")


def _around(text: str, index: int, mark: str) -> tuple[int, int]:
    start = text.rfind(mark, 0, index) + 1
    end = text.find(mark, index)
    return start, len(text) if end < 0 else end


class Locator:
    """Exact positions of words found in a value: its file read again and searched from the value's start.

    The tree keeps where each value starts; a word's column inside a plain text is that plus its offset,
    but a quoted or block text moves it, so the word itself is looked for from the value's start (its
    n-th occurrence if the value holds it n times). Where it cannot be found (a word folded over two
    lines), the value's start is the answer.
    """

    def __init__(self, read: Callable[[str], Path | None]):
        self.read = read  # display path → the file
        self.texts: dict[str, tuple[str, list[int]] | None] = {}

    def _text(self, file: str) -> tuple[str, list[int]] | None:
        if file not in self.texts:
            path = self.read(file)
            try:
                raw = normalise_newlines(path.read_bytes().decode("utf-8-sig")) if path else None
            except (OSError, UnicodeDecodeError):
                raw = None
            starts = [0] + [m.end() for m in re.finditer("\n", raw)] if raw is not None else []
            self.texts[file] = (raw, starts) if raw is not None else None
        return self.texts[file]

    def at(self, passage: Passage, start: int, end: int) -> Source:
        found = self._text(passage.source.file)
        if found is None or not 0 < passage.source.line <= len(found[1]):
            return passage.source
        raw, starts = found
        needle = passage.text[start:end]
        offset = starts[passage.source.line - 1] + passage.source.column - 1
        limit = offset + 3 * len(passage.text) + 200  # a quoted text's escapes make it longer, not more
        for _ in range(passage.text.count(needle, 0, start) + 1):
            index = raw.find(needle, offset, limit)
            if index < 0:
                return passage.source
            offset = index + len(needle)
        index = offset - len(needle)
        line = bisect.bisect_right(starts, index) - 1
        return Source(passage.source.file, line + 1, index - starts[line] + 1)
