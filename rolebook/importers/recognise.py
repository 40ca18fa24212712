"""Blocks (readers.py) to a role spec: what real job descriptions and KPI sheets contain, in Chinese and
English, recognised by the words HR uses (vocabulary below, as data), and every block accounted for: placed
in a field, or kept as unplaced for the spec's closing comment. Nothing is invented: what a valid spec
needs and the document does not say is left to the writer's placeholders.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rolebook.importers.blocks import Block
from rolebook.render.labels import EN, ZH_CN, ZH_TW

# Section headings, by the part of the spec they open (a heading containing one of the words).
SECTIONS = {
    "summary": ["岗位目的", "岗位概述", "岗位概要", "职位概述", "工作概述", "岗位使命", "purpose", "summary", "overview",
                "about the role"],
    "duties": ["岗位职责", "工作职责", "主要职责", "工作内容", "职责描述", "职责", "responsibilities", "duties",
               "accountabilities"],
    "requirements": ["任职资格", "任职要求", "任职条件", "岗位要求", "person specification", "requirements",
                     "qualifications", "what you bring"],
    "kpis": ["考核指标", "绩效考核", "绩效指标", "关键绩效", "考核标准", "kpi", "performance measures",
             "key performance"],
    "relationships": ["工作关系", "内外部关系", "内部关系", "外部关系", "working relationships", "relationships"],
    "conditions": ["工作环境", "工作条件", "working conditions", "work environment"],
    "career": ["职业发展", "晋升通道", "发展通道", "career path", "career development"],
    "glossary": ["术语表", "名词解释", "术语", "glossary", "definitions"],
    "scenarios": ["典型工作场景", "工作场景", "典型案例", "scenarios", "typical situations"],
}
SCENARIO_PARTS = {"background": ["背景", "background"], "task": ["工作任务", "任务", "task"],
                  "communication": ["沟通过程", "沟通", "communication"], "outcome": ["工作成果", "成果", "结果",
                                                                                   "outcome"]}
PERIODS = {"月度": "monthly", "月": "monthly", "季度": "quarterly", "半年": "semiannual", "年度": "annual",
           "monthly": "monthly", "quarterly": "quarterly", "semiannual": "semiannual", "annual": "annual"}
# Labels of the basic-information table (label cell → field).
BASIC = {
    "title": ["岗位名称", "职位名称", "岗位", "job title", "position title", "title"],
    "code": ["岗位编号", "职位编号", "岗位代码", "position code", "job code"],
    "department": ["所属部门", "部门", "department"],
    "reports_to": ["直接上级", "汇报对象", "上级岗位", "reports to"],
    "location": ["工作地点", "location"],
    "headcount": ["定员", "编制人数", "岗位定员", "headcount"],
    "employment_type": ["工作性质", "用工性质", "用工形式", "employment type"],
    "grade": ["职级", "岗位职级", "岗位等级", "岗位级别", "grade", "level"],
    "salary": ["薪资范围", "薪資範圍", "薪资", "薪酬", "薪酬范围", "月薪", "pay range", "salary", "salary range"],
}
# A pay range as documents write it: 8000–12000 元/月, 6,000–10,000 CNY per month, 20-30万/年; then its
# currency and period (元/月, CNY per month, USD a year).
SALARY = re.compile(r"^\s*(\d[\d,.]*)\s*([k千万w]?)\s*元?\s*(?:-|–|—|~|～|至|to)\s*(\d[\d,.]*)\s*([k千万w]?)\s*(.*?)\s*$",
                    re.I)
SALARY_UNIT = re.compile(r"^([^\s/]*?)\s*(?:/|每|per\s+|an?\s+)?\s*([^\s/]*)$", re.I)
# Currencies and pay periods as the documents rolebook prints name them (labels.py), read back; 元 is the
# renminbi (a Chinese document's default; Taiwan's 元 is written 新台币 here), and a clerk's other ways.
CURRENCIES = {**{name: code for code, name in ZH_TW["currency_names"].items()},
              **{name: code for code, name in ZH_CN["currency_names"].items()},
              "人民币": "CNY", "rmb": "CNY", "¥": "CNY", "￥": "CNY", "港币": "HKD", "港幣": "HKD", "新臺幣": "TWD",
              "新台幣": "TWD", "港元": "HKD", "hk$": "HKD", "澳門元": "MOP", "澳门元": "MOP", "澳門幣": "MOP"}
SIGNS = {sign: code.lower() for code, sign in EN["currency_signs"].items()}
PERIODS_OF_PAY = {**{labels[f"salary_period_{period}"]: period for labels in (EN, ZH_CN, ZH_TW)
                     for period in ("hour", "day", "week", "month", "year")},
                  "時": "hour", "天": "day", "annum": "year"}
EMPLOYMENT = {"全职": "full-time", "兼职": "part-time", "合同": "contract", "临时": "temporary", "实习": "intern",
              "full-time": "full-time", "full time": "full-time", "part-time": "part-time", "part time": "part-time",
              "contract": "contract", "temporary": "temporary", "intern": "intern"}
# Requirement lines, by their label.
REQUIREMENT_LABELS = {
    "education": ["学历", "教育背景", "education"],
    "major": ["专业", "major", "field of study"],
    "experience": ["工作经验", "经验", "experience"],
    "certificates": ["资格证书", "证书", "certificates", "certification"],
    "languages": ["外语", "语言", "普通话", "英语", "粤语", "languages"],
    "skills": ["专业技能", "技能", "知识", "skills", "knowledge"],
    "competencies": ["能力素质", "素质", "能力", "competencies"],
}
DESIRABLE = re.compile(r"优先|加分|preferred|desirable|a plus|nice to have", re.I)
# Labels inside a duty (a heading or a line's label) and inside requirements, by the field they fill.
DUTY_PARTS = {"daily_tasks": ["日常任务", "工作任务", "daily tasks", "tasks"],
              "collaboration": ["协调沟通", "沟通协调", "协作", "collaboration"],
              "deliverables": ["交付物", "工作成果", "deliverables", "outputs"]}
REQUIREMENT_PARTS = {"essential": ["必备条件", "基本要求", "essential"],
                     "desirable": ["优先条件", "加分项", "优先考虑", "desirable"],
                     "competencies": ["素质要求", "能力要求", "核心能力", "competencies"]}
# KPI table heads, by column.
KPI_COLUMNS = {
    "name": ["考核指标", "指标名称", "指标", "kpi", "indicator", "measure"],
    "dimension": ["考核维度", "维度", "类别", "dimension", "category"],
    "weight": ["权重", "weight"],
    "target": ["目标值", "目标", "target"],
    "pass": ["合格", "及格", "达标", "pass", "threshold"],
    "excellent": ["优秀", "卓越", "excellent", "stretch"],
    "unit": ["单位", "unit"],
    "direction": ["方向", "计分方向", "direction"],
    "source": ["数据来源", "来源", "source"],
    "scoring": ["评分标准", "计分方法", "评分规则", "考核标准", "scoring"],
    "definition": ["定义", "指标定义", "说明", "definition", "description"],
    "formula": ["计算公式", "公式", "formula"],
}


def _taiwan_words() -> list[tuple[str, str]]:
    """The mainland's words and Taiwan's, as rolebook's labels print them and in simplified characters (a
    traditional document is recognised through its simplified reading, importers/traditional.py): 岗位 → 职位,
    直接上级 → 直属主管, 交付物 → 交付成果, 基本信息 → 基本资讯…, longest first."""
    from rolebook.importers.traditional import to_simplified

    table = to_simplified()
    pairs = {"岗位": "职位", "信息": "资讯"}
    for key, mainland in ZH_CN.items():
        taiwan = ZH_TW.get(key)
        if isinstance(mainland, str) and isinstance(taiwan, str) and len(mainland) <= 8 and "{" not in mainland:
            taiwan = taiwan.translate(table)
            if taiwan != mainland:
                pairs.setdefault(mainland, taiwan)
    return sorted(pairs.items(), key=lambda pair: -len(pair[0]))


def _with_taiwan_words(*tables: dict[str, list[str]]) -> None:
    """Each label list also holds Taiwan's way of writing its words."""
    pairs = _taiwan_words()
    for table in tables:
        for words in table.values():
            for word in list(words):
                variant = word
                for mainland, taiwan in pairs:
                    variant = variant.replace(mainland, taiwan)
                if variant != word and variant not in words:
                    words.append(variant)


