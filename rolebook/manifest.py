"""What a build was made from: hashes of its inputs, so a rebuild skips what has not changed.

`build/.rolebook-manifest.json` records a digest of every input file (specs,
library, settings, policies, templates, logo, rolebook itself, the git
revision the handbook shows) and, per output, a key of exactly what that
document depends on. A rebuild whose input digest is unchanged does nothing,
without even loading the project; otherwise only the documents whose key
changed are rendered: editing one role rebuilds its documents and the
handbook.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import yaml

import rolebook
from rolebook import gitinfo

MANIFEST = ".rolebook-manifest.json"
FORMAT = 1
INPUT_FOLDERS = ("role_specs", "library", "policies", "templates")


def _hash(*parts: bytes | str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def _files_digest(files: Iterable[Path], base: Path) -> str:
    parts: list[bytes | str] = []
    for path in sorted(files):
        parts += [path.relative_to(base).as_posix(), path.read_bytes()]
    return _hash(*parts)


_PACKAGE_DIGEST: str | None = None


def package_digest() -> str:
    """rolebook's own code, templates and reference document: a new rolebook rebuilds everything."""
    global _PACKAGE_DIGEST
    if _PACKAGE_DIGEST is None:
        base = Path(rolebook.__file__).parent
        files = [p for p in base.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
        _PACKAGE_DIGEST = _hash(rolebook.__version__, _files_digest(files, base))
    return _PACKAGE_DIGEST


def _logo(root: Path) -> Path | None:
    try:
        settings = yaml.safe_load((root / "rolebook.yaml").read_text(encoding="utf-8")) or {}
        logo = settings.get("branding", {}).get("logo")
    except (OSError, yaml.YAMLError, AttributeError, UnicodeDecodeError):
        return None
    return root / logo if isinstance(logo, str) and (root / logo).is_file() else None


def project_files(root: Path) -> list[Path]:
    files = [root / "rolebook.yaml"] if (root / "rolebook.yaml").is_file() else []
    for folder in INPUT_FOLDERS:
        if (root / folder).is_dir():
            files += [p for p in (root / folder).rglob("*") if p.is_file()]
    logo = _logo(root)
    return files + ([logo] if logo and logo not in files else [])


def git_state(root: Path) -> str:
    """What the handbook shows of git: the revision and the history of the specs."""
    revision = gitinfo.revision(root)
    history = gitinfo.history(root)
    return json.dumps([str(revision.date), revision.commit, revision.modified,
                       [(c.date, c.commit, c.subject) for c in history]], ensure_ascii=False)


def input_digest(root: Path, options: Iterable[str]) -> str:
    """One digest of everything a build reads, and of how it was asked for."""
    return _hash(package_digest(), _files_digest(project_files(root), root), git_state(root), *options)


def common_key(root: Path) -> str:
    """What every document depends on: rolebook, settings, templates, logo."""
    files = [p for p in project_files(root) if p.parent.name not in ("role_specs", "library", "policies")]
    return _hash(package_digest(), _files_digest(files, root))


def document_key(*parts: str) -> str:
    return _hash(*parts)


@dataclass
class Manifest:
    path: Path
    inputs: str = ""
    outputs: dict[str, dict] = field(default_factory=dict)  # relative path → {"key": …, "role": …}

    @classmethod
    def load(cls, out: Path) -> Manifest:
        path = out / MANIFEST
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                raise ValueError("another format")
            return cls(path, data.get("inputs", ""), dict(data.get("outputs", {})))
        except (OSError, ValueError, AttributeError):
            return cls(path)

    def up_to_date(self, digest: str) -> bool:
        """Nothing changed since the last build, and every file it wrote is still there."""
        out = self.path.parent
        return bool(self.outputs) and self.inputs == digest and all(
            (out / name).is_file() for name in self.outputs)

    def fresh(self, names: list[str], key: str) -> bool:
        out = self.path.parent
        return all(self.outputs.get(name, {}).get("key") == key and (out / name).is_file() for name in names)

    def to_bytes(self) -> bytes:
        data = {"format": FORMAT, "rolebook": rolebook.__version__, "inputs": self.inputs,
                "outputs": dict(sorted(self.outputs.items()))}
        return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
