"""The title of a comparison and its summary of changes, in the project's language: what the redline
opens with and what the HTML report lists ("销售经理 岗位说明书 修订对照（1.4.0 → 1.5.0）")."""

from __future__ import annotations

from dataclasses import dataclass

from rolebook.history.diff import Diff, _show
from rolebook.history.project_diff import PolicyDiff, ValueChange
from rolebook.history.revisions import WORKING_TREE
from rolebook.history.wording import describe
from rolebook.paths import SETTINGS_FILE
from rolebook.project import LIBRARY_KPIS, Project
from rolebook.render.labels import labels_for

LONGEST = 80  # characters of a value quoted in the summary


@dataclass(frozen=True)
class Row:
    item: str  # the role, chapter or file changed
    change: str  # one change, in HR's words
    files: tuple[str, ...]  # where it was made, for crediting its author


def diff_title(diff: Diff, old: Project, new: Project) -> str:
    labels = labels_for(new.settings.language)
    span = _span(diff, labels)
    if len(diff.roles) == 1:  # one role's new version, with what changed around it
        role = diff.roles[0]
        subject = f"{role.title} {labels['job_description']}"
        if role.old_version and role.new_version and role.old_version != role.new_version:
            span = f"{role.old_version} → {role.new_version}"
    else:
        settings = new.settings
        subject = settings.handbook.title or settings.organization or labels["rl_roles"]
    return labels["rl_title"].format(subject=subject, span=span)


def _span(diff: Diff, labels: dict) -> str:
    def name(label: str, time: str | None) -> str:
        if label == WORKING_TREE:
            return labels["rl_working_copy"]
        return time[:10] if time and diff.old_time and diff.new_time and diff.old_time[:10] != diff.new_time[:10] \
            else label

    return f"{name(diff.old, diff.old_time)} → {name(diff.new, diff.new_time)}"


SECTIONS = ("duties", "requirements", "scenarios", "assessment", "glossary", "working_conditions", "career_path",
            "salary")  # a change's first path element that is a section of the job description by that name


def _where(title: str, path: list[str], labels: dict) -> str:
    """The role and the section of its document a change is in (销售经理 · 绩效考核): a reviewer finds it there;
    its other fields are the document's 岗位基本信息."""
    section = path[0] if path and path[0] in SECTIONS else "basic_info"
    return f"{title} · {labels[section]}"


def compared_line(diff: Diff, labels: dict) -> str:
    """Which revisions were compared, each with its commit and date, so a filed copy can be traced back to
    the text it shows: "对照：HEAD（4ed4ff3，2026-12-01）→ 未提交的修改"."""
    def side(label: str, commit: str | None, time: str | None) -> str:
        if label == WORKING_TREE:
            return labels["rl_working_copy"]
        facts = labels["rl_comma"].join(filter(None, [commit[:7] if commit else None, time[:10] if time else None]))
        return label + labels["paren"].format(facts) if facts and facts != label else label

    return labels["rl_compared"].format(old=side(diff.old, diff.old_commit, diff.old_time),
                                        new=side(diff.new, diff.new_commit, diff.new_time))


def invalid_where(role, labels: dict) -> str:
    """Where a role is invalid, in the document's words: 工作区, or HEAD~1 和 工作区."""
    return role.invalid_where(labels["rl_working_tree"], labels["rl_and"])


def summary_rows(diff: Diff, old: Project, new: Project) -> list[Row]:
    """Every change, one a row, with the files it was made in."""
    labels = labels_for(new.settings.language)
    rows: list[Row] = []
    for role in diff.roles:
        files = role_files(new, role.id) or role_files(old, role.was)
        if role.status != "changed":
            word = "w_added_item" if role.status == "added" else "w_removed_item"
            change = labels[word].format(noun=labels["rl_role"], name=role.title) if role.status != "invalid" \
                else labels["rl_invalid"].format(revisions=invalid_where(role, labels))
            rows.append(Row(role.title, change, files))
            continue
        before, after = old.roles.get(role.was), new.roles.get(role.id)
        rows += [Row(_where(role.title, change.path, labels), _short(describe(change, labels, before, after)), files)
                 for change in role.changes]
    for policy in diff.policies:
        rows += _policy_rows(policy, labels)
    for change in diff.settings:
        rows.append(Row(labels["rl_settings"], _value(change, ".".join(change.path[1:]), labels), (SETTINGS_FILE,)))
    for change in diff.library:
        subject = f"{labels['w_term']} {change.what}" if change.path[1] == "glossary" else change.what
        rows.append(Row(labels["rl_library"], _value(change, subject, labels), (f"library/{change.path[1]}.yaml",)))
    return rows


def role_files(project: Project, role_id: str) -> tuple[str, ...]:
    """The files a role is made of, as git names them from the project's folder: its spec, its family's,
    and the library when it uses one."""
    files, seen = [], set()
    role = project.roles.get(role_id)
    while role is not None and role.id not in seen:
        seen.add(role.id)
        path = project.role_files.get(role.id)
        if path is not None:
            files.append(path.relative_to(project.root).as_posix())
        role = project.roles.get(role.extends) if role.extends else None
    return tuple(files) + ((LIBRARY_KPIS,) if files and project.library_kpis else ())


def _policy_rows(policy: PolicyDiff, labels: dict) -> list[Row]:
    item, files = labels["rl_policy_named"].format(title=policy.title), (policy.file,)
    if policy.status != "changed":
        word = "w_added_item" if policy.status == "added" else "w_removed_item"
        return [Row(item, labels[word].format(noun=labels["rl_policy"], name=policy.title), files)]
    rows = []
    for paragraph in policy.changes:
        subject = labels[f"rl_paragraph_{paragraph.kind}"].format(n=paragraph.number)
        if paragraph.kind == "changed":
            words = paragraph.words()
            removed = " … ".join(text.strip() for op, text in words if op == "delete" and text.strip())
            added = " … ".join(text.strip() for op, text in words if op == "insert" and text.strip())
            text = labels["w_changed"].format(subject=subject, old=_show(removed), new=_show(added))
        else:
            text = f"{subject}{labels['colon']}{paragraph.new or paragraph.old}"
        rows.append(Row(item, _short(" ".join(text.split())), files))
    return rows


def _value(change: ValueChange, subject: str, labels: dict) -> str:
    if change.kind == "changed":
        return _short(labels["w_changed"].format(subject=subject, old=_show(change.old), new=_show(change.new)))
    value = change.new if change.kind == "added" else change.old
    return _short(labels[f"w_{change.kind}"].format(subject=subject, value=_show(value)))


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= LONGEST * 2 else text[:LONGEST * 2 - 1] + "…"