_with_taiwan_words(SECTIONS, SCENARIO_PARTS, BASIC, REQUIREMENT_LABELS, DUTY_PARTS, REQUIREMENT_PARTS, KPI_COLUMNS)
# A duty's labelled line (日常任务：… / 交付物：… / 交付成果：…), longest label first
DUTY_LABEL = re.compile("^(" + "|".join(re.escape(word) for word in sorted(
    (word for words in DUTY_PARTS.values() for word in words), key=len, reverse=True)) + r")\s*[:：]\s*(.+)$", re.I)
COMPARISON = re.compile(r"^\s*(≥|>=|≤|<=|>|<|＞|＜|不低于|不少于|不高于|不超过|至少|at least|at most)?\s*"
                        r"(-?\d+(?:\.\d+)?)\s*(%|‰|[^\d\s%‰]{0,8})?\s*$", re.I)
LOWER = ("≤", "<=", "<", "＜", "不高于", "不超过", "at most")


@dataclass
class Recognised:
    spec: dict = field(default_factory=dict)
    placed: list[str] = field(default_factory=list)  # the fields filled from the document
    unplaced: list[Block] = field(default_factory=list)  # blocks with no clear place: kept verbatim
    mapping: list[tuple[str, str]] = field(default_factory=list)  # a heading, label or value → where it went
    bare_yuan: bool = False  # the pay was in 元 with no country: the renminbi, or in Taiwan's documents NT$

    def in_traditional_region(self, currency: str = "TWD") -> None:
        """A document in traditional characters: its 元 is the New Taiwan dollar, as rolebook's zh-TW
        documents print it (an exported job description came back paid in renminbi), or in a Hong Kong or
        Macau project the Hong Kong dollar or the pataca."""
        if self.bare_yuan and "salary" in self.spec:
            self.spec["salary"]["currency"] = currency


