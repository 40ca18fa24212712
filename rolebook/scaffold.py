"""`rolebook init`: copy the packaged starter project into a folder."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from rolebook.errors import UsageError
from rolebook.messages import _

STARTER = "starter"
# Stored without a leading dot so that packaging tools keep it.
RENAMES = {"gitignore": ".gitignore"}
STARTER_LANGUAGES = ("zh-CN", "zh-TW", "en")
# zh-TW's starter is zh-CN's as Taiwan writes it (languages.to_taiwan: its characters, and its words).
_DERIVED = {"zh-TW": "zh-CN"}
# A Taiwanese posting shows the pay range of a job paid below NT$40,000 a month (the TW jurisdiction's rule).
TAIWAN_PAY = ("# 月薪未達新臺幣四萬元的職缺，招募時須揭示薪資範圍（就業服務法第 5 條第 2 項第 6 款）\n"
              "salary: {min: 32000, max: 42000, currency: TWD, period: month}\n")


def _starter_files(language: str = "en", folder=None, prefix: str = ""):
    base = _DERIVED.get(language, language)
    folder = folder or resources.files("rolebook").joinpath(STARTER, base)
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name == "__pycache__":
            continue
        if entry.is_dir():
            yield from _starter_files(language, entry, f"{prefix}{entry.name}/")
        else:
            content = entry.read_bytes()
            if base != language:
                from rolebook.spec.languages import to_taiwan

                content = to_taiwan(content.decode("utf-8")).replace(
                    f"language: {base}", f"language: {language}").replace(
                    "jurisdictions: [CN]", "jurisdictions: [TW]").replace(  # Taiwan's law, not the PRC's
                    "owner: 人力資源部\n", "owner: 人力資源部\n" + TAIWAN_PAY).encode("utf-8")
            yield f"{prefix}{RENAMES.get(entry.name, entry.name)}", content


def create_project(directory: Path, language: str = "en") -> list[Path]:
    """Write the starter project; refuse to touch a folder that already holds one, and never write
    through a link (a file or folder of the starter's that exists as a link, even a dangling one)."""
    if os.path.lexists(directory / "role_specs") or os.path.lexists(directory / "rolebook.yaml"):
        raise UsageError(_("{directory}: already holds a rolebook project; nothing was written").format(
            directory=directory))
    if directory.exists() and not directory.is_dir():
        raise UsageError(_("{directory}: exists and is not a folder; nothing was written").format(
            directory=directory))
    files = list(_starter_files(language))
    clashes = sorted({part for name, _ in files for part in _prefixes(name)
                      if os.path.lexists(directory / part) and (
                          (directory / part).is_symlink() or part == name or not (directory / part).is_dir())})
    if clashes:
        raise UsageError(f"{directory}: {', '.join(clashes)} already exist or are links; nothing was written")
    written = []
    for name, content in files:
        target = directory / name
        target.parent.mkdir(parents=True, exist_ok=True)
        # O_EXCL with O_CREAT fails on any existing name, a link included: nothing is written through one.
        descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(content)
        written.append(target)
    return written


def _prefixes(name: str) -> list[str]:
    """`a/b/c.yaml` → ['a', 'a/b', 'a/b/c.yaml']: every path the file's writing goes through."""
    parts = name.split("/")
    return ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]


