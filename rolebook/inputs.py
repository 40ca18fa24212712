"""The project's input files, read safely.

Every input must resolve inside the project: a symbolic link that leads out of
it is an `outside-project` error naming both paths, and nothing is read through
it. Policies and the logo are bounded in size and checked as what they claim
to be (UTF-8 Markdown; a PNG, JPEG or GIF image), each problem at its place.
"""

from __future__ import annotations

from pathlib import Path

from rolebook.errors import Problem, Source
from rolebook.nesting import nesting_message, too_deep
from rolebook.paths import SETTINGS_FILE
from rolebook.sanitize import CONTROL, normalise_newlines
from rolebook.spec.loader import MAX_CONTROL_PROBLEMS, Mapping, control_problem, decode, line_column, load_file
from rolebook.messages import _

MAX_MARKDOWN_BYTES = 2 * 1024 * 1024  # a policy chapter; the longest real ones are a few dozen KB
MAX_IMAGE_BYTES = 2 * 1024 * 1024
IMAGE_SIGNATURES = {b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpeg", b"GIF87a": "gif", b"GIF89a": "gif"}


def leads_outside(path: Path, root: Path) -> Path | None:
    """Where `path` really is, when following its links leaves the project; else None."""
    real = path.resolve()
    return None if real.is_relative_to(root.resolve()) else real


def outside_problem(path: Path, root: Path, where: Source, what: str) -> Problem | None:
    real = leads_outside(path, root)
    if real is None:
        return None
    shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    return Problem.at(where, "outside-project", _("{what} {shown} is a link to {real}, outside the "
                                                  "project; rolebook reads nothing outside it").format(
                                                    what=_(what),
                                                    shown=shown,
                                                    real=real))


def names_languages(root: Path) -> bool:
    """Whether rolebook.yaml may ask for several languages (`languages:` or `bilingual:`). A project that
    does not builds one folder, known without checking its settings against the spec model."""
    path = root / SETTINGS_FILE
    if not path.is_file() or leads_outside(path, root):
        return False
    tree, _problems = load_file(path, SETTINGS_FILE)
    return isinstance(tree, Mapping) and ("languages" in tree or "bilingual" in tree)


def read_markdown(path: Path, display: str) -> tuple[str | None, list[Problem]]:
    """A Markdown file as text: BOM dropped, CRs as line breaks; not UTF-8, too large or holding control
    characters is a problem at its line and column."""
    start = Source(display, 1, 1)
    try:
        size = path.stat().st_size
        if size > MAX_MARKDOWN_BYTES:
            return None, [Problem.at(start, "bad-file", _("the file is {size:,} bytes; the limit is "
                                                          "{max_markdown_bytes:,}").format(
                                                            size=size,
                                                            max_markdown_bytes=MAX_MARKDOWN_BYTES))]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem.at(start, "bad-file", _("cannot read the file: {strerror}").format(
                                                        strerror=exc.strerror))]
    text, problem = decode(raw, display, "bad-file")
    if problem:
        return None, [problem]
    text = normalise_newlines(text)
    problems = [control_problem(Source(display, *line_column(text, m.start())), m.group())
                for m, _ in zip(CONTROL.finditer(text), range(MAX_CONTROL_PROBLEMS))]
    deep = too_deep(text)
    if deep is not None:
        problems.append(Problem.at(Source(display, deep + 1, 1), "markdown-nesting", nesting_message()))
    return (None if problems else text), problems


def image_problem(data: bytes, name: str) -> str | None:
    """Why `data` cannot be a logo in both Word and HTML, or None."""
    if len(data) > MAX_IMAGE_BYTES:
        return f"logo '{name}' is {len(data):,} bytes; the limit is {MAX_IMAGE_BYTES:,}"
    if not any(data.startswith(signature) for signature in IMAGE_SIGNATURES):
        return f"logo '{name}' is not a PNG, JPEG or GIF image (Word documents cannot show other kinds)"
    try:
        from docx.image.image import Image

        image = Image.from_blob(data)
        if image.px_width <= 0 or image.px_height <= 0:
            raise ValueError("no size")
    except Exception:  # python-docx raises several kinds for a damaged image
        return f"logo '{name}' is a damaged image"
    return None


def image_kind(data: bytes) -> str:
    return next(kind for signature, kind in IMAGE_SIGNATURES.items() if data.startswith(signature))

