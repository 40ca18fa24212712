"""Jinja2 templates that turn roles into Markdown.

Templates are looked up in the project's templates/ first, then in the
packaged defaults (as mkdocs does); `{% extends "!jd.md.j2" %}` reaches the
packaged template that an override replaces (as Sphinx does). User text goes
into Markdown through filters that keep it in its place: `inline` for one
line, `cell` inside a table cell, `block` for paragraphs, `item` inside a list
item. None of them lets user text open or close a directive.

Templates are code: a project's templates run in Jinja's immutable sandbox (no
attribute starting with `_`, no mutation of the values they are given, no huge
repetitions), and the loader reads only files inside the template folders.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import re
from pathlib import Path

import jinja2
from jinja2 import meta
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from rolebook.errors import RolebookError
from rolebook.render.markdown import MERGE_MARK, field
from rolebook.sanitize import normalise_newlines

PACKAGED = Path(__file__).parent / "templates"
# Included by page.html.j2 as templates: Jinja compiled the 9 KB stylesheet anew in every HTML render.
PAGE_INCLUDES = ("style.css", "form.js")
# The packaged templates compiled to Python by tools/compile_templates.py, as the modules of
# rolebook/render/compiled/: Jinja's compiler took 60 ms of a one-role build, and compiling its output from
# text another 15 ms; as modules, their bytecode is cached as any module's is. Used only for the very
# template source and environment they were made from.
COMPILED = Path(__file__).parent / "compiled"
MAX_TEMPLATE_BYTES = 1024 * 1024
MAX_REPEAT = 100_000  # the longest string or list a template may make with `*`


class TemplateError(RolebookError):
    """A template is missing or broken; the message names the template, file and line."""


class _Loader(jinja2.BaseLoader):
    """The project's templates/ first, then the packaged ones; nothing outside those folders."""

    def __init__(self, project_dir: Path | None):
        self.searchpath = ([project_dir] if project_dir and project_dir.is_dir() else []) + [PACKAGED]
        self.outside: str | None = None  # why the project's template folder may not be used
        if project_dir and project_dir.is_dir():
            real, root = project_dir.resolve(), project_dir.parent.resolve()
            if not real.is_relative_to(root):
                self.outside = f"{project_dir} is a link to {real}, outside the project"

    def locate(self, template: str) -> Path | None:
        """The file a template name stands for, or None when there is none; TemplateNotFound with the
        reason for a name that would leave the template folders."""
        if template.startswith("!"):
            folders, name = [PACKAGED], template[1:]
        else:
            folders, name = self.searchpath, template
        pieces = _pieces(template, name)
        if self.outside and folders is self.searchpath:
            raise jinja2.TemplateNotFound(template, self.outside)
        for folder in folders:
            path = folder.joinpath(*pieces)
            if not path.is_file():
                continue
            real, home = path.resolve(), folder.resolve()
            if not real.is_relative_to(home):
                raise jinja2.TemplateNotFound(template, f"template '{template}' is a link to {real}, outside "
                                                        f"the template folder {folder}")
            if path.stat().st_size > MAX_TEMPLATE_BYTES:
                raise jinja2.TemplateNotFound(template, f"template '{template}' is larger than "
                                                        f"{MAX_TEMPLATE_BYTES:,} bytes")
            return path
        return None

    def load(self, environment, name, globals=None):
        """As Jinja's loader does, but a packaged template's code comes precompiled when it is current."""
        source, filename, uptodate = self.get_source(environment, name)
        globals = globals if globals is not None else {}
        make = _precompiled(environment, name, source) if Path(filename).parent == PACKAGED else None
        if make is None:
            code = environment.compile(source, name, filename)
            return environment.template_class.from_code(environment, code, globals, uptodate)
        namespace = make(environment)  # Jinja's module code, run for this environment (its functions bind it)
        namespace["__file__"] = filename
        template = environment.template_class.from_module_dict(environment, namespace, globals)
        template._uptodate = uptodate  # as from_code sets it: the environment's cache asks it
        # Where Jinja looks, from a frame of this code, for the template whose line an error is on. Every
        # template made from this module has the same source and line map.
        make.__globals__["__jinja_template__"] = template
        return template

    def get_source(self, environment, template):
        path = self.locate(template)
        if path is None:
            folders = [PACKAGED] if template.startswith("!") else self.searchpath
            searched = ", ".join(str(folder / template.lstrip("!")) for folder in folders)
            raise jinja2.TemplateNotFound(template, f"template '{template}' not found (searched {searched})")
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise jinja2.TemplateNotFound(template, f"template '{template}' ({path}) is not UTF-8 text") from None
        mtime = path.stat().st_mtime
        return normalise_newlines(text), str(path), lambda p=path, m=mtime: p.is_file() and p.stat().st_mtime == m