# A new role's starter, in the project's language: every value is obviously a placeholder to replace.
_NEW_ROLE = {
    "en": {
        "title": None,  # from the id: support-lead → Support lead
        "head": "# {title}: a new role. Replace every 'To do' and delete what the role does not need.\n"
                "# Each field is described in rolebook's field reference (rolebook schema --format markdown).\n",
        "summary": "To do: what the role is for, in two or three sentences.",
        "duty": "To do: the role's first duty, in one line",
        "task": "To do: what the duty takes day to day",
        "deliverable": "To do: what the duty produces",
        "education": "To do: the education the role needs",
        "experience": "To do: the experience the role needs",
        "inherits": "# Duties, requirements and the appraisal come from {family}. Add this role's own duties\n"
                    "# below, or change one of the family's by giving its id.\n",
    },
    "zh-TW": {
        "title": "待填寫：職位名稱",
        "head": "# {title}：新職位。請替換所有「待填寫」，刪去本職位不需要的內容。\n"
                "# 各欄位的說明見 rolebook 的欄位參考（rolebook schema --format markdown）。\n",
        "summary": "待填寫：本職位的目的與價值，兩三句話。",
        "duty": "待填寫：第一項職位職責（一句話）",
        "task": "待填寫：日常任務",
        "deliverable": "待填寫：交付成果",
        "education": "待填寫：學歷要求",
        "experience": "待填寫：工作經驗要求",
        "inherits": "# 職位職責、任職要求與考核方案繼承自 {family}。可在下面新增本職位自己的職責，\n"
                    "# 或寫明某項職責的 id 以修改繼承來的內容。\n",
    },
    "zh": {
        "title": "待填写：岗位名称",
        "head": "# {title}：新岗位。请替换所有“待填写”，删去本岗位不需要的内容。\n"
                "# 各字段的说明见 rolebook 的字段参考（rolebook schema --format markdown）。\n",
        "summary": "待填写：本岗位的目的与价值，两三句话。",
        "duty": "待填写：第一项岗位职责（一句话）",
        "task": "待填写：日常任务",
        "deliverable": "待填写：交付物",
        "education": "待填写：学历要求",
        "experience": "待填写：工作经验要求",
        "inherits": "# 岗位职责、任职要求与考核方案继承自 {family}。可在下面添加本岗位自己的职责，\n"
                    "# 或写明某项职责的 id 以修改继承来的内容。\n",
    },
}


def new_role_text(role_id: str, language: str, title: str | None, family: str | None,
                  inherits_duties: bool) -> str:
    """The starter spec of a new role: it validates as it is (placeholders included)."""
    words = _NEW_ROLE[_new_role_words(language)]
    title = title or words["title"] or role_id.replace("-", " ").capitalize()
    lines = [words["head"].format(title=role_id), f"id: {role_id}", f"title: {yaml_scalar(title)}"]
    if family:
        lines.append(f"extends: {family}")
    # Chinese lines join without a space: a folded scalar (>-) would put one where a line is broken
    block = "|-" if language.lower().startswith("zh") else ">-"
    lines += ["version: 0.1.0", "status: draft", "", f"summary: {block}", f"  {words['summary']}", ""]
    if family and inherits_duties:
        lines.append(words["inherits"].format(family=family).rstrip("\n"))
        return "\n".join(lines) + "\n"
    lines += ["duties:", "  - id: first-duty", f"    title: {yaml_scalar(words['duty'])}", "    daily_tasks:",
              f"      - {yaml_scalar(words['task'])}", "    deliverables:", f"      - {yaml_scalar(words['deliverable'])}", "",
              "requirements:", f"  education: {yaml_scalar(words['education'])}",
              f"  experience: {yaml_scalar(words['experience'])}"]
    return "\n".join(lines) + "\n"


def _new_role_words(language: str) -> str:
    """The placeholders' language: traditional Chinese for zh-TW, zh-HK, zh-Hant; else simplified or English."""
    tag = language.lower()
    if tag.startswith(("zh-tw", "zh-hk", "zh-mo", "zh-hant")):
        return "zh-TW"
    return "zh" if tag.startswith("zh") else "en"


def yaml_scalar(text: str) -> str:
    """A YAML scalar for the text: plain when YAML reads it back unchanged (1.4.0), else double-quoted
    (1.10, which YAML would read as a number)."""
    import json

    import yaml

    try:
        if yaml.safe_load(f"k: {text}") == {"k": text}:
            return text
    except yaml.YAMLError:
        pass
    return json.dumps(text, ensure_ascii=False)


def create_role(path: Path, text: str) -> None:
    """Write a new spec; never over an existing file or through a link."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    except FileExistsError:
        raise UsageError(f"{path} already exists; choose another id, or edit that file") from None
    with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
        stream.write(text)
