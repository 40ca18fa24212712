"""Documents in traditional characters (Taiwan, Hong Kong): recognised through their simplified reading, so
that one set of labels serves both (職位名稱 reads as 职位名称), and written back in the characters the
document itself used. Character by character, with rolebook's OpenCC t2s table, so a text keeps its length
and every value maps back; a simplified character that the document wrote two ways takes the way it wrote
it most.
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import replace
from typing import Any, Callable

from rolebook.importers.blocks import Block


@functools.cache
def to_simplified() -> dict[int, str]:
    """str.translate's table of rolebook's t2s pairs (characters only: full-width forms stay)."""
    from rolebook.compliance.text import shipped_pairs

    return {ord(t): s for t, s in shipped_pairs().items()}


def _texts(blocks: list[Block]) -> list[str]:
    return [block.text for block in blocks] + [cell for block in blocks for row in block.rows for cell in row]


def mainland_view(blocks: list[Block]) -> tuple[list[Block], Callable[[Any], Any]] | None:
    """The blocks in simplified characters and a function that writes a recognised value back as the document
    wrote it; None for a document that is not in traditional characters."""
    from rolebook.spec.languages import is_traditional

    table = to_simplified()
    texts = _texts(blocks)
    if not is_traditional(" ".join(texts)[:20000]):
        return None
    used: dict[str, Counter] = {}
    for text in texts:
        for char in text:
            simplified = table.get(ord(char))
            if simplified is not None:
                used.setdefault(simplified, Counter())[char] += 1
    back_table = {ord(s): counts.most_common(1)[0][0] for s, counts in used.items()}
    view = [replace(block, text=block.text.translate(table),
                    rows=[[cell.translate(table) for cell in row] for row in block.rows]) for block in blocks]

    def back(value: Any) -> Any:
        if isinstance(value, str):
            return value.translate(back_table)
        if isinstance(value, list):
            return [back(item) for item in value]
        if isinstance(value, dict):
            return {key: back(item) for key, item in value.items()}
        return value

    return view, back