def fingerprint(environment: jinja2.Environment) -> str:
    """What Jinja's generated code depends on besides the template: its version and the environment's
    syntax and code generation settings."""
    settings = [jinja2.__version__, type(environment).__name__, sorted(getattr(environment, "intercepted_binops", ())),
                sorted(getattr(environment, "intercepted_unops", ())), environment.autoescape is True,
                environment.trim_blocks, environment.lstrip_blocks, environment.keep_trailing_newline,
                environment.newline_sequence, environment.optimized, environment.block_start_string,
                environment.block_end_string, environment.variable_start_string, environment.variable_end_string,
                environment.comment_start_string, environment.comment_end_string, environment.line_statement_prefix,
                environment.line_comment_prefix, sorted(environment.extensions)]
    return hashlib.sha256(json.dumps(settings).encode()).hexdigest()


def _precompiled(environment: jinja2.Environment, name: str, source: str):
    """The function that runs a packaged template's code as tools/compile_templates.py made it, when it was
    made from this very source, by this Jinja, for an environment set up as this one; else None (compile)."""
    from rolebook.render import compiled  # its index, imported once like any module

    entry = compiled.INDEX.get(fingerprint(environment), {}).get(name)
    if not entry or entry[1] != hashlib.sha256(source.encode()).hexdigest():
        return None
    return importlib.import_module(f"rolebook.render.compiled.{entry[0]}").load


def packaged_templates() -> list[Path]:
    """The packaged templates: the .j2 files and the files page.html.j2 includes."""
    return sorted([*PACKAGED.glob("*.j2"), *(PACKAGED / name for name in PAGE_INCLUDES)])


def packaged_references(name: str, source: str) -> list[str | None] | None:
    """The templates a packaged template names (None for one named through a variable), as
    tools/compile_templates.py found them in this very source; None when it did not. Parsing the packaged
    templates for them took 60 ms of every build of a project with a templates/ folder (every `init`ed one)."""
    from rolebook.render import compiled

    entry = compiled.REFERENCES.get(name)
    if entry is None or entry[0] != hashlib.sha256(source.encode()).hexdigest():
        return None
    return entry[1]


def _packaged_sources() -> list[tuple[Path, str, str]]:
    """(path, source as the loader reads it, its sha256) of every packaged template."""
    found = []
    for path in packaged_templates():
        source = normalise_newlines(path.read_text(encoding="utf-8-sig"))
        found.append((path, source, hashlib.sha256(source.encode()).hexdigest()))
    return found


def referenced_templates() -> dict[str, tuple[str, list[str | None]]]:
    """Every packaged template's sha256 and the templates it names (tools/compile_templates.py)."""
    env = Templates(None).env
    return {path.name: (sha256, list(meta.find_referenced_templates(env.parse(source, path.name, str(path)))))
            for path, source, sha256 in _packaged_sources()}


def compiled_templates() -> dict:
    """Every packaged template compiled for the environment that renders it: {fingerprint: {name: {sha256,
    code}}} (tools/compile_templates.py)."""
    templates = Templates(None)
    store: dict[str, dict] = {}
    for path, source, sha256 in _packaged_sources():
        html = path.name.endswith(".html.j2") or path.name in PAGE_INCLUDES
        environment = templates.html_env if html else templates.env
        store.setdefault(fingerprint(environment), {})[path.name] = {
            "sha256": sha256,
            "code": environment.compile(source, path.name, str(path), raw=True)}
    return store


def module_name(fingerprint_: str, name: str) -> str:
    return "t_" + hashlib.sha256(f"{fingerprint_}\0{name}".encode()).hexdigest()[:16]


