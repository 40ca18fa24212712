"""What a build was made from: hashes of its inputs, so a rebuild skips what has not changed.

`build/.rolebook-manifest.json` records a digest of every input (specs,
library, settings, the policies and logo the settings name, the templates a
build uses, rolebook itself, the git revision the handbook shows) and, per
output, a key of exactly what that document depends on, with the kind and
role it is. A rebuild whose input digest is unchanged does nothing, without
even loading the project; otherwise only the documents whose key changed are
rendered.

The manifest is data from disk, not trusted: it is read against a strict
schema, and an entry is kept only when its name is exactly the name rolebook
gives a document of its kind and role. Anything else is a warning and a full
rebuild, never a file touched outside the output folder.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Iterable, Iterator

import rolebook
from rolebook.cache import digest as _hash  # one way of hashing parts, the cache's and the manifest's
from rolebook import digests
from rolebook.outputs import is_document_name
from rolebook.spec.loader import Mapping, Sequence, load_file

MANIFEST = ".rolebook-manifest.json"
# 3: each output also records `source`, the key of its inputs alone; 4: that key without rolebook's own
# digest. Formats 2 and 3 are read too, their sources as unknown (build.stale_outputs judges none of them).
FORMAT = 4
MAX_MANIFEST_BYTES = 256 * 1024 * 1024
DATA_FOLDERS = ("role_specs", "library")
ROOT_TEMPLATES = {"jd": ["jd.md.j2"], "form": ["form.md.j2"], "posting": ["posting.md.j2"],
                  "handbook": ["handbook.md.j2"]}
_HEX = re.compile(r"^[0-9a-f]{64}$")
_KEYS = re.compile(r"[0-9a-f]{64}(?:[0-9a-f]{64})?\Z")  # an output's key, and its source when it has one
_FIELDS, _FIELDS_2 = {"key", "kind", "role", "source"}, {"key", "kind", "role"}  # format 2 had no source


@dataclass(frozen=True)
class Listed:
    """A file found by walking a folder: what its directory entry already told (no stat asked again)."""

    name: str
    link: bool
    stat: os.stat_result


def _inside(real: str, real_root: str) -> bool:
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)


def _file_digest(name: str, real_root: str, memo: digests.FileDigests, real_folders: dict[str, str],
                 listed: Listed | None = None) -> str:
    """A file's content digest (remembered by its stat); a file that leads outside the project (`real_root`,
    resolved) is not read. A folder is resolved once for all its files; a file in a folder inside that is
    no link is inside. Paths as text: at 3,000 files the Path objects' own work was most of a build's
    no-op check."""
    folder, leaf = os.path.split(name)
    if folder not in real_folders:
        real_folders[folder] = os.path.realpath(folder)
    link = listed.link if listed is not None else os.path.islink(name)
    if link or not _inside(real_folders[folder], real_root):
        real = os.path.realpath(name) if link else os.path.join(real_folders[folder], leaf)
        if not _inside(real, real_root):
            return _hash("outside", real)
    found = memo.digest(name, listed.stat if listed is not None else None)
    return found if found is not None else _hash("unreadable", name)


def _files_digest(files: Iterable[Path | Listed], base: Path) -> str:
    parts: list[str] = []
    real_base = os.path.realpath(base)
    memo = digests.for_project(base)
    real_folders: dict[str, str] = {}
    prefix = os.fspath(base).rstrip(os.sep) + os.sep
    by_name = {item.name if isinstance(item, Listed) else os.fspath(item): item for item in files}
    for name in sorted(by_name, key=lambda name: name.split(os.sep)):  # as paths sort: by their parts
        item = by_name[name]
        shown = name[len(prefix):].replace(os.sep, "/") if name.startswith(prefix) else name
        parts += [shown, _file_digest(name, real_base, memo, real_folders, item if isinstance(item, Listed) else None)]
    return _hash("\0".join(parts))  # one string: no name holds a NUL, no digest either


def _walk(folder: str) -> Iterator[Listed]:
    """The files under a folder, as Path.rglob and is_file find them (a link to a file is one; a link to a
    folder is not followed), with the stat their entries give: one stat per file, none per folder."""
    try:
        with os.scandir(folder) as entries:
            found = list(entries)
    except OSError:
        return
    for entry in found:
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from _walk(entry.path)
            elif entry.is_file():
                yield Listed(entry.path, entry.is_symlink(), entry.stat())
        except OSError:
            continue


def package_digest() -> str:
    """rolebook's own code, templates and reference document: a new rolebook rebuilds everything. By its
    files' names, sizes and times (the cache's stamp): reading them all took longer than many a build."""
    from rolebook.cache import package_stamp

    return package_stamp()


def _named_files(root: Path) -> list[Path]:
    """The files rolebook.yaml names (policies, logo), read with the safe loader; inside the project only."""
    settings, _ = load_file(root / "rolebook.yaml", "rolebook.yaml") if (root / "rolebook.yaml").is_file() \
        else (None, [])
    if not isinstance(settings, Mapping):
        return []
    names: list[Any] = []
    handbook, branding = settings.get("handbook"), settings.get("branding")
    if isinstance(handbook, Mapping):
        for key in ("policies", "front", "back"):
            if isinstance(handbook.get(key), Sequence):
                names += handbook[key]
    if isinstance(branding, Mapping):
        names.append(branding.get("logo"))
    files = []
    for name in names:
        if isinstance(name, str) and name and not Path(name).is_absolute() and ".." not in Path(name).parts:
            if (root / name).is_file():
                files.append(root / name)
    return files


def template_files(root: Path, kinds: Iterable[str]) -> list[Path]:
    """The project's templates that documents of these kinds use (not every file under templates/)."""
    from rolebook.render.templating import Templates

    folder = root / "templates"
    if not folder.is_dir():
        return []
    names = [name for kind in kinds for name in ROOT_TEMPLATES.get(kind, [])] + ["page.html.j2"]
    used = Templates(folder).files_used(names)
    if used is None:  # a template names another through a variable: any file may be used
        used = [p for p in folder.rglob("*") if p.is_file()]
    files = [p for p in used if p.is_relative_to(folder)]
    if (folder / "reference.docx").is_file():
        files.append(folder / "reference.docx")
    return files


