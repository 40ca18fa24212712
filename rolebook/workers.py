"""Work shared out to forked processes, for `build` (documents) and `score` (appraisals).

Forked workers inherit the loaded project, so only an index crosses to a worker and only its result comes
back; results are yielded in the items' order. Each worker dies with the process that started it.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Iterator, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_TASK: tuple[Callable, Sequence] | None = None  # set before the fork, so every worker has it


def _call(index: int):
    function, items = _TASK
    return function(items[index])


def forked_map(function: Callable[[T], R], items: Sequence[T], workers: int, least: int = 2,
               most_per_chunk: int = 16) -> Iterator[R]:
    """`map(function, items)`, in `workers` forked processes when there are at least `least` items."""
    global _TASK
    _TASK = (function, items)
    if workers <= 1 or len(items) < least or "fork" not in multiprocessing.get_all_start_methods():
        yield from map(function, items)
        return
    context = multiprocessing.get_context("fork")
    chunk = max(1, min(most_per_chunk, len(items) // (workers * 8)))
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=die_with_parent,
                             initargs=(os.getpid(),)) as pool:
        yield from pool.map(_call, range(len(items)), chunksize=chunk)


PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """A worker ends when the command that started it ends, however it ends (kill -9 included):
    the kernel sends it SIGKILL when its parent dies (Linux prctl)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the parent decides
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's clean-up handler
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass  # not Linux: the pool's own shutdown still ends the workers on a normal exit
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)
