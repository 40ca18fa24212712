"""Jinja2 templates that turn roles into Markdown.

Templates are looked up in the project's templates/ first, then in the
packaged defaults (as mkdocs does); `{% extends "!jd.md.j2" %}` reaches the
packaged template that an override replaces (as Sphinx does). User text goes
into Markdown through filters that keep it in its place: `inline` for one
line, `cell` inside a table cell, `block` for paragraphs, `item` inside a list
item.
"""

from __future__ import annotations

import re
from pathlib import Path

import jinja2

from rolebook.errors import RolebookError

PACKAGED = Path(__file__).parent / "templates"


class TemplateError(RolebookError):
    """A template is missing or broken; the message names the template, file and line."""


class _Loader(jinja2.BaseLoader):
    def __init__(self, project_dir: Path | None):
        self.searchpath = ([project_dir] if project_dir and project_dir.is_dir() else []) + [PACKAGED]

    def get_source(self, environment, template):
        if template.startswith("!"):
            folders, name = [PACKAGED], template[1:]
        else:
            folders, name = self.searchpath, template
        for folder in folders:
            path = folder / name
            if path.is_file():
                text = path.read_text(encoding="utf-8")
                mtime = path.stat().st_mtime
                return text, str(path), lambda p=path, m=mtime: p.is_file() and p.stat().st_mtime == m
        searched = ", ".join(str(folder / name) for folder in folders)
        raise jinja2.TemplateNotFound(template, f"template '{template}' not found (searched {searched})")


def number(value) -> str:
    """100 → '100', 12.5 → '12.5', None → ''."""
    if value is None:
        return ""
    return f"{value:g}" if isinstance(value, float) else str(value)


_SPACES = re.compile(r"\s*\n\s*")
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
_CJK_BREAK = re.compile(f"(?<=[{_CJK}])\\s*\\n\\s*(?=[{_CJK}])")


def inline(text) -> str:
    """One line of Markdown: line breaks become a space (none between Chinese characters)."""
    if text is None:
        return ""
    text = _CJK_BREAK.sub("", str(text).strip())
    return _SPACES.sub(" ", text)


def cell(text) -> str:
    """Inline Markdown that stays inside one GFM table cell."""
    return inline(text).replace("|", "\\|")


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def block(text, indent: int = 0) -> str:
    """Block Markdown, indented to continue a list item. It cannot open or close a directive, and a
    code fence it leaves open is closed, so that one field cannot swallow the rest of the document."""
    if text is None:
        return ""
    lines = str(text).strip("\n").splitlines()
    lines = ["\\" + line if line.lstrip().startswith(":::") else line.rstrip() for line in lines]
    fence = None
    for line in lines:
        match = _FENCE.match(line)
        if match and fence is None:
            fence = match.group(1)
        elif match and fence and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence) \
                and not line.strip()[len(match.group(1)):].strip():
            fence = None
    if fence:
        lines.append(fence)
    pad = " " * indent
    return "\n".join(pad + line if line else "" for line in lines).lstrip(" ")


def item(text) -> str:
    """The text of a `- ` list item: block Markdown continued under the marker."""
    return block(text, indent=2)


class Templates:
    def __init__(self, project_templates: Path | None):
        self.env = jinja2.Environment(
            loader=_Loader(project_templates),
            undefined=jinja2.StrictUndefined,
            autoescape=False,  # the output is Markdown; writers escape text for their format
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters.update(inline=inline, cell=cell, block=block, item=item, number=number)
        # Page layouts are HTML: there every value is escaped unless marked safe.
        self.html_env = jinja2.Environment(loader=self.env.loader, undefined=jinja2.StrictUndefined,
                                           autoescape=True, trim_blocks=True, lstrip_blocks=True)

    def render(self, name: str, **context) -> str:
        return self._render(self.env, name, context)

    def render_html(self, name: str, **context) -> str:
        return self._render(self.html_env, name, context)

    def _render(self, env: jinja2.Environment, name: str, context: dict) -> str:
        try:
            return env.get_template(name).render(**context)
        except jinja2.TemplateNotFound as exc:
            where = _template_frame(exc.__traceback__)  # the include or extends that asked for it
            message = exc.message or f"template '{name}' not found"
            raise TemplateError(f"{where}: {message}" if where else message) from None
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(f"{exc.filename or exc.name}:{exc.lineno}: template syntax error: "
                                f"{exc.message}") from None
        except Exception as exc:  # an error while the template runs: find its line
            where = _template_frame(exc.__traceback__) or name
            raise TemplateError(f"{where}: error in template '{name}': {exc}") from None


def _template_frame(traceback) -> str | None:
    found = None
    while traceback is not None:
        filename = traceback.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            found = f"{filename}:{traceback.tb_lineno}"
        traceback = traceback.tb_next
    return found