def project_files(root: Path, kinds: Iterable[str]) -> list[Path | Listed]:
    files: list[Path | Listed] = [root / "rolebook.yaml"] if (root / "rolebook.yaml").is_file() else []
    for folder in DATA_FOLDERS:
        if (root / folder).is_dir():
            files += _walk(os.fspath(root / folder))
    return files + _named_files(root) + template_files(root, kinds)


def git_state(root: Path) -> str:
    """What the handbook shows of git: the revision and the history of the specs."""
    from rolebook.history import gitinfo  # imported by the builds that ask git (GIT_KINDS)

    revision = gitinfo.revision(root)
    history = gitinfo.history(root)
    return json.dumps([str(revision.date), revision.commit, revision.modified,
                       [(c.date, c.commit, c.subject) for c in history]], ensure_ascii=False)


# The documents that show what git knows (build.read_history): only their builds ask git (three processes,
# 15 ms in a small repository, more where `git status` has a large tree to look at).
GIT_KINDS = frozenset({"handbook", "posting"})


def input_digest(root: Path, kinds: Iterable[str], options: Iterable[str]) -> str:
    """One digest of everything a build reads, and of how it was asked for."""
    kinds = tuple(kinds)
    git = git_state(root) if GIT_KINDS.intersection(kinds) else ""
    return _hash(package_digest(), _files_digest(project_files(root, kinds), root), git, *options)


def common_key(root: Path, kinds: Iterable[str]) -> str:
    """What every document depends on of the project: settings, templates, logo. Not rolebook itself: a
    document an older rolebook made still says what its role says (a build of one role removed every other
    document after an upgrade); the render key has it (build.plan), so a full build makes them anew."""
    files = [root / "rolebook.yaml"] if (root / "rolebook.yaml").is_file() else []
    files += [p for p in _named_files(root) if p.suffix.lower() != ".md"] + template_files(root, kinds)
    return _hash(_files_digest(files, root))


def document_key(*parts: str) -> str:
    return _hash(*parts)


class ManifestError(ValueError):
    pass