def _matches(text: str, words: list[str]) -> bool:
    plain = re.sub(r"[\s:：、.．\d一二三四五六七八九十()（）]+", "", text).lower()
    return any(word.replace(" ", "") in plain for word in words) and len(plain) <= 24


def section_of(text: str) -> str | None:
    for key, words in SECTIONS.items():
        if _matches(text, words):
            return key
    return None


def _numbered_section(block: Block) -> str | None:
    """A section heading typed as a numbered line ("二、岗位职责", "4. 关键绩效指标（KPI）"): a short top item
    that starts with a section's name (a duty such as "维护内外部工作关系" only contains one)."""
    if block.kind != "item" or block.level or len(block.text) > 16:
        return None
    plain = block.text.replace(" ", "").lower()
    return next((key for key, words in SECTIONS.items() if any(plain.startswith(w.replace(" ", "")) for w in words)),
                None)


def _label(text: str, table: dict) -> str | None:
    plain = re.sub(r"[\s:：*]+", "", text).lower()
    for key, words in table.items():
        if any(plain == word.replace(" ", "") for word in words):
            return key
    return None


def recognise(blocks: list[Block], source_title: str | None = None) -> Recognised:
    found = Recognised()
    spec = found.spec
    section: str | None = None
    section_level = 0  # its heading's level: a heading no section knows at that level or above ends it
    part: str | None = None  # inside a section: a duty's tasks, the desirable requirements, external relations
    duties: list[dict] = []
    for block in blocks:
        if block.kind == "heading":
            inner = _label(block.text, DUTY_PARTS if section == "duties" else REQUIREMENT_PARTS
                           if section == "requirements" else {})
            if inner:
                part = inner
                found.mapping.append((block.text, inner))
                continue
            key = section_of(block.text)
            if key:
                section, section_level = key, block.level
                found.mapping.append((block.text, key))
                part = "external" if key == "relationships" and re.search(r"外部|external", block.text, re.I) else None
                continue
            if "title" not in spec and not duties and block.level <= 1:
                spec["title"] = _strip_suffix(block.text)
                found.placed.append("title")
                continue
            if section == "duties":
                duties.append({"title": _strip_label(block.text), "_from": "heading"})
                part = "description"
                continue
            if section == "scenarios":
                spec.setdefault("scenarios", []).append({"title": _strip_label(block.text)})
                found.placed.append("scenarios")
                continue
            if section is not None and block.level <= section_level:  # 岗位关系图 after 工作关系: its caption
                section = None  # is no working relationship
            found.unplaced.append(block)
            continue
        if block.kind == "table":
            if _basic_table(block, spec, found):
                continue
            if _kpi_table(block, spec, found):
                continue
            if section == "duties" and _duty_table(block, duties):
                continue
            if section == "relationships" and _relationship_table(block, spec):
                found.placed.append("relationships")
                continue
            found.unplaced.append(block)
            continue
        if "title" not in spec and block.kind == "paragraph" and section is None and TITLE_LINE.search(block.text):
            spec["title"] = _strip_suffix(block.text)
            found.placed.append("title")
            found.mapping.append((block.text, "title"))
            continue
        key = section_of(block.text) if block.kind == "paragraph" and len(block.text) <= 16 else \
            _numbered_section(block)
        if key:
            section = key
            found.mapping.append((block.text, key))
            continue
        if _label_line(block, spec, found):
            continue
        if re.match(r"^\s*(?:备注|附注|说明|note|notes)\s*[:：]", block.text, re.I):
            found.unplaced.append(block)  # a note on the document, not on any field
            continue
        if section == "summary":
            spec["summary"] = (spec.get("summary", "") + "\n" + block.text).strip()
            found.placed.append("summary")
        elif section == "duties":
            _duty_line(block, duties, part)
        elif section == "requirements":
            _requirement(block.text, spec, found, part)
        elif section == "relationships":
            _relationship(block.text, spec, part == "external")
            found.placed.append("relationships")
        elif section == "conditions":
            spec["working_conditions"] = (spec.get("working_conditions", "") + "\n" + block.text).strip()
            found.placed.append("working_conditions")
        elif section == "kpis":
            _assessment_line(block.text, spec, found)
        elif section == "glossary":
            _glossary_line(block.text, spec, found)
        elif section == "scenarios" and spec.get("scenarios"):
            _scenario_line(block.text, spec["scenarios"][-1])
        elif section == "career":
            spec.setdefault("career_path", {}).setdefault("to", []).append(block.text)
            found.placed.append("career_path")
        else:
            found.unplaced.append(block)
    if duties:
        spec["duties"] = _with_shares([duty for duty in duties if duty.get("title")])
        found.placed.append("duties")
    if "title" not in spec and source_title:
        spec["title"] = source_title
        found.placed.append("title")
    return found


