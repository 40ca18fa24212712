"""The comparison for people: lines for a terminal and an HTML change report.

The specs' and commits' text is shown as text: escaped control characters on a terminal (only
rolebook's own colours reach it), escaped markup in HTML.
"""

from __future__ import annotations

from typing import Callable

from markupsafe import Markup

from rolebook.history.diff import Diff, _show
from rolebook.history.project_diff import PolicyDiff, ValueChange
from rolebook.history.revisions import said
from rolebook.history.summary import compared_line, invalid_where
from rolebook.messages import N_, _
from rolebook.sanitize import for_terminal

MARKS = {"added": ("+", "green"), "removed": ("-", "red"), "changed": ("~", "yellow"), "invalid": ("!", "red")}


def no_changes(diff: Diff) -> str:
    return _("no changes between {old} and {new}").format(old=said(diff.old), new=said(diff.new))


STATUS = {"added": N_("added"), "removed": N_("removed"), "changed": N_("changed")}


def text_report(diff: Diff, style: Callable[..., str] = lambda text, **_: text, say=None) -> str:
    """Lines for a terminal; `style` is click.style when colours are wanted; `say(role, change)` words a
    role's change for the reader (default: the change's own description)."""
    say = say or (lambda role, change: change.describe())
    plain_style = style

    def style(text: str, **options) -> str:
        return plain_style(for_terminal(text, keep_newlines=False), **options)

    lines = [style(str(problem), fg="red") for problem in diff.problems]
    if diff.empty:
        lines.append(no_changes(diff))
    for role in diff.roles:
        mark, colour = MARKS[role.status]
        version = ""
        if role.old_version != role.new_version and role.status == "changed":
            version = _(" [version {old} → {new}]").format(old=_show(role.old_version), new=_show(role.new_version))
        where = role.invalid_where(_("the working tree"), _(" and "))
        status = _("invalid at {revisions}, not compared").format(revisions=where) \
            if role.status == "invalid" else _(STATUS[role.status])
        lines.append(style(f"{mark} {role.id} ({role.title}): {status}{version}", fg=colour, bold=True))
        if role.version_not_bumped:
            lines.append(style("  warning[version-not-bumped]: " + _(
                "content changed but version is still {version}").format(version=_show(role.new_version)),
                fg="magenta"))
        for change in role.changes:
            mark, colour = MARKS[change.kind]
            lines.append(style(f"  {mark} {say(role, change)}", fg=colour))
    for policy in diff.policies:
        mark, colour = MARKS[policy.status]
        lines.append(style(_("{mark} policy {file} ({title}): {status}").format(
            mark=mark, file=policy.file, title=policy.title, status=_(STATUS[policy.status])), fg=colour, bold=True))
        for paragraph in policy.changes:
            mark, colour = MARKS[paragraph.kind]
            lines.append(style(_("  {mark} paragraph {number} {kind}: ").format(
                mark=mark, number=paragraph.number, kind=_(STATUS[paragraph.kind])), fg=colour)
                + _inline_words(paragraph.words(), style))
    for title, changes in ((_("settings rolebook.yaml"), diff.settings), (_("library"), diff.library)):
        if changes:
            lines.append(style(_("~ {title}: changed").format(title=title), fg="yellow", bold=True))
        for change in changes:
            mark, colour = MARKS[change.kind]
            lines.append(style(f"  {mark} {describe_value(change)}", fg=colour))
    return "\n".join(lines) + "\n"


def _inline_words(words: list[tuple[str, str]], style) -> str:
    """A paragraph with its changes as git's word diff writes them: [-removed-]{+added+}."""
    out = []
    for operation, text in words:
        text = " ".join(text.split("\n"))
        if operation == "equal":
            out.append(style(text))
        elif operation == "delete":
            out.append(style(f"[-{text}-]", fg="red"))
        else:
            out.append(style(f"{{+{text}+}}", fg="green"))
    return "".join(out)


def describe_value(change: ValueChange) -> str:
    if change.kind == "changed":
        return f"{change.what}: {_show(change.old)} → {_show(change.new)}"
    value = change.new if change.kind == "added" else change.old
    return _("{what} {kind}: {value}").format(what=change.what, kind=_(STATUS[change.kind]), value=_show(value))


# --- HTML -------------------------------------------------------------------------------------

def _changed(kind: str, text, labels: dict) -> Markup:
    """Added or removed text, coloured, and said in words for screen readers (which skip ins and del)."""
    tag = Markup("ins") if kind == "insert" else Markup("del")
    word = labels["rl_added"] if kind == "insert" else labels["rl_removed"]
    return Markup('<{0}><span class="visually-hidden">[{1}{2}] </span>{3}'
                  '<span class="visually-hidden"> [/{1}]</span></{0}>').format(tag, word, labels["colon"].strip(),
                                                                                 text)


