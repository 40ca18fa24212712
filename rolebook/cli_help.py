"""`--help` in the language rolebook speaks (messages.py): every help text of the command tree is a message
of the catalogue (tools/messages.py extracts them from the tree itself, so a docstring needs no marker),
translated when a command starts. A Chinese page is wrapped by display width, as a terminal shows it: a
Chinese character takes two columns and a line may break between any two of them (click counts one column
per character and breaks only at spaces, which printed Chinese lines twice as long as the page).
"""

from __future__ import annotations

import inspect
import re
import unicodedata
from typing import Iterator

import click

from rolebook import messages
from rolebook.messages import N_, _

# click's own words of a help page. click looks them up in the process's gettext domain, which follows the
# environment; rolebook's language follows the project, so its formatter translates them itself.
CLICK_WORDS = (N_("Usage:"), N_("Options"), N_("Commands"), N_("Show this message and exit."),
               N_("Show the version and exit."), N_("default"), N_("required"))

# click's error messages rolebook translates (the ones a misused command meets); click calls gettext for them
# where it raises them, so `translate` hands click's modules rolebook's lookup (untranslated ones stay English).
CLICK_MESSAGES = (N_("Error: {message}"), N_("Try '{command} {option}' for help."), N_("Missing argument"),
                  N_("Missing option"), N_("Missing parameter"), N_("No such option: {name}"),
                  N_("No such option {name!r}."), N_("No such command {name!r}."), N_("Missing command."),
                  N_("Invalid value for {param_hint}: {message}"), N_("Invalid value: {message}"),
                  N_("Got unexpected extra argument ({args})"), N_("Got unexpected extra arguments ({args})"),
                  N_("Option {name!r} requires an argument."), N_("Option {name!r} does not take a value."),
                  N_("{value!r} is not {choice}."), N_("{value!r} is not one of {choices}."),
                  N_("Did you mean {possibility}?"), N_("(Did you mean one of: {possibilities}?)"),
                  N_("{value!r} is not a valid {number_type}."), N_("{value} is not in the range {range}."),
                  N_("{name} {filename!r} does not exist."), N_("file"), N_("directory"), N_("path"))


# A token of a line: a wide character or a run of anything else, with the closing punctuation after it that
# may not start a line, the opening punctuation before it that may not end one, and its spaces.
_WIDE = (r"\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f"
         r"\uff00-\uff60\uffe0-\uffe6")
_OPEN, _CLOSE = "（「『《〈【“‘", "，。、；：！？）」』》〉】”’"
_TOKEN = re.compile(rf"[{_OPEN}]*(?:[{_WIDE}]|[^{_WIDE}\s]+)[{_CLOSE}]*\s*|\s+")


def help_texts(group: click.Group) -> Iterator[str]:
    """Every text a help page of the tree shows: each command's help and each option's."""
    for command in [group, *(group.commands[name] for name in sorted(group.commands))]:
        if command.help:
            yield inspect.cleandoc(command.help)
        for param in command.params:
            if getattr(param, "help", None):
                yield param.help


def translate(group: click.Group) -> None:
    """Give the tree's help texts and click's error messages in the language in use (nothing to do in
    English)."""
    if messages.language() == "en":
        return
    _translate_click()
    for command in [group, *group.commands.values()]:
        command.context_class = _Context
        if command.help:
            command.help = _(inspect.cleandoc(command.help))
            # the command list shows the first sentence, whole (click cuts it at 45 characters)
            command.short_help = re.split(r"(?<=。)", command.help.split("\n\n")[0], maxsplit=1)[0]
        for param in command.params:
            if getattr(param, "help", None):
                param.help = _(param.help)


def width(text: str) -> int:
    """Columns a terminal gives `text`: two for a wide (CJK) character."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrap(text: str, columns: int, first: str = "", rest: str = "") -> list[str]:
    """`text` in lines of at most `columns` columns (a token wider than a line goes alone)."""
    lines, line = [], first
    for token in _TOKEN.findall(" ".join(text.split()) if not re.search(f"[{_WIDE}]", text) else _joined(text)):
        if width(line.rstrip()) + width(token.rstrip()) > columns and line.strip():
            lines.append(line.rstrip())
            line = rest + token.lstrip()
        else:
            line += token
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _joined(text: str) -> str:
    """A paragraph's lines as one: no space where a line break fell between two Chinese characters."""
    return re.sub(rf"(?<=[{_WIDE}])\s*\n\s*(?=[{_WIDE}])", "", text).replace("\n", " ")


class _Formatter(click.HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix if prefix is not None else _colon(_("Usage:")))

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{_colon(_(heading) + ':').rstrip()}\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        paragraphs = [wrap(p, self.width, indent, indent) for p in text.split("\n\n") if p.strip()]
        self.write("\n\n".join("\n".join(lines) for lines in paragraphs) + "\n")

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = [(first, _extras(_(second))) for first, second in rows]
        first_column = min(max((width(first) for first, _second in rows), default=0), col_max) + col_spacing
        indent = " " * self.current_indent
        for first, second in rows:
            lines = wrap(second, max(self.width - first_column - self.current_indent, 10)) or [""]
            if width(first) <= first_column - col_spacing:
                self.write(f"{indent}{first}{' ' * (first_column - width(first))}{lines[0]}".rstrip() + "\n")
            else:
                self.write(f"{indent}{first}\n{indent}{' ' * first_column}{lines[0]}\n")
            for line in lines[1:]:
                self.write(f"{indent}{' ' * first_column}{line}\n")


def _colon(text: str) -> str:
    """'Usage: ', or '用法：' (a full-width colon has its space in it)."""
    text = text.rstrip(":：")
    return f"{text}：" if re.search(f"[{_WIDE}]", text) else f"{text}: "


def _extras(text: str) -> str:
    """click's [default: …] and [required] after an option's help, in the language in use."""
    return text.replace("[default: ", f"[{_colon(_('default'))}").replace("[required]", f"[{_('required')}]")


class _Context(click.Context):
    formatter_class = _Formatter


def _translate_click() -> None:
    """click's modules look their messages up with gettext as they raise them: give them rolebook's
    catalogue ("Error: Missing argument 'ROLE_ID'." was English under a Chinese usage line)."""
    import click.core
    import click.exceptions
    import click.parser
    import click.types

    def plural(singular: str, many: str, count: int) -> str:  # Chinese has one form: each is its own entry
        return _(singular if count == 1 else many)

    for module in (click.core, click.exceptions, click.parser, click.types):
        module._ = _
        if hasattr(module, "ngettext"):
            module.ngettext = plural