def _assessment_line(text: str, spec: dict, found: Recognised) -> None:
    """A line of an appraisal section: its period and methods by their labels, the rest its description.
    A line may hold several labelled parts (考核周期：季度 考核方式：…)."""
    assessment = spec.setdefault("_assessment", {})
    parts = re.split(r"\s+(?=(?:考核周期|考核安排|考核方式|考核方法|appraisal period|methods)\s*[:：])", text)
    for part in parts:
        label, value = "", part.strip()
        for sign in ("：", ":"):
            if sign in part:
                label, value = (piece.strip() for piece in part.split(sign, 1))
                break
        if label in ("考核周期", "appraisal period") and PERIODS.get(value.lower()):
            assessment["period"] = PERIODS[value.lower()]
        elif label in ("考核安排",):
            assessment["schedule"] = value
        elif label in ("考核方式", "考核方法", "methods") and value:
            assessment["methods"] = [m for m in re.split(r"[、,，；;]\s*", value) if m]
        else:
            assessment["description"] = (assessment.get("description", "") + "\n\n" + part.strip()).strip()
    found.placed.append("assessment")


def _scenario_line(text: str, scenario: dict) -> None:
    """背景：… / 工作任务：… / 沟通过程：… / 工作成果：… (or the scenario's text, when unlabelled)."""
    label, sign, value = text.partition("：") if "：" in text else text.partition(":")
    key = _label(label, SCENARIO_PARTS) if sign else None
    if key:
        scenario[key] = value.strip()
    else:
        scenario["background"] = (scenario.get("background", "") + "\n" + text).strip()


def _glossary_line(text: str, spec: dict, found: Recognised) -> None:
    """Terms and their definitions, a paragraph each (or 'term：definition' on one line)."""
    glossary = spec.setdefault("glossary", [])
    term, sep, definition = text.partition("：")
    if sep and len(term) <= 20:
        glossary.append({"term": term.strip(), "definition": definition.strip()})
    elif glossary and "definition" not in glossary[-1]:
        glossary[-1]["definition"] = text
    else:
        glossary.append({"term": text})
    found.placed.append("glossary")


def _strip_suffix(text: str) -> str:
    """'销售经理岗位说明书' → '销售经理'; 'Job description: Account Manager' → 'Account Manager'."""
    text = re.sub(r"^(?:job description|position description|岗位说明书|职位说明书)\s*[:：-]\s*", "", text, flags=re.I)
    return re.sub(r"\s*(?:岗位说明书|职位说明书|岗位职责说明书|岗位职责|绩效考核工作簿|考核工作簿|绩效考核表|考核表|"
                  r"job description|appraisal workbook|appraisal form)\s*$", "", text, flags=re.I) or text


TITLE_LINE = re.compile(r"(?:岗位说明书|职位说明书|考核工作簿|考核表|job description|appraisal workbook|appraisal form)\s*$",
                        re.I)


def _strip_label(text: str) -> str:
    text = re.sub(r"^\s*(?:职责[一二三四五六七八九十\d]+|duty\s*\d+)\s*[:：]\s*", "", text, flags=re.I)
    return re.sub(r"^\s*(?:[一二三四五六七八九十]+[、.．]|\d+[.．、)）]|[（(]\d+[)）])\s*", "", text).strip()


def _basic_table(block: Block, spec: dict, found: Recognised) -> bool:
    """A table of label/value pairs (岗位名称 | 销售经理 | 所属部门 | 销售部): its fields."""
    pairs = []
    for row in block.rows:
        for index in range(0, len(row) - 1, 2):
            pairs.append((row[index], row[index + 1]))
    labelled = [(label, key, value) for label, value in pairs if (key := _label(label, BASIC))]
    if len(labelled) < 2:
        return False
    for label, key, value in labelled:
        found.mapping.append((label, key))
        _basic_value(key, value, spec, found)
    leftovers = [f"{label}: {value}" for label, value in pairs if not _label(label, BASIC) and (label or value)]
    if leftovers:
        found.unplaced.append(Block("paragraph", "; ".join(leftovers), where=block.where))
    return True


