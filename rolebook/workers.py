"""Work shared out to forked processes, for `build` (documents) and `score` (appraisals).

Forked workers inherit the loaded project, so only an index crosses to a worker and only its result comes
back; results are yielded in the items' order. Each worker dies with the process that started it.
"""

from __future__ import annotations

import os
import signal
from collections import deque
from itertools import islice
from typing import Callable, Iterable, Iterator, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_TASK: tuple[Callable, Sequence] | None = None  # set before the fork, so every worker has it


def _call(index: int):
    function, items = _TASK
    return function(items[index])


def forked_map(function: Callable[[T], R], items: Sequence[T], workers: int, least: int = 2,
               most_per_chunk: int = 16) -> Iterator[R]:
    """`map(function, items)`, in `workers` forked processes when there are at least `least` items; fewer
    (but two or more) are shared between this process and forked children (shared_map)."""
    global _TASK
    _TASK = (function, items)
    if workers > 1 and 2 <= len(items) < least and _can_split():
        yield from shared_map(function, items, workers)
        return
    if workers <= 1 or len(items) < least or not _can_fork():
        yield from map(function, items)
        return
    chunk = max(1, min(most_per_chunk, len(items) // (workers * 8)))
    with _pool(workers) as pool:
        yield from pool.map(_call, range(len(items)), chunksize=chunk)


def shared_map(function: Callable[[T], R], items: Sequence[T], workers: int) -> Iterator[R]:
    """`map(function, items)` for a few items: this process takes the first share and a forked child each
    other share, sending its results back through a pipe. No pool: multiprocessing's imports and a pool's
    start cost more than the two documents of an edit (the role's and its superior's) take to make, and
    the child needs nothing sent, having the loaded project. Results in the items' order; a child's
    exception is raised here."""
    import pickle

    count = min(workers, len(items))
    shares = [range(len(items))[i::count] for i in range(count)]
    children: list[tuple[int, int]] = []
    try:
        for share in shares[1:]:
            children.append(_fork_share(function, items, share))
        results: list = [None] * len(items)
        for i in shares[0]:
            results[i] = function(items[i])
        while children:
            pid, read = children.pop(0)
            with os.fdopen(read, "rb") as pipe:
                data = pipe.read()
            os.waitpid(pid, 0)
            try:
                status, value = pickle.loads(data)
            except Exception:  # nothing sent (the child was killed) or an exception that does not unpickle
                raise RuntimeError("a worker process ended before its documents were made") from None
            if status == "error":
                raise value
            for i, result in value:
                results[i] = result
    finally:
        for pid, read in children:  # this process failed or was interrupted first: its children end with it
            os.kill(pid, signal.SIGKILL)
            os.close(read)
            os.waitpid(pid, 0)
    yield from results


def _fork_share(function: Callable, items: Sequence, share: range) -> tuple[int, int]:
    """A forked child working on `share`; (its pid, the pipe its results come through)."""
    import pickle

    parent = os.getpid()
    read, write = os.pipe()
    pid = os.fork()
    if pid:
        os.close(write)
        return pid, read
    os.close(read)  # the child: it never returns to the caller, and leaves the parent's clean-up alone
    try:
        die_with_parent(parent)
        payload = pickle.dumps(("ok", [(i, function(items[i])) for i in share]))
    except BaseException as error:
        try:
            payload = pickle.dumps(("error", error))
        except Exception:
            payload = pickle.dumps(("error", RuntimeError(f"{type(error).__name__}: {error}")))
    try:
        with os.fdopen(write, "wb") as pipe:
            pipe.write(payload)
    finally:
        os._exit(0)


def _can_split() -> bool:
    """A process with threads (the preview's server) is not forked without a pool's care: a lock another
    thread held would stay locked in the child."""
    import threading

    return hasattr(os, "fork") and threading.active_count() == 1


def _call_batch(batch: list):
    function, _items = _TASK
    return [function(item) for item in batch]


def forked_imap(function: Callable[[T], R], items: Iterable[T], workers: int, batch: int = 32,
                window: int = 4) -> Iterator[R]:
    """`map(function, items)` over an iterator, in `workers` forked processes: items cross to the
    workers in batches (pickled: keep them small) and at most `window` batches per worker are under
    way, so neither the items nor the results are ever all held; results in the items' order."""
    global _TASK
    _TASK = (function, ())
    if workers <= 1 or not _can_fork():
        yield from map(function, items)
        return
    pending: deque = deque()
    remaining = iter(items)
    with _pool(workers) as pool:
        while True:
            while len(pending) < workers * window and (next_batch := list(islice(remaining, batch))):
                pending.append(pool.submit(_call_batch, next_batch))
            if not pending:
                return
            yield from pending.popleft().result()


# multiprocessing and concurrent.futures are imported only when work is shared out: a one-document build
# (an edit) does without them.
def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def _pool(workers: int):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=die_with_parent, initargs=(os.getpid(),))


PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """A worker ends when the command that started it ends, however it ends (kill -9 included):
    the kernel sends it SIGKILL when its parent dies (Linux prctl)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the parent decides
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's clean-up handler
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass  # not Linux: the pool's own shutdown still ends the workers on a normal exit
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)
