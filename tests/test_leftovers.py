"""The suite's leftover check sees a process a test left running and a folder rolebook left behind."""

import os
import subprocess
import tempfile
from pathlib import Path

import leftovers


def test_a_running_child_is_seen_and_an_ended_one_is_not():
    process = subprocess.Popen(["sleep", "30"])
    try:
        assert (process.pid, "sleep") in leftovers.children(os.getpid())
    finally:
        process.kill()
        process.wait()
    assert process.pid not in [pid for pid, _ in leftovers.children(os.getpid())]


def test_a_serve_folder_in_the_temporary_directory_is_seen():
    folder = Path(tempfile.mkdtemp(prefix="rolebook-serve-"))
    try:
        assert folder in leftovers._rolebook_folders()
    finally:
        folder.rmdir()
    assert folder not in leftovers._rolebook_folders()