def _basic_value(key: str, value: str, spec: dict, found: Recognised) -> None:
    value = value.strip()
    if not value:
        return
    if key == "headcount":
        number = re.search(r"\d+", value)
        if number:
            spec["headcount"] = int(number.group())
            found.placed.append("headcount")
            found.mapping.append((value, f"headcount: {spec['headcount']}"))
            return
    elif key == "employment_type":
        kind = next((v for k, v in EMPLOYMENT.items() if k in value.lower()), None)
        if kind:
            spec["employment_type"] = kind
            found.placed.append("employment_type")
            found.mapping.append((value, f"employment_type: {kind}"))
            return
    elif key == "salary":
        salary = _salary(value)
        if salary:
            spec["salary"] = salary
            found.bare_yuan = salary["currency"] == "CNY" and not re.search(r"人民|rmb|cny|[¥￥]", value, re.I)
            found.placed.append("salary")
            found.mapping.append((value, "salary"))
            return
    elif key == "reports_to":
        # a role id, which a document does not give: kept for the writer to name
        spec.setdefault("_reports_to_text", value)
        found.placed.append("reports_to (as written)")
        return
    else:
        spec[key] = _strip_suffix(value) if key == "title" else value
        found.placed.append(key)
        return
    found.unplaced.append(Block("paragraph", f"{key}: {value}"))


def _salary(text: str) -> dict | None:
    """'15000–25000 元/月' → {min: 15000, max: 25000, currency: CNY, period: month}; None when it is not a
    range of two amounts in a currency rolebook can name (the text is then kept as written)."""
    sign = re.search(r"[$€£](?=\s*\d)", text)  # $19–$23 per hour, as rolebook's English documents write it
    text = re.sub(r"[$€£](?=\s*\d)", "", text)
    match = SALARY.match(text)
    unit = SALARY_UNIT.match(match[5]) if match else None
    if unit is None:
        return None
    scale = {"k": 1000, "千": 1000, "万": 10000, "w": 10000}
    amounts = []
    for number, multiple in ((match[1], match[2] or match[4]), (match[3], match[4])):
        try:
            value = float(number.replace(",", "")) * scale.get(multiple.lower(), 1)
        except ValueError:
            return None
        amounts.append(int(value) if value.is_integer() else value)
    word, when = unit[1].lower(), unit[2].lower().rstrip("s")
    if not word and when not in PERIODS_OF_PAY:  # 8000-12000元: a currency and no period
        word, when = when, ""
    word = word or (SIGNS[sign[0]] if sign else "元" if re.search(r"元|[千万]", text) else "")
    currency = CURRENCIES.get(word) or (word.upper() if re.fullmatch(r"[a-z]{3}", word) else None)
    period = PERIODS_OF_PAY.get(when) if when else "month"
    if currency is None or period is None or amounts[0] > amounts[1]:
        return None
    return {"min": amounts[0], "max": amounts[1], "currency": currency, "period": period}


def _label_line(block: Block, spec: dict, found: Recognised) -> bool:
    """'岗位名称：销售经理' outside a table."""
    parts = re.split(r"[:：]", block.text, maxsplit=1)
    if len(parts) != 2 or len(parts[0]) > 12:
        return False
    key = _label(parts[0], BASIC)
    if key is None:
        return False
    found.mapping.append((parts[0], key))
    _basic_value(key, parts[1], spec, found)
    return True


def _duty_line(block: Block, duties: list[dict], part: str | None = None) -> None:
    """A numbered top item is a duty; what follows it (deeper items, paragraphs) is its daily tasks, and
    labelled lines (日常任务 / 协调沟通 / 交付物) go to their fields."""
    text = block.text
    labelled = DUTY_LABEL.match(text)
    if labelled and duties:
        label, rest = labelled.group(1).lower(), labelled.group(2)
        items = [part.strip(" 。.") for part in re.split(r"[；;]", rest) if part.strip(" 。.")]
        if label in DUTY_PARTS["collaboration"]:
            duties[-1].setdefault("collaboration", []).extend(items)
        elif label in DUTY_PARTS["deliverables"]:
            duties[-1].setdefault("deliverables", []).extend(re.split(r"[、,，]\s*", rest.strip(" 。.")))
        else:
            duties[-1].setdefault("daily_tasks", []).extend(items)
        return
    current = duties[-1] if duties else None
    if current is not None and part == "description" and block.kind == "paragraph" and "description" not in current:
        current["description"] = text
        return
    if current is not None and part in ("daily_tasks", "collaboration", "deliverables") and current["_from"] == "heading":
        current.setdefault(part, []).append(text)
        return
    if block.kind == "item" and block.level == 0 and (block.numbered or current is None or not current["_from"]):
        duties.append({"title": _duty_title(text), "_from": "numbered" if block.numbered else ""})
    elif current is not None:
        current.setdefault("daily_tasks", []).append(text)
    else:
        duties.append({"title": _duty_title(text), "_from": ""})


