"""Each employee's appraisal rendered by every worker: forked processes share the loaded project, as the
build's workers do, and send back the finished files in row order."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from typing import Iterator

from rolebook.render.documents import Renderer

_STATE: tuple | None = None


def _render(index: int) -> list[tuple[str, bytes]]:
    from rolebook.results.appraisals import render_appraisal

    renderer, scored, formats = _STATE
    item = scored[index]
    return [(f"{item.name}.{fmt}", data) for fmt, data in render_appraisal(renderer, item, formats).items()]


def render_appraisals(renderer: Renderer, scored: list, formats: tuple[str, ...],
                      workers: int) -> Iterator[tuple[str, bytes]]:
    global _STATE
    from rolebook.build import _die_with_parent

    _STATE = (renderer, scored, tuple(fmt for fmt in formats if fmt != "pdf") or ("docx",))
    indexes = range(len(scored))
    if workers <= 1 or len(scored) < 4 or "fork" not in multiprocessing.get_all_start_methods():
        for index in indexes:
            yield from _render(index)
        return
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_die_with_parent,
                             initargs=(os.getpid(),)) as pool:
        for files in pool.map(_render, indexes, chunksize=max(1, min(32, len(scored) // (workers * 8)))):
            yield from files
