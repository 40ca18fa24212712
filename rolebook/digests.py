"""The digest of a file's bytes, remembered by the file's stat, as git's index remembers them.

A build checks whether anything changed by hashing every input, and validation keys its cache by the
bytes of every spec: in a project of thousands of files that reading and hashing was most of the time an
edit took. A file whose device, inode, size, time of change and ctime are what they were when its bytes
were hashed has the same bytes; only the others are read again.

The memo (`.rolebook/cache/digests.json`) is a time saver, never trusted beyond that: an entry is only
used for a file whose inode and ctime match, which no archive, clone or planted file can give (the
kernel sets ctime when a file is made or changed, or its times are set). A file changed just now is
"racily clean" (its next change may keep the same times) and is not remembered: it is hashed each time.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

from rolebook.cache import Memo

# A file written after it was hashed would show the same times if they are coarse and it was changed
# within the same tick: a file changed (mtime) in the last 2 s (FAT's granularity), or whose inode changed
# (ctime: a time set back) in the last 50 ms (kernels stamp ctime with a clock of up to 10 ms ticks), is
# hashed each time instead of remembered.
RACY_MTIME_NS = 2_000_000_000
RACY_CTIME_NS = 50_000_000


# An entry is one string, "dev ino size mtime_ns ctime_ns " and the sha256: decoding a list of five numbers
# and a string per file was most of reading the memo (20 ms of every command at 3,000 roles).
FORMAT = "stat digest/2"


def _stat_text(stat: os.stat_result) -> str:
    return f"{stat.st_dev} {stat.st_ino} {stat.st_size} {stat.st_mtime_ns} {stat.st_ctime_ns} "


class FileDigests(Memo):
    """Digests of a project's files: `digest(path)` reads a file only when its stat is not the one
    remembered."""

    NAME = "digests.json"

    def digest(self, path: Path | str, stat: os.stat_result | None = None) -> str | None:
        """The sha256 of a file's bytes (None when it cannot be read); `stat`: the file's, when the caller has
        it."""
        try:
            stat = stat or os.stat(path)
        except OSError:
            return None
        key = os.fspath(path)
        if not os.path.isabs(key):
            key = os.path.abspath(key)
        remembered, known = self.entries.get(key), _stat_text(stat)
        if isinstance(remembered, str) and len(remembered) == len(known) + 64 and remembered.startswith(known):
            return remembered[len(known):]
        try:
            with open(path, "rb") as stream:
                hasher = hashlib.sha256()
                for block in iter(lambda: stream.read(1 << 20), b""):
                    hasher.update(block)
        except OSError:
            return None
        found = hasher.hexdigest()
        now = time.time_ns()
        if now - stat.st_mtime_ns > RACY_MTIME_NS and now - stat.st_ctime_ns > RACY_CTIME_NS:
            self.remember(key, known + found)
        return found

    def kept(self) -> dict:
        """The files that are still there."""
        return {key: value for key, value in self.entries.items() if os.path.exists(key)}


def for_project(root: Path) -> FileDigests:
    return FileDigests.of(root, FORMAT)  # a memo of another format is not read (its entries are hashed anew)