DUTY_SHARE = re.compile(r"\s*[（(]\s*(?:约占|占比|约|占|about\s+|approx\.?\s+|~)?\s*(\d+(?:\.\d+)?)\s*[%％]"
                        r"\s*(?:of\s+(?:working\s+)?time)?\s*[)）]\s*$", re.I)


def _with_shares(duties: list[dict]) -> list[dict]:
    """Duties titled with their share of working time (受理客户咨询与投诉（40%）, Prospecting (30%)): the
    shares go to `share` when every duty has one and they add up to 100, which the spec then checks
    (duty-share); otherwise the titles keep them as written, for the user to settle."""
    found = [DUTY_SHARE.search(duty["title"]) for duty in duties]
    if not all(found) or abs(sum(float(match.group(1)) for match in found) - 100) > 1e-9:
        return duties
    moved = []
    for duty, match in zip(duties, found):
        share = float(match.group(1))
        title = duty["title"][: match.start()].strip() or duty["title"]
        rest = {key: value for key, value in duty.items() if key != "title"}
        moved.append({"title": title, "share": int(share) if share.is_integer() else share, **rest})  # beside it
    return moved


def _duty_title(text: str) -> str:
    """A duty line as its title: "受理客户咨询。" is titled 受理客户咨询 (a list's closing mark is no part of it)."""
    title = _strip_label(text)
    return title.rstrip("。；;.") or title


def _duty_table(block: Block, duties: list[dict]) -> bool:
    """A table of duties (职责 | 工作内容 …): the first column titles, the rest tasks."""
    if len(block.rows) < 2 or len(block.rows[0]) < 2:
        return False
    for row in block.rows[1:]:
        if row and row[0]:
            duties.append({"title": _strip_label(row[0]), "_from": "table",
                           "daily_tasks": [cell for cell in row[1:] if cell]})
    return True


def _requirement(text: str, spec: dict, found: Recognised, part: str | None = None) -> None:
    if part is None and DESIRABLE.search(text):
        # "熟练使用办公软件，有 CRM 使用经验者优先": only the clause that says 优先 is desirable
        clauses = [clause.strip() for clause in re.split(r"[，；;]", text) if clause.strip()]
        if len(clauses) > 1 and not all(DESIRABLE.search(clause) for clause in clauses):
            for clause in clauses:
                _requirement(clause, spec, found, part)
            return
    requirements = spec.setdefault("requirements", {})
    text = text.rstrip("；;，, ") or text  # a list's punctuation ends the line, not the requirement
    if part != "competencies":  # a requirement is a phrase (本科及以上学历); a competency's description a sentence
        text = text.rstrip("。") or text
    desirable = part == "desirable" or bool(DESIRABLE.search(text))
    parts = re.split(r"[:：]", text, maxsplit=1)
    key = _label(parts[0], REQUIREMENT_LABELS) if len(parts) == 2 and len(parts[0]) <= 10 else None
    value = parts[1].strip() if key else text
    if key:
        found.mapping.append((parts[0], f"requirements.{key}"))
    if key is None and part != "competencies" and _several_kinds(text):
        for clause in re.split(r"[，；;]", text):  # "3年以上销售经验，普通话标准": the experience, a language
            if clause.strip():
                _requirement(clause.strip(), spec, found, part)
        return
    if key is None:
        key = _requirement_kind(text) or "skills"
        # a second line of one of these text fields, or a desirable one (they cannot be marked 优先): a skill
        if key in ("education", "experience", "major") and (key in requirements or desirable):
            key = "skills"
    if part == "competencies" and not (len(parts) == 2 and _label(parts[0], REQUIREMENT_LABELS)):
        key = "competencies"
        name, _, description = text.partition("：") if "：" in text else text.partition(":")
        value = {"name": name.strip(), "description": description.strip()} if description.strip() else text
    if key in ("education", "major", "experience"):
        requirements[key] = (requirements.get(key, "") + "；" + value).strip("；") if key in requirements else value
    else:
        values = re.split(r"[、；;]\s*", value) if isinstance(value, str) and key != "competencies" else [value]
        for item in (v for v in values if v):
            if desirable:
                item = {**item, "desirable": True} if isinstance(item, dict) else {"name": item, "desirable": True}
            requirements.setdefault(key, []).append(item)
    found.placed.append(f"requirements.{key}")


def _requirement_kind(text: str) -> str | None:
    """The requirement field an unlabelled text names (学历 → education, 经验 → experience), if any."""
    return next((key for key, words in REQUIREMENT_LABELS.items() if any(w in text.lower() for w in words)), None)


