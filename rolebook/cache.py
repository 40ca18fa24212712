"""The validation cache (`.rolebook/cache/`): what checking each role found, kept between runs.

Checking a role (parse, resolve its family and library KPIs, the schema, the per-role rules and the
compliance checks) costs milliseconds; a project of a thousand roles spent seconds redoing it for the one
role that changed. Each role's result is stored under a key of everything it was made from: rolebook
itself (its code and data), rolebook.yaml, the library, the role's file (its display path and bytes) and
the files of its family chain. A changed input is a new key; the old entry is dropped at the next save.
The rules across roles (references, reporting lines, grades, glossary conflicts, unused terms) run on
the small facts each entry keeps, and their problems are an entry too, under the digests of every role's
facts: most edits (a title, a task, a weight) change no role's facts, and the rules are not run again. An
entry keeps its facts as JSON text, decoded only when the rules run (decoding every role's facts was most
of reading the cache).

The entries are spread over up to 256 files by the first two characters of their key (`roles-3f.json`):
an edit rewrites the one or two files its new entries fall in, not all the entries (at 3,000 roles, 22 MB
written after every edit took longer than checking the role).

The cache is JSON, never pickle: a project cloned with a planted cache file can make rolebook trust wrong
results at worst, never run code, and a result is only used under the key of the very bytes it was made
from. A file that is not this format and version (damaged, truncated, foreign) is ignored and rebuilt;
writes go through a temporary file and a rename, so a process reads either the old cache or the new one.
Deleting `.rolebook/` changes no result.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from rolebook.errors import Problem, Source

FOLDER = Path(".rolebook") / "cache"
SHARD = "roles-{}.json"  # the entries whose keys start with these two characters
OLD_FILE = "roles.json"  # format 4 kept every entry in one file: removed when the cache is saved
FORMAT = 7  # 5: entries spread over shards; 6: a role's term mentions, not its text; 7: facts as text, with a key


def digest(*parts: bytes | str) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.hexdigest()


@functools.cache
def package_stamp() -> str:
    """rolebook itself (its version, and each of its files' name, size and time of change): a cache is never
    read by another rolebook. Stat, not read: the cache is there to save time."""
    import rolebook

    base = Path(rolebook.__file__).parent
    parts = [rolebook.__version__]
    for folder, subfolders, names in os.walk(base):
        subfolders[:] = sorted(name for name in subfolders if name != "__pycache__")
        for name in sorted(names):
            stat = os.stat(os.path.join(folder, name))
            parts.append(f"{os.path.relpath(os.path.join(folder, name), base)}:{stat.st_size}:{stat.st_mtime_ns}")
    return digest(*parts)


def file_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def shard_of(key: str) -> str:
    """The shard an entry goes in: its key's first two characters, when they are hex digits (keys are
    sha256 digests)."""
    prefix = key[:2]
    return prefix if len(prefix) == 2 and all(c in "0123456789abcdef" for c in prefix) else "xx"


def _by_shard(keys: set[str], shards: set[str]) -> dict[str, list[str]]:
    """The keys that go in each of these shards."""
    found: dict[str, list[str]] = {shard: [] for shard in shards}
    for key in keys:
        shard = shard_of(key)
        if shard in found:
            found[shard].append(key)
    return found


class Cache:
    """The entries of one project: file facts by the digest of a file's bytes, role results by key."""

    def __init__(self, root: Path, environment: str):
        self.folder = root / FOLDER
        self.environment = environment
        self.files: dict[str, dict] = {}
        self.roles: dict[str, dict] = {}
        self.used_files: set[str] = set()
        self.used_roles: set[str] = set()
        self.models: dict[str, str] = {}  # model JSON to write, by digest
        self.dirty: set[str] = set()  # the shards holding an entry made this run
        self._read()

    # A long-running process (serve) keeps the entries it last read or wrote of each shard, with the file's
    # stat: a large project's cache is megabytes of JSON, read again only where another process changed it.
    _kept: dict[Path, tuple] = {}

    def _read(self) -> None:
        try:
            names = sorted(os.listdir(self.folder)) if self.folder.is_dir() and not self.folder.is_symlink() else []
        except OSError:
            return
        for name in names:
            if name.startswith("roles-") and name.endswith(".json"):
                found = self._read_shard(self.folder / name)
                if found is not None:
                    self.files.update(found[0])
                    self.roles.update(found[1])

    def _read_shard(self, path: Path) -> tuple[dict, dict] | None:
        stat = _stat(path)
        kept = Cache._kept.get(path)
        if stat is not None and kept is not None and kept[:2] == (stat, self.environment):
            return kept[2], kept[3]
        try:
            if path.is_symlink() or not path.is_file():
                return None
            data = json.loads(path.read_bytes())
        except (OSError, ValueError, RecursionError):
            return None  # unreadable or damaged: rebuilt
        if not (isinstance(data, dict) and data.get("format") == FORMAT
                and data.get("environment") == self.environment
                and isinstance(data.get("files"), dict) and isinstance(data.get("roles"), dict)):
            return None  # another rolebook, other settings or library, or not ours
        Cache._kept[path] = (stat, self.environment, data["files"], data["roles"])
        return data["files"], data["roles"]

    def file(self, key: str) -> dict | None:
        return _take(self.files, self.used_files, key)

    def role(self, key: str) -> dict | None:
        return _take(self.roles, self.used_roles, key)

    def put_file(self, key: str, facts: dict) -> None:
        self.files[key] = facts
        self.used_files.add(key)
        self.dirty.add(shard_of(key))

    def put_role(self, key: str, entry: dict) -> None:
        self.roles[key] = entry
        self.used_roles.add(key)
        self.dirty.add(shard_of(key))

    def put_model(self, key: str, dump: str) -> None:
        """A role's model as JSON, kept in a file of its own (read only when a build needs that role)."""
        self.models[key] = dump

    def model(self, key: str) -> str | None:
        """A model's JSON, when its file is there and is what its name says (the digest of its text)."""
        if key in self.models:
            return self.models[key]
        path = self.folder / "models" / f"{key}.json"
        try:
            text = path.read_text(encoding="utf-8") if not path.is_symlink() else None
        except (OSError, ValueError):
            return None
        return text if text is not None and digest(text) == key else None

    def save(self, root: Path) -> None:
        """Write the shards holding an entry made this run or one this run did not use (so the cache never
        outgrows the project). A cache that cannot be written is no error: the next run checks again."""
        stale = (set(self.files) - self.used_files) | (set(self.roles) - self.used_roles)
        shards = self.dirty | {shard_of(key) for key in stale}
        if not shards:
            return
        folder = self.folder
        try:
            if not ready_folder(folder, root):
                return
            self._save_models(folder, root)
            files, roles = _by_shard(self.used_files, shards), _by_shard(self.used_roles, shards)
            for shard in sorted(shards):
                data = {"format": FORMAT, "environment": self.environment,
                        "files": {k: self.files[k] for k in sorted(files[shard])},
                        "roles": {k: self.roles[k] for k in sorted(roles[shard])}}
                path = folder / SHARD.format(shard)
                if not data["files"] and not data["roles"]:
                    path.unlink(missing_ok=True)
                    continue
                write_atomically(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")))
                Cache._kept[path] = (_stat(path), self.environment, data["files"], data["roles"])
            (folder / OLD_FILE).unlink(missing_ok=True)
        except OSError:
            return

    def _save_models(self, folder: Path, root: Path) -> None:
        """The models made this run, each in a file named by its digest; those of roles gone, removed."""
        models = folder / "models"
        if not _inside(models, root):
            return
        models.mkdir(exist_ok=True)
        for key, dump in self.models.items():
            path = models / f"{key}.json"
            if not path.exists():  # named by the digest of its text: a half-written one is never used
                path.write_text(dump, encoding="utf-8")
        kept = set()  # the models of the roles this run used: any other file is an old role's
        for key in self.used_roles:
            summary = self.roles[key].get("summary")
            if isinstance(summary, dict):
                kept.add(summary.get("model"))
        for name in os.listdir(models):
            if name.endswith(".json") and name[:-5] not in kept:
                (models / name).unlink(missing_ok=True)


class Memo:
    """A JSON file of remembered values in the cache folder (a file's digest by its stat, a term's sort key):
    read once per process and project, written at the end of a command when it learnt something. A file
    of another format or header (another pypinyin, say) is ignored; one that cannot be written is no error."""

    NAME = ""
    _open: dict[tuple[type, Path], "Memo"] = {}

    def __init__(self, root: Path, header: str = ""):
        self.root, self.header = root, header
        self.entries: dict[str, Any] = {}
        self.learnt: dict[str, Any] = {}  # remembered in this process: a forked worker hands it back
        self.changed = False
        path = root / FOLDER / self.NAME
        try:
            if path.is_symlink() or not path.is_file():
                return
            data = json.loads(path.read_bytes())
        except (OSError, ValueError, RecursionError):
            return
        if isinstance(data, dict) and data.get("header") == header and isinstance(data.get("entries"), dict):
            self.entries = data["entries"]

    @classmethod
    def of(cls, root: Path, header: str = "") -> "Memo":
        """The project's memo of this kind, read once per process (a preview keeps it between builds)."""
        key = (cls, Path(os.path.abspath(root)))
        if key not in Memo._open or Memo._open[key].header != header:
            Memo._open[key] = cls(key[1], header)
        return Memo._open[key]

    def remember(self, key: str, value: Any) -> None:
        if self.entries.get(key) != value:
            self.entries[key] = value
            self.learnt[key] = value
            self.changed = True

    def kept(self) -> dict[str, Any]:
        """What is written: every entry (a memo may drop what no longer matters)."""
        return self.entries

    def save(self) -> None:
        if not self.changed or not self.root.is_dir():  # a revision's checkout is gone by now
            return
        folder = self.root / FOLDER
        try:
            if ready_folder(folder, self.root):
                write_atomically(folder / self.NAME, json.dumps(
                    {"header": self.header, "entries": dict(sorted(self.kept().items()))},
                    ensure_ascii=False, separators=(",", ":")))
                self.changed = False
        except OSError:
            return

    @staticmethod
    def save_all() -> None:
        for memo in Memo._open.values():
            memo.save()

    @staticmethod
    def take_learnt() -> list[tuple[type, Path, str, dict[str, Any]]]:
        """What this process remembered since it last said (a forked worker, after a job), and forget it."""
        found = []
        for (kind, root), memo in Memo._open.items():
            if memo.learnt:
                found.append((kind, root, memo.header, memo.learnt))
                memo.learnt = {}
        return found

    @staticmethod
    def learn(taken: list[tuple[type, Path, str, dict[str, Any]]]) -> None:
        """Remember what a worker learnt (`take_learnt` there)."""
        for kind, root, header, entries in taken:
            memo = kind.of(root, header)
            for key, value in entries.items():
                memo.remember(key, value)


def _stat(path: Path) -> tuple | None:
    try:
        stat = path.lstat()
    except OSError:
        return None
    return stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns


def _take(entries: dict, used: set[str], key: str) -> dict | None:
    """An entry (a mapping, or nothing: any other value is not ours), marked as used this run."""
    found = entries.get(key)
    if isinstance(found, dict):
        used.add(key)
        return found
    return None


def write_atomically(path: Path, text: str) -> None:
    """Through a temporary file and a rename: a reader sees the old file or the new one, never half."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def ready_folder(folder: Path, root: Path) -> bool:
    """The cache folder made (with a .gitignore: the cache is the machine's, never committed), when it and
    every folder on the way are real folders inside the project."""
    if not _inside(folder, root):
        return False
    folder.mkdir(parents=True, exist_ok=True)
    ignore = root / FOLDER.parent / ".gitignore"
    if not ignore.exists():
        ignore.write_text("*\n", encoding="utf-8")
    return True


def _inside(folder: Path, root: Path) -> bool:
    """The cache folder and every folder on the way are real folders inside the project (no links out)."""
    current = root
    for part in folder.relative_to(root).parts:
        current = current / part
        if current.is_symlink() or (current.exists() and not current.is_dir()):
            return False
    return True


# --- what an entry holds, as JSON -------------------------------------------------------------


def problems_out(problems: list[Problem]) -> list[list]:
    return [[p.file, p.line, p.column, p.severity, p.code, p.message] for p in problems]


def problems_in(rows: list[list]) -> list[Problem]:
    return [Problem(*row) for row in rows]


def source_out(source: Source | None) -> list | None:
    return list(source) if source is not None else None


def source_in(row: list | None) -> Source | None:
    return Source(*row) if row is not None else None


def jsonable(value: Any) -> Any:
    """A value of a model dump as JSON keeps it (dates as text)."""
    return json.loads(json.dumps(value, ensure_ascii=False, default=str))
