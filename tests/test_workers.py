"""Work shared with forked processes (rolebook/workers.py): a few items shared between the command and
forked children, without a pool; results in order, a child's failure raised, no child left behind."""

import os
import signal

import pytest

from rolebook import workers


def pid_and_square(n):
    return os.getpid(), n * n


def test_a_few_items_are_shared_with_a_forked_child_and_come_back_in_order():
    found = list(workers.forked_map(pid_and_square, range(5), 2, least=8))
    assert [square for _, square in found] == [0, 1, 4, 9, 16]
    pids = [pid for pid, _ in found]
    assert pids[0::2] == [os.getpid()] * 3  # this process takes the first share
    assert len(set(pids[1::2])) == 1 and pids[1] != os.getpid()  # one child the other


def test_one_worker_or_a_single_item_stays_in_this_process():
    assert {pid for pid, _ in workers.forked_map(pid_and_square, range(5), 1, least=8)} == {os.getpid()}
    assert [pid for pid, _ in workers.forked_map(pid_and_square, [3], 2, least=8)] == [os.getpid()]


def fail_in_child(n):
    if n == 1:
        raise ValueError(f"item {n} is bad")
    return n


def test_a_childs_exception_is_raised_in_the_command():
    with pytest.raises(ValueError, match="item 1 is bad"):
        list(workers.forked_map(fail_in_child, range(2), 2, least=8))


def killed_in_child(n):
    if n == 1:
        os.kill(os.getpid(), signal.SIGKILL)
    return n


def test_a_child_killed_is_an_error_not_a_missing_result():
    with pytest.raises(RuntimeError, match="ended before"):
        list(workers.forked_map(killed_in_child, range(2), 2, least=8))


def fail_here(n):
    if n == 0:
        raise KeyError("the parent's own share failed")
    return n


def test_the_children_end_when_the_commands_own_share_fails():
    with pytest.raises(KeyError):
        list(workers.forked_map(fail_here, range(4), 4, least=8))
    # the leftovers plugin checks after every test that no child of this process lives on;
    # checked here too, where it matters most
    from leftovers import children

    assert children(os.getpid()) == []


def test_a_process_with_threads_does_not_fork_without_a_pool():
    import threading

    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert {pid for pid, _ in workers.forked_map(pid_and_square, range(4), 2, least=8)} == {os.getpid()}
    finally:
        stop.set()
        thread.join()