def _several_kinds(text: str) -> bool:
    """A line of clauses each naming its field, not all the same one ("本科及以上学历，市场营销相关专业"):
    each clause goes to its field. A clause naming none keeps the line whole (a sentence, not a list)."""
    kinds = [_requirement_kind(clause) for clause in re.split(r"[，；;]", text) if clause.strip()]
    return len(kinds) > 1 and None not in kinds and len(set(kinds)) > 1


def _relationship(text: str, spec: dict, external: bool = False) -> None:
    """A relationship line, "财务部：订单履约与回款" (or only who)."""
    parts = re.split(r"[:：]", text, maxsplit=1)
    who, purpose = (parts[0], parts[1]) if len(parts) == 2 and len(parts[0]) <= 16 else (text, "")
    _add_relationship(who, purpose, spec, external)


def _add_relationship(who: str, purpose: str, spec: dict, external: bool) -> None:
    external = external or bool(re.search(r"外部|供应商|external|supplier", who + purpose, re.I))
    entry = {"with": [w for w in re.split(r"[、,，/]\s*", who.strip()) if w]}
    if purpose.strip():
        entry["purpose"] = purpose.strip()
    if external:
        entry["external"] = True
    duties = spec.setdefault("_relationships", [])
    duties.append(entry)


def _relationship_table(block: Block, spec: dict) -> bool:
    """关系类别 | 联系对象 | 工作内容 rows (the category written on its first row only, as rolebook prints it,
    or on each): each row a partner and its purpose, inside or outside by its category."""
    rows = [row for row in block.rows if any(cell.strip() for cell in row)]
    if not rows or len(rows[0]) < 2:
        return False
    header = [re.sub(r"\s+", "", cell) for cell in rows[0]]
    if not re.search(r"类别|類別|relationship|category|对象|對象|with", "".join(header[:2]), re.I):
        return False
    side = ""
    for row in rows[1:]:
        side = row[0].strip() or side
        who = row[1].strip() if len(row) > 1 else ""
        purpose = row[2].strip() if len(row) > 2 else ""
        if who:  # its own cells: a long list of partners is no sentence to split at a colon
            _add_relationship(who, purpose, spec, bool(re.search(r"外部|external", side, re.I)))
    return True


# --- KPI tables ----------------------------------------------------------------------------------


def kpi_header(row: list[str]) -> dict[str, int] | None:
    columns = {}
    for index, cell in enumerate(row):
        plain = re.sub(r"[\s:：*（）()%]+", "", cell).lower()
        for key, words in KPI_COLUMNS.items():
            if key not in columns and any(plain == w.replace(" ", "") or (len(plain) <= 8 and w in plain)
                                          for w in words):
                columns[key] = index
                break
    return columns if "name" in columns and ("weight" in columns or "target" in columns) else None


def _kpi_table(block: Block, spec: dict, found: Recognised) -> bool:
    for start, row in enumerate(block.rows):
        columns = kpi_header(row)
        if columns:
            break
    else:
        return False
    kpis_by_dimension: dict[str, list[dict]] = {}
    used_rows = 0
    weights = []
    for row in block.rows[start + 1:]:
        def cell(key: str) -> str:
            index = columns.get(key)
            return row[index].strip() if index is not None and index < len(row) else ""

        name, _, details = cell("name").partition("\n")
        if details and not DETAILS.search(details):  # a name wrapped over two lines (a PDF's cell)
            name, details = name + details.replace("\n", ""), ""
        name = name.strip()
        if not name or re.fullmatch(r"(合计|总计|total)", name, re.I):
            continue
        used_rows += 1
        kpi = {"name": name}
        _kpi_details(details, kpi)
        weight = _number(cell("weight"))
        if weight is not None:
            kpi["weight"] = weight
            weights.append(weight)
        if QUALITATIVE.fullmatch(cell("target")):  # 定性评价 | 合格 | 优秀: rated by levels, the best first
            kpi["type"] = "qualitative"
            kpi["criteria"] = [{"level": level} for level in dict.fromkeys(cell(k) for k in ("excellent", "pass"))
                               if level]
        for key in ("target", "pass", "excellent") if kpi.get("type") != "qualitative" else ():
            value, unit, lower = _threshold(cell(key))
            if lower:
                kpi["direction"] = "lower"
            if value is None:
                if cell(key):  # ≤预算: no number to score by; the words go to the closing comment, not lost
                    header = block.rows[start][columns[key]].strip()
                    found.unplaced.append(Block("paragraph", f"{name} | {header}：{cell(key)}", where=block.where))
                continue
            if key == "target":
                kpi["target"] = value
            else:
                kpi.setdefault("thresholds", {})[key] = value
            if unit and "unit" not in kpi:
                kpi["unit"] = unit
        if cell("unit"):
            kpi["unit"] = cell("unit")
        if re.search(r"低|少|lower|less", cell("direction"), re.I) or _lower_by_values(cell, kpi):
            kpi["direction"] = "lower"
        for key in ("source", "definition", "formula"):
            if cell(key):
                kpi[key] = cell(key)
        if cell("scoring"):
            kpi["definition"] = (kpi.get("definition", "") + "\n评分标准：" + cell("scoring")).strip() \
                if re.search(r"[\u4e00-\u9fff]", cell("scoring")) else \
                (kpi.get("definition", "") + "\nScoring: " + cell("scoring")).strip()
        # a dimension merged down its KPIs (Word's vertical merge leaves the cells below empty)
        dimension = cell("dimension") or (list(kpis_by_dimension)[-1] if kpis_by_dimension else "")
        kpis_by_dimension.setdefault(dimension, []).append(kpi)
    if not used_rows:
        return False
    if weights and all(w <= 1 for w in weights) and sum(weights) <= 1.0001:  # fractions: 0.4 is 40 %
        for kpis in kpis_by_dimension.values():
            for kpi in kpis:
                if "weight" in kpi:
                    kpi["weight"] = round(kpi["weight"] * 100, 6)
    dimensions = spec.setdefault("_dimensions", [])
    for name, kpis in kpis_by_dimension.items():
        # 销售业绩（45%，区间 40%–60%）: the weight is the KPIs' sum, the name what precedes it
        dimensions.append({"name": re.sub(r"\s*[（(][^（()）]*\d[^（()）]*[)）]\s*$", "", name), "kpis": kpis})
    found.placed.append("assessment.dimensions")
    found.mapping.append((" | ".join(cell for cell in block.rows[start] if cell), "assessment.dimensions[].kpis"))
    for row in block.rows[:start]:
        if any(row):
            found.unplaced.append(Block("paragraph", " | ".join(c for c in row if c), where=block.where))
    return True