def _checked(data: Any) -> tuple[str, dict[str, dict]]:
    """(inputs digest, outputs) of a manifest, or ManifestError saying what is wrong with it."""
    if not isinstance(data, dict) or set(data) != {"format", "rolebook", "inputs", "outputs"}:
        raise ManifestError("not a manifest")
    if data["format"] not in (2, 3, FORMAT):
        raise ManifestError(f"format {data['format']!r}, expected {FORMAT}")
    inputs, outputs = data["inputs"], data["outputs"]
    if not isinstance(data["rolebook"], str) or not isinstance(inputs, str) or not (
            inputs == "" or _HEX.match(inputs)):
        raise ManifestError("bad inputs digest")
    if not isinstance(outputs, dict):
        raise ManifestError("outputs is not a mapping")
    checked: dict[str, dict] = {}
    owners: dict = {}
    current = data["format"] == FORMAT
    for name, entry in outputs.items():
        # `source` came with format 3; an entry without it (or of format 3) is not judged stale by it
        if not isinstance(entry, dict) or not (entry.keys() == _FIELDS or entry.keys() == _FIELDS_2):
            raise ManifestError(f"entry {name!r} is not an output record")
        key, kind, role, source = entry["key"], entry["kind"], entry["role"], entry.get("source", "")
        if not isinstance(key, str) or not isinstance(kind, str) or not (role is None or isinstance(role, str)) \
                or not isinstance(source, str) or len(key) != 64 or not _KEYS.match(key + source):
            raise ManifestError(f"entry {name!r} is not an output record")
        if not is_document_name(name, kind, role, owners):
            raise ManifestError(f"entry {name!r} is not a name rolebook gives a {kind} document")
        checked[name] = {"key": key, "kind": kind, "role": role, "source": source if current else ""}
    return inputs, checked


@dataclass
class Manifest:
    path: Path
    inputs: str = ""
    outputs: dict[str, dict] = field(default_factory=dict)  # relative path → {"key", "kind", "role", "source"}
    warning: str | None = None  # why a manifest on disk was not used

    # What this process last wrote or read, by the digest of the file's bytes: a preview builds again and
    # again, and parsing and checking the record of 9,000 documents took longer than an edit's pages.
    _known: ClassVar[dict[Path, tuple[str, str, dict]]] = {}

    @classmethod
    def load(cls, out: Path) -> Manifest:
        path = out / MANIFEST
        try:
            descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
        except FileNotFoundError:
            return cls(path)
        except OSError as exc:
            return cls(path, warning=f"{path} cannot be read ({exc.strerror}); everything is rebuilt")
        try:
            with os.fdopen(descriptor, "rb") as stream:
                raw = stream.read(MAX_MANIFEST_BYTES + 1)
            if len(raw) > MAX_MANIFEST_BYTES:
                raise ManifestError("too large")
            known = cls._known.get(path)
            if known is not None and known[0] == _hash(raw):
                return cls(path, known[1], dict(known[2]))  # the build changes its copy
            inputs, outputs = _checked(json.loads(raw.decode("utf-8")))
            cls._known[path] = (_hash(raw), inputs, dict(outputs))
        except (OSError, ValueError, RecursionError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) else str(exc)[:200]
            return cls(path, warning=f"{path} is not a manifest rolebook wrote ({reason}); everything is rebuilt")
        return cls(path, inputs, outputs)

    def up_to_date(self, digest: str) -> bool:
        """Nothing changed since the last build, and every file it wrote is still there."""
        out = self.path.parent
        return bool(self.outputs) and self.inputs == digest and all(
            (out / name).is_file() for name in self.outputs)

    def wrote(self, name: str) -> bool:
        """The file is one a build recorded here wrote (the index comes with every build)."""
        return name in self.outputs or (name == "index.html" and bool(self.outputs))

    def fresh(self, names: list[str], key: str) -> bool:
        out = self.path.parent
        return all(self.outputs.get(name, {}).get("key") == key and (out / name).is_file() for name in names)

    def to_bytes(self) -> bytes:
        """The manifest as written (compact: json's C encoder, ten times faster than its indenting one on the
        record of thousands of documents), remembered as this process's last word on it."""
        data = {"format": FORMAT, "rolebook": rolebook.__version__, "inputs": self.inputs,
                "outputs": dict(sorted(self.outputs.items()))}
        raw = (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
        Manifest._known[self.path] = (_hash(raw), self.inputs, dict(self.outputs))
        return raw
