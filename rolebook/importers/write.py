"""A recognised document (recognise.py) as a role spec's YAML: each value in its field, `rolebook new`'s
placeholders for what a valid spec needs and the document does not say, and every block without a clear
place kept verbatim in a comment block at the end, under its source file and position."""

from __future__ import annotations

import re

import yaml

from rolebook.importers.blocks import Block
from rolebook.importers.recognise import Recognised
from rolebook.paths import ID_PATTERN

PLACEHOLDERS = {
    "zh": {"title": "待填写：岗位名称", "duty": "待填写：第一项岗位职责（一句话）",
           "head": "# {title}：由 rolebook import 从 {source} 导入。请核对每个值，替换所有“待填写”。\n",
           "unplaced": "# 以下内容在原文件中找不到明确的位置，原样保留（来源：{source}）：",
           "kpis": "# 以下考核指标的权重合计为 {total}，不是 100（或有指标缺少权重）：核对后去掉注释符号放回 assessment。",
           "reports_to": "# 直接上级（原文）：{text}；reports_to 需要填写上级岗位的 id。",
           "mapping": "# 原文件中的标题和标签，以及它们对应的字段：", "kpis_name": "考核指标"},
    "en": {"title": "TODO: the role's title", "duty": "TODO: the role's first duty, in one line",
           "head": "# {title}: imported by rolebook import from {source}. Check each value and replace every TODO.\n",
           "unplaced": "# Kept as written: text of {source} that has no clear place in the spec:",
           "kpis": "# These KPIs' weights add up to {total}, not 100 (or some have none): check them, then "
                   "uncomment them into assessment.",
           "reports_to": "# Reports to (as written): {text}; reports_to needs the superior's role id.",
           "mapping": "# The document's headings and labels, and the fields they became:", "kpis_name": "KPIs"},
}


def slug(text: str) -> str:
    """A role or KPI id from a title: pinyin for Chinese (销售经理 → xiaoshou-jingli), words for English."""
    from pypinyin import lazy_pinyin

    words = []
    for run in re.findall(r"[\u4e00-\u9fff]+|[A-Za-z0-9]+", text):
        if run[0].isascii():
            words.append(run.lower())
        else:  # Chinese titles are mostly words of two characters: 仓库主管 → cangku-zhuguan
            syllables = lazy_pinyin(run)
            words += ["".join(syllables[i:i + 2]) for i in range(0, len(syllables), 2)]
    found = "-".join(words)[:60].strip("-")
    return found if re.fullmatch(ID_PATTERN, found or "") else ""


def language_of(recognised: Recognised, blocks: list[Block]) -> str:
    """zh, zh-TW (a document in traditional characters: its placeholders are too) or en."""
    from rolebook.spec.languages import is_traditional

    sample = " ".join([recognised.spec.get("title", "")] + [b.text or " ".join(b.cells()) for b in blocks[:40]])
    if len(re.findall(r"[\u4e00-\u9fff]", sample)) <= len(sample) / 10:
        return "en"
    return "zh-TW" if is_traditional(sample) else "zh"


def placeholder_words(language: str) -> dict[str, str]:
    if language == "zh-TW":
        from rolebook.spec.languages import to_taiwan

        return {key: to_taiwan(text) for key, text in PLACEHOLDERS["zh"].items()}
    return PLACEHOLDERS[language]


def spec_text(recognised: Recognised, role_id: str, source: str, language: str,
              family: str | None = None) -> tuple[str, list[str]]:
    """The YAML text of the spec, and the fields left as placeholders."""
    words = placeholder_words(language)
    spec = dict(recognised.spec)
    placeholders: list[str] = []
    data: dict = {"id": role_id}
    if family:
        data["extends"] = family
    if not spec.get("title"):
        placeholders.append("title")
    data["title"] = spec.get("title") or words["title"]
    for key in ("code", "department", "location", "headcount", "employment_type", "grade", "salary", "summary"):
        if key in spec:
            data[key] = spec[key]
    duties = [{k: v for k, v in duty.items() if not k.startswith("_")} for duty in spec.get("duties", [])]
    relationships = spec.get("_relationships", [])
    if relationships and duties:
        duties[0].setdefault("collaboration", []).extend(relationships)
    if duties:
        data["duties"] = duties
    elif not family:
        placeholders.append("duties")
        data["duties"] = [{"title": words["duty"], **({"collaboration": relationships} if relationships else {})}]
    for key in ("requirements", "working_conditions", "career_path", "scenarios"):
        if key in spec:
            data[key] = spec[key]
    kpi_note, dimensions = _assessment(spec.get("_dimensions", []), words)
    assessment = {key: value for key, value in spec.get("_assessment", {}).items() if value}
    if dimensions:
        assessment["dimensions"] = dimensions
    if assessment:
        data["assessment"] = assessment
    glossary = [entry for entry in spec.get("glossary", []) if entry.get("definition")]
    if glossary:
        data["glossary"] = glossary
    undefined = [entry["term"] for entry in spec.get("glossary", []) if not entry.get("definition")]
    if undefined:
        recognised.unplaced.append(Block("paragraph", "\n".join(undefined), where="glossary"))
    text = words["head"].format(title=data["title"], source=source)
    text += yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000, default_flow_style=False)
    trailer = []
    if recognised.mapping:
        trailer.append(words["mapping"])
        trailer += [f"#   {source_text} → {target}" for source_text, target in recognised.mapping]
    if spec.get("_reports_to_text"):
        trailer.append(words["reports_to"].format(text=spec["_reports_to_text"]))
    if kpi_note:
        trailer += kpi_note
    if recognised.unplaced:
        trailer.append(words["unplaced"].format(source=source))
        for block in recognised.unplaced:
            trailer += _commented(block)
    if trailer:
        text += "\n" + "\n".join(trailer) + "\n"
    return text, placeholders


def _assessment(found: list[dict], words: dict) -> tuple[list[str], list[dict]]:
    """The KPI dimensions with ids; when their weights cannot make a valid spec (missing, not adding up to
    100), they are kept commented out with a note instead."""
    if not found:
        return [], []
    used: set[str] = set()
    dimensions = []
    for number, dimension in enumerate(found, 1):
        kpis = []
        for kpi in dimension["kpis"]:
            kpi_id = _unique(slug(kpi["name"]) or f"kpi-{len(used) + 1}", used)
            kpis.append({"id": kpi_id, **kpi})
        name = dimension["name"] or words["kpis_name"]
        dimensions.append({"id": _unique(slug(name) or f"dimension-{number}", used), "name": name, "kpis": kpis})
    weights = [kpi.get("weight") for d in dimensions for kpi in d["kpis"]]
    total = sum(w for w in weights if w is not None)
    if None not in weights and abs(total - 100) < 1e-6:
        return [], dimensions
    dumped = yaml.safe_dump({"assessment": {"dimensions": dimensions}}, allow_unicode=True, sort_keys=False,
                            width=10_000)
    return [words["kpis"].format(total=f"{total:g}")] + [f"# {line}" for line in dumped.splitlines()], []


def _unique(name: str, used: set[str]) -> str:
    candidate, number = name, 2
    while candidate in used:
        candidate, number = f"{name}-{number}", number + 1
    used.add(candidate)
    return candidate


def _commented(block: Block) -> list[str]:
    lines = [f"# [{block.where}]"] if block.where else []
    if block.kind == "table":
        lines += ["#   " + " | ".join(cell.replace("\n", " / ") for cell in row) for row in block.rows]
    else:
        lines += ["#   " + line for line in block.text.splitlines()]
    return lines