def module_text(code: str) -> str:
    """Jinja's module code of a template as a module of rolebook/render/compiled/: its top level indented
    into `load(environment)`, which returns the namespace Jinja makes a template of (Jinja's module code
    binds the environment as it runs: a function runs it once per environment). Its lines move one down,
    and the map from template lines to code lines with them."""
    import io
    import tokenize

    for token in tokenize.generate_tokens(io.StringIO(code).readline):
        if token.type == tokenize.STRING and token.start[0] != token.end[0]:
            raise ValueError(f"a string across lines at line {token.start[0]}: indenting would change it")
    lines = []
    for line in code.splitlines():
        found = re.fullmatch(r"debug_info = '([0-9=&]*)'", line)
        if found:
            pairs = [pair.split("=") for pair in found.group(1).split("&") if pair]
            line = "debug_info = " + repr("&".join(f"{t}={int(p) + 1}" for t, p in pairs))
        lines.append(f"    {line}" if line else "")
    return "def load(environment):\n" + "\n".join(lines) + "\n    return locals()\n"


def _folder_state(folder: Path) -> tuple:
    """Every file under a folder with its size and time of change (empty for no folder)."""
    found = []
    for where, folders, names in os.walk(folder):
        folders.sort()
        for name in sorted(names):
            try:
                stat = os.stat(os.path.join(where, name))
            except OSError:
                continue
            found.append((os.path.join(where, name), stat.st_size, stat.st_mtime_ns, stat.st_ino))
    return tuple(found)


def _pieces(template: str, name: str) -> list[str]:
    """The folder steps of a template name; absolute names and `..` are refused."""
    pieces = name.replace("\\", "/").split("/")
    if not name or name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name) or ".." in pieces \
            or any(piece in ("", ".") for piece in pieces):
        raise jinja2.TemplateNotFound(template, f"template name '{template}' is not a plain name inside the "
                                                "templates folder (absolute paths and '..' are refused)")
    return pieces


class _Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, with repetitions (`"x" * n`, `2 ** n`) bounded."""

    intercepted_binops = frozenset({"*", "**"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._safe: dict[tuple[type, str], bool] = {}

    def is_safe_attribute(self, obj, attr, value) -> bool:
        """Jinja's answer, remembered per type and attribute: every check it makes depends on those
        alone, and templates ask the same few hundred thousand times in a large document."""
        key = (type(obj), attr)
        safe = self._safe.get(key)
        if safe is None:
            safe = self._safe[key] = super().is_safe_attribute(obj, attr, value)
        return safe

    def call_binop(self, context, operator, left, right):
        if operator == "**" and isinstance(right, (int, float)) and abs(right) > 100:
            raise SecurityError("exponent too large in a template")
        if operator == "*":
            for sequence, count in ((left, right), (right, left)):
                if isinstance(sequence, (str, list, tuple)) and isinstance(count, int) \
                        and len(sequence) * count > MAX_REPEAT:
                    raise SecurityError(f"a template made a value longer than {MAX_REPEAT:,}")
        return super().call_binop(context, operator, left, right)


def number(value) -> str:
    """100 → '100', 12.5 → '12.5', None → ''."""
    if value is None:
        return ""
    return f"{value:g}" if isinstance(value, float) else str(value)


_CJK_RANGES = ((0x2E80, 0x9FFF), (0xF900, 0xFAFF), (0xFF00, 0xFFEF))


def _cjk(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _CJK_RANGES)


# What turns a line into a block of its own when it stands at a line start: a directive or definition
# (`:`), a heading, a quote, a list item, a thematic break, a setext underline or a code fence.
_BLOCK_START = re.compile(r"^(?::|#{1,6}(?:[ \t]|$)|>|[-+*](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|`{3}|~{3}"
                          r"|(?:\*[ \t]*){3,}$|(?:-[ \t]*){3,}$|(?:_[ \t]*){3,}$|=+[ \t]*$)")


def _as_line(line: str) -> str:
    """One line of user text that stays a line of text wherever a template puts it: a marker that would
    start a block (`::: form`, `# x`, `- x`, `***`, …) is backslash-escaped, so it shows as written."""
    match = _BLOCK_START.match(line)
    if match is None:
        return line
    text = match.group()
    digits = len(text) - len(text.lstrip("0123456789"))
    return line[:digits] + "\\" + line[digits:]


def inline(text) -> str:
    """One line of Markdown: line breaks become a space (none between Chinese characters).

    Linear in the text's length (a regex over runs of whitespace was quadratic in them)."""
    if text is None:
        return ""
    out: list[str] = []
    for line in normalise_newlines(str(text)).split("\n"):
        line = line.strip()
        if not line:
            continue
        if out and not (_cjk(out[-1][-1]) and _cjk(line[0])):
            out.append(" ")
        out.append(line)
    # User text makes no fillable field and no heading anchor of rolebook's.
    return _as_line("".join(out)).replace("{?", "{\\?").replace("{#rolebook-", "{\\#rolebook-")