def html_report(diff: Diff, title: str, labels: dict, rows: list[tuple[str, str, str]], worded,
                approval: str = "") -> str:
    """The body of an HTML change report: the title, a key, the summary (item, change, author), where to
    approve it (`approval`, rendered HTML), each change with its words added and removed, and the commits
    between the two revisions.
    `worded(role, change)` says a role's change in the reader's words: (subject, old, new)."""
    parts = [Markup("<h1>{}</h1>").format(title), Markup('<p class="compared">{}</p>').format(compared_line(diff, labels))]
    parts += [Markup('<p class="problem">{}</p>').format(str(problem)) for problem in diff.problems]
    if diff.empty:
        parts.append(Markup("<p>{}</p>").format(labels["rl_no_changes"]))
        return str(Markup("\n").join(parts))
    parts.append(Markup('<p class="legend"><strong>{}</strong>{} {} {} — {}</p>').format(
        labels["rl_legend"], labels["colon"], _changed("insert", labels["rl_added"], labels),
        _changed("delete", labels["rl_removed"], labels), labels["rl_legend_text"]))
    parts.append(_summary(labels, rows))
    parts.append(Markup(approval))
    parts.append(Markup("<h2>{}</h2>").format(labels["rl_details"]))
    for role in diff.roles:
        parts.append(_role(role, labels, worded))
    for policy in diff.policies:
        parts.append(_policy(policy, labels))
    for name, changes in ((labels["rl_settings"], diff.settings), (labels["rl_library"], diff.library)):
        if changes:
            items = [_value_item(change.what, change.kind, change.old, change.new, labels) for change in changes]
            parts.append(Markup("<h3>{}</h3>\n<ul>\n{}\n</ul>").format(name, Markup("\n").join(items)))
    if diff.commits:
        items = [Markup("<li><code>{}</code> {} · {} · {}</li>").format(c.hash[:7], c.date, c.author, c.subject)
                 for c in diff.commits]
        parts.append(Markup("<h2>{}</h2>\n<ul class=\"commits\">\n{}\n</ul>").format(
            labels["rl_commits"], Markup("\n").join(items)))
    return str(Markup("\n").join(parts))


def _summary(labels: dict, rows: list[tuple[str, str, str]]) -> Markup:
    head = Markup("<tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th>"
                  "<th scope=\"col\">{}</th></tr>").format(labels["rl_number"], labels["rl_item"],
                                                            labels["rl_change"], labels["rl_author"])
    body = [Markup("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>").format(n, *row)
            for n, row in enumerate(rows, 1)]
    return Markup("<h2>{}</h2>\n<table class=\"summary\">\n<thead>{}</thead>\n<tbody>\n{}\n</tbody>\n</table>").format(
        labels["rl_summary"], head, Markup("\n").join(body))


def _value_item(what: str, kind: str, old, new, labels: dict) -> Markup:
    before = _changed("delete", _show(old), labels) if kind != "added" else ""
    after = _changed("insert", _show(new), labels) if kind != "removed" else ""
    arrow = Markup(" → ") if before and after else ""
    return Markup('<li class="{}">{}{}{}{}{}</li>').format(kind, what, labels["colon"], before, arrow, after)


def _role(role, labels: dict, worded) -> Markup:
    heading = Markup("<h3>{} <small>{}</small></h3>").format(role.title, role.id)
    if role.status == "invalid":
        return heading + Markup("<p>{}</p>").format(labels["rl_invalid"].format(revisions=invalid_where(role, labels)))
    if role.status != "changed":
        kind = "insert" if role.status == "added" else "delete"
        return heading + Markup("<p>{}</p>").format(_changed(kind, role.title, labels))
    items = []
    if role.version_not_bumped:
        items.append(Markup('<li class="warning">version-not-bumped: content changed but version is still '
                            '{}</li>').format(_show(role.new_version)))
    for change in role.changes:
        subject, before, after = worded(role, change)
        kind = "added" if before is None else "removed" if after is None else "changed"
        items.append(_value_item(subject, kind, before, after, labels))
    return heading + Markup("\n<ul>\n{}\n</ul>").format(Markup("\n").join(items))


def _policy(policy: PolicyDiff, labels: dict) -> Markup:
    heading = Markup("<h3>{} <small>{}</small></h3>").format(labels["rl_policy_named"].format(title=policy.title),
                                                             policy.file)
    if policy.status != "changed":
        kind = "insert" if policy.status == "added" else "delete"
        return heading + Markup("<p>{}</p>").format(_changed(kind, policy.title, labels))
    paragraphs = []
    for paragraph in policy.changes:
        pieces = [text if op == "equal" else _changed(op, text, labels) for op, text in paragraph.words()]
        paragraphs.append(Markup('<p class="{}"><span class="paragraph-number">{}</span> {}</p>').format(
            paragraph.kind, labels[f"rl_paragraph_{paragraph.kind}"].format(n=paragraph.number),
            Markup("").join(pieces)))
    return heading + Markup("\n") + Markup("\n").join(paragraphs)
