"""The output folder: where documents go, and the only place rolebook writes or deletes.

- The folder is used only when it is a real folder, or a link that stays inside
  the project; nothing is written through a link below it.
- A build holds a lock on the folder, so two builds never interleave.
- Documents are rendered into a private staging folder inside it and renamed
  into place at the end: a failed or killed build changes nothing, and the
  next build removes what a killed one left behind.
- A file is deleted only when the manifest names it with a name rolebook
  itself gives documents (`jd/<role>.docx`, …): a manifest cannot point
  anywhere else.
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import shutil
import tempfile
from pathlib import Path

from rolebook.errors import RolebookError, UsageError
from rolebook.paths import ID_PATTERN
from rolebook.messages import _

KINDS = ("jd", "form", "posting", "handbook", "catalogue", "orgchart")  # a build's default; "workbook" on request
PREVIEW_KINDS = tuple(kind for kind in KINDS if kind != "catalogue")  # `serve` shows pages, not spreadsheets
FORMATS = ("docx", "html")  # the default; "pdf" on request (through LibreOffice)
STAGING_PREFIX = ".rolebook-staging-"
TEMPORARY = re.compile(r"^\..+\.rolebook-[A-Za-z0-9_]+\.tmp$")

# Where each kind of document goes: `{role}` and `{fmt}` are filled in.
LAYOUT = {
    "jd": "jd/{role}.{fmt}",
    "form": "forms/{role}.{fmt}",
    "posting": "postings/{role}.{fmt}",
    "workbook": "workbooks/{role}.{fmt}",
    "handbook": "handbook.{fmt}",
    "catalogue": "catalogue.{fmt}",
    "orgchart": "org-chart.{fmt}",
}
# Kinds that are the files they are, whatever --format asks: a workbook, the role catalogue, the org chart.
OWN_FORMATS = {"workbook": ("xlsx",), "catalogue": ("xlsx", "csv", "json"), "orgchart": ("svg",)}
PROJECT_KINDS = ("handbook", "catalogue", "orgchart")  # one document of the whole project, not one per role
FORMAT_NAMES = ("docx", "html", "pdf", "xlsx", "csv", "json", "svg")
_ROLE = re.compile(ID_PATTERN)


class OutputError(RolebookError):
    """The output folder cannot be used or written: a one-line message with the path (exit 1)."""


def document_name(kind: str, role: str | None, fmt: str) -> str:
    return LAYOUT[kind].format(role=role or "", fmt=fmt)


def is_document_name(name: str, kind: str, role: str | None, owners: dict | None = None) -> bool:
    """True when `name` is exactly what rolebook calls a document of this kind and role. `owners`: a memo of
    which (kind, role) pairs are rolebook's, for a caller checking every document of a manifest (a role has
    several: its id was matched once per document)."""
    owner = owners.get((kind, role)) if owners is not None else None
    if owner is None:
        owner = kind in LAYOUT and ("{role}" in LAYOUT[kind]) == (role is not None) and (
            role is None or (len(role) <= 200 and _ROLE.fullmatch(role) is not None))
        if owners is not None:
            owners[kind, role] = owner
    if not owner:
        return False
    stem, dot, fmt = name.rpartition(".")  # one comparison, not one per format: a manifest has thousands
    return bool(dot) and fmt in FORMAT_NAMES and name == document_name(kind, role, fmt)


def os_error(exc: OSError, path: Path | str | None = None) -> OutputError:
    """An OSError as one line a user can act on."""
    where = path or exc.filename or ""
    reason = {errno.ENOSPC: "the disk is full", errno.EROFS: "the file system is read-only",
              errno.EACCES: "permission denied", errno.EPERM: "permission denied",
              errno.ENOTDIR: "a part of the path is a file, not a folder",
              errno.EDQUOT: "the disk quota is exhausted"}.get(exc.errno, exc.strerror or str(exc))
    return OutputError(_("cannot write {where}: {reason}").format(where=where, reason=reason))


def check_folder(out: Path, root: Path) -> Path:
    """The output folder as an absolute path, refused when it would lead writes astray."""
    out = Path(os.path.abspath(out))
    real_root = root.resolve()
    if out.is_symlink() or (out.is_relative_to(root.absolute()) and out.exists()):
        real = out.resolve()
        if not real.is_relative_to(real_root):
            raise OutputError(_("{out} is a link to {real}, outside the project; rolebook does not write "
                                "through links (remove the link, or give the folder with --out)").format(
                                  out=out,
                                  real=real))
    if out.exists() and not out.is_dir():
        raise OutputError(_("{out} exists and is not a folder").format(out=out))
    if os.path.lexists(out) and not out.exists():
        raise OutputError(_("{out} is a link to nothing; remove it").format(out=out))
    return out.resolve() if out.is_symlink() else out  # a link that stays inside: its folder is used


class OutputFolder:
    """An output folder, locked for the time of one build (use as a context manager).

    `shared`: a folder the user named (--out) that may hold files of their own; a build there
    overwrites only files it wrote before. The project's build/ folder is rolebook's alone."""

    def __init__(self, path: Path, root: Path, shared: bool = False):
        self.path = check_folder(path, root)
        self.shared = shared and self.path != check_folder(root / "build", root)
        self.lock_fd: int | None = None
        self.staging: Path | None = None

    def __enter__(self) -> OutputFolder:
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            self.lock_fd = os.open(self.path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
        except OSError as exc:
            raise os_error(exc, self.path) from None
        try:
            fcntl.flock(self.lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            from rolebook.sanitize import for_terminal
            import sys

            print(f"waiting for another rolebook build in {for_terminal(str(self.path))} to finish",
                  file=sys.stderr)
            fcntl.flock(self.lock_fd, fcntl.LOCK_EX)
        self.remove_leftovers()
        return self

    def __exit__(self, *exc_info) -> None:
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging = None
        if self.lock_fd is not None:
            os.close(self.lock_fd)  # releases the lock
            self.lock_fd = None

    def remove_leftovers(self) -> None:
        """What killed builds left: staging folders and temporary files (only rolebook's own names)."""
        for folder, subfolders, files in os.walk(self.path):
            for name in list(subfolders):
                if name.startswith(STAGING_PREFIX):
                    shutil.rmtree(os.path.join(folder, name), ignore_errors=True)
                    subfolders.remove(name)
            for name in files:
                if TEMPORARY.match(name):
                    try:
                        os.unlink(os.path.join(folder, name))
                    except OSError:
                        pass

    def refuse_foreign(self, names: list[str], wrote) -> None:
        """In a shared folder, refuse to overwrite files rolebook did not write (`wrote(name)` says)."""
        if not self.shared:
            return
        foreign = sorted(name for name in set(names) if os.path.lexists(self.path / name) and not wrote(name))
        if foreign:
            shown = ", ".join(foreign[:5]) + (f" and {len(foreign) - 5} more" if len(foreign) > 5 else "")
            raise OutputError(_("{path} holds files rolebook did not write that this build would replace "
                                "({shown}); move them, or build into another folder. Nothing was written").format(
                                  path=self.path,
                                  shown=shown))

    def start_staging(self) -> Path:
        try:
            self.staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=self.path))
        except OSError as exc:
            raise os_error(exc, self.path) from None
        return self.staging

    def safe_parent(self, name: str) -> Path:
        """The folder for `name` (relative, rolebook's own layout), made if missing; never a link."""
        parts = Path(name).parts
        if Path(name).is_absolute() or ".." in parts or not parts:
            raise UsageError(_("refusing to write {name}: not a path inside {path}").format(
                                 name=name,
                                 path=self.path))
        folder = self.path
        for part in parts[:-1]:
            folder = folder / part
            if folder.is_symlink():
                raise OutputError(_("{folder} is a link; rolebook does not write through links in its "
                                    "output folder (remove it)").format(folder=folder))
            try:
                folder.mkdir(exist_ok=True)
            except FileExistsError:
                raise OutputError(_("{folder} exists and is not a folder").format(folder=folder)) from None
            except OSError as exc:
                raise os_error(exc, folder) from None
        return folder

    def publish(self, staged: dict[str, Path]) -> None:
        """Rename staged files into place (each rename is atomic)."""
        for name in sorted(staged):
            folder = self.safe_parent(name)
            try:
                os.replace(staged[name], folder / Path(name).name)
            except OSError as exc:
                raise os_error(exc, self.path / name) from None

    def write(self, name: str, data: bytes) -> Path:
        """Write one file atomically (through a temporary file and a rename)."""
        target = self.safe_parent(name) / Path(name).name
        write_atomically(target, data)
        return target

    def remove(self, name: str) -> None:
        """Delete a document rolebook wrote (a name checked against the layout by the caller)."""
        target = self.safe_parent(name) / Path(name).name
        try:
            if target.is_symlink() or target.is_file():
                target.unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise os_error(exc, target) from None


def write_atomically(path: Path, data: bytes, mode: int = 0o644) -> None:
    """Write through a temporary file in the same folder, so a reader never sees half a file.
    The folder must exist: rolebook does not make folders the user did not ask for."""
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.rolebook-", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise os_error(exc, path) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise os_error(exc, path) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