QUALITATIVE = re.compile(r"\s*(?:定性(?:评价|評價|指标|指標)?|qualitative)\s*", re.I)
DETAILS = re.compile(r"数据来源|source|÷|×|=|[（(]\d+\s*分[)）]", re.I)
LEVEL = re.compile(r"([^\s（(：:]+)[（(](\d+(?:\.\d+)?)\s*分[)）]\s*[:：]")


def _kpi_details(details: str, kpi: dict) -> None:
    """What a form prints under a KPI's name: its formula, its data source, its levels with their scores
    (优秀（115 分）：… 合格（85 分）：…, on one line or several)."""
    for line in details.splitlines():
        levels = list(LEVEL.finditer(line))
        text = line[:levels[0].start()] if levels else line
        for number, level in enumerate(levels):
            end = levels[number + 1].start() if number + 1 < len(levels) else len(line)
            score = level.group(2)
            kpi.setdefault("criteria", []).append({"level": level.group(1), "description": line[level.end():end].strip(),
                                                   "score": float(score) if "." in score else int(score)})
            kpi["type"] = "qualitative"
        for detail in (part.strip() for part in re.split(r"[；;]|(?<=。)", text) if part.strip()):
            label, sign, value = detail.partition("：") if "：" in detail else detail.partition(":")
            if sign and _label(label, {"source": KPI_COLUMNS["source"]}):
                kpi["source"] = value.strip()
            else:
                kpi["formula"] = (kpi.get("formula", "") + "；" + detail).strip("；")


def _lower_by_values(cell, kpi: dict) -> bool:
    """Lower is better where the values say so and no column names a direction: a pass threshold above the
    excellent one or above the target (投诉处理时效: target 24 小时, pass 48 小时), or a target of 0 given alone
    (客户投诉 0次: no count can fall below it, so "at least 0" would score every result full marks)."""
    if cell("direction"):
        return False
    thresholds = kpi.get("thresholds", {})
    if "pass" in thresholds and "excellent" in thresholds:
        return thresholds["pass"] > thresholds["excellent"]
    if "pass" in thresholds and kpi.get("target") is not None:
        return thresholds["pass"] > kpi["target"]
    return kpi.get("target") == 0 and not thresholds and not COMPARISON.match(cell("target")).group(1)


def _number(text: str) -> float | None:
    match = re.fullmatch(r"\s*(-?\d+(?:\.\d+)?)\s*(%?)\s*", text or "")
    if not match:
        return None
    value = float(match.group(1))
    return int(value) if value.is_integer() else value


def _threshold(text: str) -> tuple[float | None, str | None, bool]:
    """'≥90%' → (90, '%', False); '≤4小时' → (4, '小时', True); '100' → (100, None, False);
    '≤预算' → (None, None, True)."""
    match = COMPARISON.match(text or "")
    if not match:  # ≤预算: no number, but the sign still says which way is better
        return None, None, (text or "").strip().lower().startswith(LOWER)
    sign, number, unit = match.groups()
    value = float(number)
    return (int(value) if value.is_integer() else value), (unit or None), bool(sign and sign.lower() in LOWER)