def cell(text) -> str:
    """Inline Markdown that stays inside one GFM table cell (and a lone `^` in it joins no cell above)."""
    text = inline(text).replace("|", "\\|")
    return "\\^" if text == MERGE_MARK else text


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# `:::` where a directive could start: at a line's start, or after the markers of quotes and list items
# that open containers on the same line ("> ::: form", "- ::: form").
_DIRECTIVE_START = re.compile(r"^((?:[ \t]*(?:>|[-+*](?=[ \t])|\d{1,9}[.)](?=[ \t])))*[ \t]*)(?=:::)")


def block(text, indent: int = 0, after_text: bool = False) -> str:
    """Block Markdown, indented to continue a list item. It cannot open or close a directive, and a
    code fence it leaves open is closed, so that one field cannot swallow the rest of the document.

    `after_text`: the first line continues a line of the template (`**Appeal**: …`), so it is text:
    it cannot open a fence there, and any block marker it starts with stays as written."""
    if text is None:
        return ""
    lines = normalise_newlines(str(text)).strip("\n").split("\n")
    lines = [_DIRECTIVE_START.sub(r"\1\\", line.rstrip()) for line in lines]
    lines = [line.replace("{?", "{\\?").replace("{#rolebook-", "{\\#rolebook-") for line in lines]  # nor fields
    if after_text:
        lines[0] = _as_line(lines[0].lstrip())
    else:  # the first line goes where the template's indentation is: its own leading spaces go (a code
        lines[0] = lines[0].lstrip(" ")  # block's indent would turn "    ```" into a fence left open)
    fence = None
    for line in lines[1:] if after_text else lines:
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


def rest(text, indent: int = 0) -> str:
    """Block Markdown that continues a line of the template (after a label)."""
    return block(text, indent, after_text=True)


class Templates:
    _shared: dict[str, tuple[tuple, "Templates"]] = {}

    @classmethod
    def shared(cls, project_templates: Path) -> "Templates":
        """The templates of a project, compiled once per process while its templates folder is unchanged (a
        preview builds again and again; compiling the built-in templates took longer than rendering a
        role). Any file added, removed or changed there makes them anew: a new file may shadow a built-in."""
        state = _folder_state(project_templates)
        key = str(project_templates)
        found = cls._shared.get(key)
        if found is None or found[0] != state:
            found = cls._shared[key] = (state, cls(project_templates))
        return found[1]

    def __init__(self, project_templates: Path | None):
        self.loader = _Loader(project_templates)
        self.env = _Sandbox(
            loader=self.loader,
            undefined=jinja2.StrictUndefined,
            autoescape=False,  # the output is Markdown; writers escape text for their format
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters.update(inline=inline, cell=cell, block=block, item=item, rest=rest, number=number)
        self.env.globals["field"] = field
        # Page layouts are HTML: there every value is escaped unless marked safe.
        self.html_env = _Sandbox(loader=self.loader, undefined=jinja2.StrictUndefined,
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

    def files_used(self, names: list[str]) -> list[Path] | None:
        """The template files that rendering `names` reads (what they extend, import and include),
        found without running them; None when a template names another through a variable."""
        found: dict[str, Path] = {}
        todo = list(names)
        while todo:
            name = todo.pop()
            if name in found:
                continue
            try:
                path = self.loader.locate(name)
                if path is None:
                    continue  # rendering will say it is missing
                found[name] = path
                source, filename, _ = self.loader.get_source(self.env, name)
                references = packaged_references(name, source) if path.parent == PACKAGED else None
                if references is None:
                    references = list(meta.find_referenced_templates(self.env.parse(source, name, filename)))
            except (jinja2.TemplateError, OSError):
                continue  # rendering will report it, with its line
            for reference in references:
                if reference is None:
                    return None
                todo.append(reference)
        return sorted(set(found.values()))


def _template_frame(traceback) -> str | None:
    found = None
    while traceback is not None:
        filename = traceback.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            found = f"{filename}:{traceback.tb_lineno}"
        traceback = traceback.tb_next
    return found


