"""The typed model of a role spec and of rolebook.yaml: one source for validation and JSON Schema.

Every text field holds Markdown. Models are frozen: once a role is resolved and
validated, renderers and the diff read it and never change it.
"""

import datetime
import re
from typing import Annotated, Any, Literal, Union

from pydantic import (
    AllowInfNan,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    StrictInt,
    StringConstraints,
)

from rolebook.paths import ID_PATTERN

# Ids are checked by the bad-id rule, not here, so that a bad id does not stop
# the other rules; the pattern still reaches editors through the JSON Schema.
Slug = Annotated[str, Field(json_schema_extra={"pattern": ID_PATTERN})]
# NaN and the infinities are numbers to YAML (`.nan`, `.inf`) but never to HR: refused (not-finite).
Number = Union[StrictInt, Annotated[float, Strict(), AllowInfNan(False)]]
LANGUAGE_PATTERN = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$"
LanguageTag = Annotated[str, StringConstraints(pattern=LANGUAGE_PATTERN)]


class _Translatable:
    """Marks a text field: in a spec it may hold one text per language (`{zh-CN: 销售经理, en: Sales
    Manager}`), resolved to one language before the model sees it (spec/languages.py). Editors learn
    both shapes from the JSON Schema."""

    def __get_pydantic_json_schema__(self, core_schema, handler):
        text = handler(core_schema)
        translations = {"type": "object", "propertyNames": {"pattern": LANGUAGE_PATTERN},
                        "additionalProperties": {"type": "string"}, "minProperties": 1}
        return {"anyOf": [text, translations]}


TRANSLATABLE = _Translatable()
ONE_LANGUAGE = "one-language"  # a unit: a bilingual document shows it in its first language only ("10 个")
Text = Annotated[str, TRANSLATABLE]  # Markdown, inline or block; one per language where the project has several
Code = str  # a version, a position code, a role id: the same in every language


def _text_to_list(value: Any) -> Any:
    """A single item where a list is expected is a list of one (`with: 市场部`)."""
    return [value] if isinstance(value, (str, int, float)) and not isinstance(value, bool) else value


TextList = Annotated[list[Text], BeforeValidator(_text_to_list)]


def _name_only(key: str):
    """Allow a bare string where an object with a `key` field is expected."""

    def convert(value: Any) -> Any:
        return {key: value} if isinstance(value, str) else value

    return convert


def _date_text(value: Any) -> Any:
    # An int would otherwise be taken as a Unix timestamp.
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise ValueError("expected a date written as YYYY-MM-DD")
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", value.strip()):
        year, month, day = value.strip().split("-")  # 2026-1-5, as people write it
        return f"{year}-{int(month):02d}-{int(day):02d}"
    return value


class Spec(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        coerce_numbers_to_str=True,  # `grade: 3`, `version: 1.2` are text
        populate_by_name=True,
        validate_default=False,
    )


# --- duties, requirements, scenarios ------------------------------------------------


class Collaboration(Spec):
    with_: Annotated[list[Text], BeforeValidator(_text_to_list)] = Field(
        alias="with", description="Departments, roles or outside parties worked with",
        examples=[["市场部", "研发部"]])
    purpose: Text | None = Field(None, description="What the collaboration is for",
                                 examples=["获取市场数据及客户反馈"])
    external: bool = Field(False, description="An external relationship (customers, suppliers, authorities): "
                                              "shown under 外部工作关系 / External")


class Duty(Spec):
    id: Slug | None = Field(None, description="Optional short name (lowercase letters, digits, hyphens); keeps "
                                              "diffs stable when titles change, and lets a role that extends a "
                                              "family override this duty", examples=["strategy"])
    title: Text = Field(description="The duty in one line (职责)", examples=["制定销售策略与计划"])
    share: Number | None = Field(None, description="Percent of working time (时间占比); when one duty has it, "
                                                   "every duty of a concrete role does, and they add up to 100",
                                 examples=[30])
    description: Text | None = Field(None, description="Details of the duty (Markdown)")
    daily_tasks: TextList = Field([], description="What the duty takes day to day (日常工作)",
                                  examples=[["通过市场调研，分析竞争对手的销售策略", "制定月度及季度销售计划"]])
    collaboration: list[Union[Text, Collaboration]] = Field(
        [], description="Who the duty works with, and why (工作关系): a name, or {with, purpose, external}",
        examples=[[{"with": ["市场部", "研发部"], "purpose": "获取市场数据及客户反馈"}]])
    deliverables: TextList = Field([], description="What the duty produces (工作成果)",
                                   examples=[["销售计划书", "市场分析报告"]])


class Skill(Spec):
    name: Text = Field(description="The skill", examples=["数据分析"])
    desirable: bool = Field(False, description="Desirable (优先) rather than essential (必备)")


class Competency(Spec):
    name: Text = Field(description="The competency", examples=["沟通能力"])
    description: Text | None = Field(None, description="What it looks like in this role")
    desirable: bool = Field(False, description="Desirable (优先) rather than essential (必备)")


class Requirements(Spec):
    education: Text | None = Field(None, description="学历: the education the role needs",
                                   examples=["本科及以上学历"])
    major: Text | None = Field(None, description="专业: fields of study", examples=["市场营销、工商管理等相关专业"])
    experience: Text | None = Field(None, description="工作经验: experience the role needs",
                                    examples=["5 年以上销售管理经验"])
    certificates: TextList = Field([], description="证书: certificates or licences", examples=[["销售管理师（三级）"]])
    languages: TextList = Field([], description="语言: languages and the level needed", examples=[["英语（读写熟练）"]])
    skills: list[Union[Text, Skill]] = Field(
        [], description="技能: skills; an item {name, desirable: true} is desirable (优先), any other essential (必备)",
        examples=[["CRM 系统", {"name": "数据分析", "desirable": True}]])
    competencies: list[Annotated[Competency, BeforeValidator(_name_only("name"))]] = Field(
        [], description="胜任能力: competencies; each {name, description, desirable}, or just the name",
        examples=[[{"name": "沟通能力", "description": "与客户建立良好关系"}]])


class Scenario(Spec):
    title: Text = Field(description="The scenario's name", examples=["制定年度销售计划"])
    background: Text | None = Field(None, description="背景: the situation", examples=["公司计划在新年度实现 20% 的销售增长。"])
    task: Text | None = Field(None, description="任务: what the role holder has to do")
    communication: Text | None = Field(None, description="沟通: whom they work with, and how")
    outcome: Text | None = Field(None, description="结果: how it turned out", examples=["销售计划书获高层批准。"])


# --- assessment ---------------------------------------------------------------------


class Thresholds(Spec):
    pass_: Number | None = Field(None, alias="pass", description="合格: the result that just passes (the lowest one "
                                                                "that passes; the highest, for `direction: lower`)",
                                 examples=[90])
    excellent: Number | None = Field(None, description="优秀: the result that counts as excellent; better than "
                                                       "`pass` in the KPI's direction", examples=[105])


class Criterion(Spec):
    level: Text = Field(description="The level's name, as the rater ticks it (优秀, Meets expectations)",
                        examples=["优秀"])
    description: Text | None = Field(None, description="What performance at this level looks like")
    score: Number | None = Field(None, description="The KPI score this level gives; without it the rater "
                                                   "writes a number", examples=[110])


class LibraryKpi(Spec):
    """A KPI as written in library/kpis.yaml: everything but its weight."""

    id: Slug = Field(description="指标编号: the KPI's short name (lowercase letters, digits, hyphens), unique within "
                                 "a role and within the library; a library KPI's id is what a role's `use` names",
                     examples=["sales-attainment"])
    name: Text = Field(description="指标名称: the KPI's name, as the documents show it", examples=["销售业绩达成率"])
    definition: Text | None = Field(None, description="指标定义: what the KPI measures",
                                    examples=["实际销售额与目标销售额的比率"])
    formula: Text | None = Field(None, description="计算公式: how the result is worked out",
                                 examples=["实际销售额 ÷ 目标销售额 × 100%"])
    unit: Annotated[str, TRANSLATABLE, ONE_LANGUAGE] | None = Field(None, description="单位: the unit of the result, shown after every number",
                              examples=["%", "次/季度", "days"])
    direction: Literal["higher", "lower"] = Field(
        "higher", description="Which way is better: higher (sales) or lower (costs, complaints, days late)")
    target: Number | None = Field(None, description="目标值: the result aimed at; between pass and excellent",
                                  examples=[100])
    thresholds: Thresholds | None = Field(None, description="The pass (合格) and excellent (优秀) results",
                                          examples=[{"pass": 90, "excellent": 105}])
    source: Text | None = Field(None, description="数据来源: where the result comes from", examples=["CRM 系统"])
    type: Literal["quantitative", "qualitative"] | None = Field(
        None, description="quantitative (定量: a measured result) or qualitative (定性: a rater chooses a level); "
                          "when left out, a KPI with criteria and no target or thresholds is qualitative")
    criteria: list[Annotated[Criterion, BeforeValidator(_name_only("level"))]] = Field(
        [], description="评分标准: the levels of a qualitative KPI, best first; each {level, description, score}, "
                        "or just the level's name",
        examples=[[{"level": "优秀", "description": "责任心强，主动创新", "score": 110},
                   {"level": "合格", "description": "能完成本职工作", "score": 80}]])

    @property
    def kind(self) -> str:
        """quantitative or qualitative, inferred when `type` is not given."""
        if self.type:
            return self.type
        if self.criteria and self.thresholds is None and self.target is None:
            return "qualitative"
        return "quantitative"


class Kpi(LibraryKpi):
    weight: Number | None = Field(None, description="权重: percent of the whole appraisal; every KPI of a concrete "
                                                    "role has one, and they add up to 100", examples=[35])
    use: Slug | None = Field(None, description="A KPI id from library/kpis.yaml: the KPI is taken from there, and "
                                               "any field given beside `use` overrides the library's",
                             examples=["new-customers"])


class Dimension(Spec):
    id: Slug | None = Field(None, description="Optional short name (lowercase letters, digits, hyphens); keeps "
                                              "diffs stable, and lets a role that extends a family override this "
                                              "dimension", examples=["results"])
    name: Text = Field(description="考核维度: the dimension's name", examples=["销售业绩"])
    weight: Number | None = Field(None, description="The dimension's weight in percent (optional); must equal the "
                                                    "sum of its KPI weights", examples=[50])
    weight_range: tuple[Number, Number] | None = Field(None, description="[min, max] policy band (权重区间) that "
                                                                         "the dimension's weight must fall inside",
                                                       examples=[[40, 60]])
    kpis: list[Kpi] = Field([], description="考核指标: the dimension's KPIs")

    @property
    def kpi_weight(self) -> float:
        return sum(kpi.weight or 0 for kpi in self.kpis)


class Grade(Spec):
    grade: Text = Field(description="等级: the grade's name or letter", examples=["A"])
    min: Number = Field(description="The lowest total score that reaches this grade", examples=[85])
    label: Text | None = Field(None, description="The grade in words", examples=["优秀"])
    description: Text | None = Field(None, description="What the grade means")


class Step(Spec):
    name: Text = Field(description="The step's name", examples=["绩效计划制定"])
    description: Text | None = Field(None, description="What happens in this step, and who does it")


class Application(Spec):
    area: Text = Field(description="What the results are used for (pay, promotion, training…)",
                       examples=["薪酬调整"])
    description: Text | None = Field(None, description="How the results are used there",
                                     examples=["考核结果与绩效奖金直接挂钩"])


class Points(Spec):
    pass_: Number = Field(60, alias="pass", description="The score of a result exactly at the pass threshold")
    target: Number = Field(100, description="The score of a result exactly at the target")
    excellent: Number = Field(120, description="The score of a result exactly at the excellent threshold")


class Scoring(Spec):
    """How a result becomes a KPI score (see the scoring rule in the format)."""

    points: Points = Field(Points(), description="Scores at the pass, target and excellent thresholds")
    below_pass: Number = Field(0, description="The score of a result worse than the worst threshold")
    cap: Number = Field(120, description="No KPI scores above this")


class Rater(Spec):
    rater: Slug = Field(description="Who rates: self, supervisor, peer, hr or another id",
                        examples=["supervisor"])
    weight: Number = Field(description="The rater's share of a qualitative KPI's score, in percent",
                           examples=[80])
    label: Text | None = Field(None, description="How the form names the rater (default: from the language)",
                               examples=["部门经理"])


class Quota(Spec):
    min: Number | None = Field(None, description="At least this percent of a group gets the grade", examples=[5])
    max: Number | None = Field(None, description="At most this percent of a group gets the grade", examples=[10])


class Veto(Spec):
    id: Slug = Field(description="The veto item's short name; its fillable field and results column are veto:ID",
                     examples=["major-accident"])
    name: Text = Field(description="一票否决项: what, if it occurred, decides the result whatever the total",
                       examples=["发生重大安全责任事故"])
    grade: Text | None = Field(None, description="The grade it sets (a grade band; default the lowest)",
                               examples=["C"])


class Adjustment(Spec):
    id: Slug = Field(description="The item's short name; its fillable field and results column are adj:ID",
                     examples=["company-award"])
    name: Text = Field(description="加减分项: what earns or costs points", examples=["获得公司级表彰"])
    points: Number | None = Field(None, description="Points per occurrence: positive adds, negative deducts",
                                  examples=[5, -3])
    per: Text | None = Field(None, description="What one occurrence is (次, item)", examples=["次"])
    max: Number | None = Field(None, description="The most this item adds or removes in one appraisal",
                               examples=[10])


class AdjustmentLimits(Spec):
    min: Number | None = Field(None, description="The most all adjustments together can remove (negative)",
                               examples=[-20])
    max: Number | None = Field(None, description="The most all adjustments together can add", examples=[10])


class Assessment(Spec):
    description: Text | None = Field(None, description="Purpose and principles of the appraisal scheme")
    period: Literal["monthly", "quarterly", "semiannual", "annual"] | None = Field(
        None, description="考核周期: the appraisal period; the form's blanks for the period follow it")
    schedule: Text | None = Field(None, description="When appraisals happen, in words (考核时间)",
                                  examples=["月度跟踪、季度考核、年度总评"])
    methods: list[Text] = Field([], description="考核方式: how results are gathered",
                                examples=[["销售数据统计", "工作报告审阅", "上级评价"]])
    dimensions: list[Dimension] = Field([], description="考核维度: the groups of KPIs, each with its KPIs")
    grades: list[Grade] = Field([], description="考核等级: overall rating bands on the weighted total, best first",
                                examples=[[{"grade": "A", "min": 85, "label": "优秀"},
                                           {"grade": "B", "min": 70, "label": "合格"}]])
    process: list[Annotated[Step, BeforeValidator(_name_only("name"))]] = Field(
        [], description="考核流程: the steps of the appraisal, in order; each {name, description}, or just the name",
        examples=[[{"name": "绩效计划制定", "description": "考核期初由直接上级与员工共同确定考核指标"},
                   {"name": "绩效面谈与反馈"}]])
    result_application: list[Annotated[Application, BeforeValidator(_name_only("area"))]] = Field(
        [], description="结果应用: how the results are used; each {area, description}, or just the area")
    rewards: list[Text] = Field([], description="奖励: rewards for good results",
                                examples=[["对于超额完成销售目标者，给予奖金及晋升机会"]])
    penalties: list[Text] = Field([], description="处罚: what follows poor results",
                                  examples=[["对于未达到销售目标者，扣除相应奖金"]])
    appeal: Text | None = Field(None, description="申诉: how an employee can appeal against a result",
                                examples=["对考核结果有异议时，可在结果公布后 5 个工作日内向人力资源部提出申诉。"])
    signatures: list[Text] | None = Field(None, description="Who signs the appraisal form (default: employee, "
                                                            "supervisor, HR in the spec's language)",
                                          examples=[["被考核人", "直接上级", "人力资源部"]])
    scoring: Scoring | None = Field(None, description="How results become scores (defaults: 60/100/120, "
                                                      "0 below pass, cap 120)")
    raters: list[Rater] = Field([], description="Who scores qualitative KPIs and each one's share "
                                                "(default: the supervisor, 100%)",
                                examples=[[{"rater": "self", "weight": 20}, {"rater": "supervisor", "weight": 80}]])
    distribution: dict[str, Quota] = Field({}, description="Forced distribution (强制分布): percent of a group per "
                                                           "grade, by the grade's name",
                                           examples=[{"S": {"max": 10}, "C": {"min": 5}}])
    vetoes: list[Veto] = Field([], description="一票否决项: any one that occurred sets its grade, whatever the total")
    adjustments: list[Adjustment] = Field([], description="加减分项: points per occurrence added to the weighted "
                                                          "total, each limited to its max")
    adjustment_limits: AdjustmentLimits | None = Field(None, description="Bounds of all adjustments together")

    def kpis(self) -> list[Kpi]:
        return [kpi for dimension in self.dimensions for kpi in dimension.kpis]


class Term(Spec):
    term: Text = Field(description="术语: the term, as the text uses it", examples=["销售管理"])
    definition: Text = Field(description="定义: what the term means",
                             examples=["通过规划、组织、领导和控制销售活动，以实现企业销售目标的过程。"])


# --- the role -----------------------------------------------------------------------


class CareerPath(Spec):
    from_: TextList = Field([], alias="from", description="Roles (ids) or positions one comes from",
                            examples=[["sales-rep"]])
    to: TextList = Field([], description="Roles (ids) or positions one can move on to",
                         examples=[["regional-sales-director", "区域销售总监"]])


class Salary(Spec):
    min: Number | None = Field(None, description="The lower end of the pay range", examples=[8000])
    max: Number | None = Field(None, description="The upper end of the pay range", examples=[12000])
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] = Field(
        description="ISO 4217 currency code: CNY, TWD, HKD, USD, EUR…", examples=["CNY"])
    period: Literal["hour", "day", "week", "month", "year"] = Field("month", description="What the amounts are per")


class ChangeEntry(Spec):
    version: Code = Field(description="The version this change made", examples=["1.1.0"])
    date: Annotated[datetime.date, BeforeValidator(_date_text)] | None = Field(
        None, description="The date of the change, YYYY-MM-DD", examples=["2026-04-01"])
    summary: Text = Field(description="What changed, as HR would say it", examples=["新客户开发权重由 8% 调整为 11%"])


class Allowance(Spec):
    code: str = Field(description="The compliance code kept on purpose for this role", examples=["gendered-title"])
    reason: Text | None = Field(None, description="Why it is kept (shown to whoever reviews the role)",
                                examples=["行业通用称谓"])


class RoleCompliance(Spec):
    allow: list[Union[Code, Allowance]] = Field(
        [], description="Compliance findings this role keeps on purpose: a code, or {code, reason}",
        examples=[["gendered-title"], [{"code": "discriminatory-requirement", "reason": "演员角色的性别由剧本决定"}]])
    jurisdictions: list[str] | None = Field(
        None, description="Where this role is posted, when not everywhere the project's roles are: these "
                          "jurisdictions' laws replace rolebook.yaml's list for this role (its rules, words and "
                          "definitions still apply; [] checks no posting law)", examples=[["US-NY-NYC"]])


    def codes(self) -> list[str]:
        return [item if isinstance(item, str) else item.code for item in self.allow]


class RolePosting(Spec):
    closes: Annotated[datetime.date, BeforeValidator(_date_text)] | None = Field(
        None, description="申请截止日期: the application deadline, shown in the posting (YYYY-MM-DD)",
        examples=["2026-12-31"])
    benefits: TextList = Field([], description="Benefits of this role, after the organisation's", examples=[["配车"]])


class Role(Spec):
    """One role spec, after `extends` and `use` are resolved."""

    id: Slug = Field(description="The role's id: lowercase letters, digits and hyphens; equals the file name "
                                 "(role_specs/<id>.yaml)", examples=["sales-manager"])
    title: Text = Field(description="岗位名称: the position's title", examples=["销售经理"])
    code: Code | None = Field(None, description="岗位编号: the position code", examples=["XS-003"])
    department: Text | None = Field(None, description="所属部门: the department", examples=["销售部"])
    reports_to: Code | None = Field(None, description="直接上级: a role id; shown as that role's title",
                                    examples=["sales-director"])
    location: Text | None = Field(None, description="工作地点: where the work is done", examples=["上海 · 徐汇区"])
    employment_type: Literal["full-time", "part-time", "contract", "temporary", "intern"] | None = Field(
        None, description="用工形式: the employment type")
    headcount: Annotated[StrictInt, Field(ge=0)] | None = Field(None, description="定员: how many people hold it",
                                                                 examples=[4])
    salary: Salary | None = Field(None, description="薪资范围: the pay range (shown in the posting and its structured "
                                                    "data, and in the job description's structured data)",
                                  examples=[{"min": 8000, "max": 12000, "currency": "CNY", "period": "month"}])
    grade: Text | None = Field(None, description="岗位职级: the role's grade or level", examples=["M2"])
    version: Code | None = Field(None, description="The spec's version; raise it when the content changes "
                                                   "(`rolebook bump`)", examples=["1.2.0"])
    effective: Annotated[datetime.date, BeforeValidator(_date_text)] | None = Field(
        None, description="生效日期: the date the spec takes effect, YYYY-MM-DD", examples=["2026-01-01"])
    status: Literal["draft", "approved", "retired"] = Field("draft", description="Where the spec stands: draft, "
                                                                                  "approved or retired")
    owner: Text | None = Field(None, description="Who keeps the spec up to date (a person or department)",
                               examples=["人力资源部"])
    language: LanguageTag | None = Field(None, description="The spec's language, a BCP 47 tag (default: "
                                                           "rolebook.yaml's language)", examples=["zh-CN", "zh-TW", "en"])
    extends: Slug | None = Field(None, description="The id of another role (often an abstract family) this one "
                                                   "starts from: its fields are inherited", examples=["sales-family"])
    abstract: bool = Field(False, description="true: a family template that other roles extend; validated, but "
                                              "not rendered on its own")
    summary: Text | None = Field(None, description="岗位概述: the role's purpose in a few sentences",
                                 examples=["负责制定并落实销售策略，带领团队完成销售目标。"])
    duties: list[Duty] = Field([], description="岗位职责: what the role does; a concrete role has at least one")
    requirements: Requirements | None = Field(None, description="任职资格: what the role holder needs")
    working_conditions: Text | None = Field(None, description="工作环境: where and how the work is done (Markdown)",
                                            examples=["办公室为主，约 30% 时间出差拜访客户"])
    career_path: CareerPath | None = Field(None, description="职业发展: roles one comes from and moves on to",
                                           examples=[{"from": ["sales-rep"], "to": ["regional-sales-director"]}])
    scenarios: list[Scenario] = Field([], description="典型工作场景: typical work situations, each told as "
                                                      "background, task, communication and outcome")
    assessment: Assessment | None = Field(None, description="绩效考核: the appraisal scheme (KPIs, grades, scoring, "
                                                            "process)")
    glossary: list[Term] = Field([], description="术语表: terms the role's text uses, with their definitions")
    extra: dict[str, Union[Number, Text]] = Field(
        {}, description="Custom fields, each declared under `fields:` in rolebook.yaml",
        examples=[{"cost-center": "CC-2104"}])
    changes: list[ChangeEntry] = Field([], description="The role's change history, newest first; the newest "
                                                       "version equals `version`",
                                       examples=[[{"version": "1.1.0", "date": "2026-04-01",
                                                   "summary": "新客户开发权重由 8% 调整为 11%"}]])
    posting: RolePosting | None = Field(None, description="This role's job posting: its application deadline and "
                                                          "benefits of its own")
    compliance: RoleCompliance | None = Field(None, description="Compliance findings the role keeps on purpose")

    def kpis(self) -> list[Kpi]:
        return self.assessment.kpis() if self.assessment else []

    @property
    def has_kpis(self) -> bool:
        return bool(self.kpis())


# --- rolebook.yaml -------------------------------------------------------------------


class Approval(Spec):
    step: Text = Field(description="编制, 审核, 批准… (Prepared, Reviewed, Approved…)", examples=["编制"])
    name: Text | None = Field(None, description="Who: a person, a department or a meeting",
                              examples=["人力资源部"])
    date: Annotated[datetime.date, BeforeValidator(_date_text)] | None = Field(
        None, description="The date of the step, YYYY-MM-DD", examples=["2026-01-01"])


class Handbook(Spec):
    title: Text | None = Field(None, description="The handbook's title", examples=["销售体系岗位职责与考核制度"])
    roles: list[Slug] | None = Field(None, description="The roles it holds (role ids), in order (default: every "
                                                       "concrete role, by id)",
                                     examples=[["sales-rep", "sales-manager", "telesales-supervisor"]])
    policies: list[str] = Field([], description="Policy chapters (Markdown files in the project), after the roles",
                                examples=[["policies/assessment-process.md", "policies/rewards-and-penalties.md"]])
    front: list[str] = Field([], description="总则: chapters before the roles (Markdown files)",
                             examples=[["policies/general.md"]])
    back: list[str] = Field([], description="附则: chapters after the glossary (Markdown files)",
                            examples=[["policies/supplementary.md"]])
    numbering: Literal["chinese", "decimal", "none"] = Field(
        "none", description="Chapters and their sections numbered 第一章 / 第一条 (chinese) or 1 / 1.1 (decimal)")
    document_number: Text | None = Field(None, description="文件编号: the regulation's document number",
                                         examples=["XS-ZD-2026-01"])
    approval: list[Approval] = Field([], description="编制 / 审核 / 批准: who prepared, reviewed and approved it",
                                     examples=[[{"step": "编制", "name": "人力资源部", "date": "2026-01-01"},
                                                {"step": "批准", "name": "总经理办公会"}]])
    publication: Text | None = Field(None, description="How it was discussed and published (Markdown), as labour "
                                                        "law asks of a 规章制度",
                                     examples=["本制度经职工代表大会讨论通过，于 2026-01-05 公示。"])
    version: Code | None = Field(None, description="The regulation's own version, shown on its cover",
                                 examples=["2.0"])
    effective: Annotated[datetime.date, BeforeValidator(_date_text)] | None = Field(
        None, description="施行日期: when the regulation takes effect, shown on its cover", examples=["2026-01-20"])
    architecture: bool = Field(False, description="A chapter with the grade × family matrix (职级体系表) and the "
                                                  "headcount per department (the org chart is always in)")
    shared_rules: list[Literal["grades", "process", "consequences", "appeal"]] | None = Field(
        None, description="What the 通用考核规定 chapter prints of the appraisal parts every role shares (default: "
                          "all it finds shared); leave out a part an org-wide policy chapter already states: the "
                          "roles' chapters leave it out too", examples=[["grades"]])


class Branding(Spec):
    font: str | None = Field(None, description="The font for Latin text and digits (default: the usual face for "
                                               "the language)", examples=["Calibri"])
    cjk_font: str | None = Field(None, description="The font for Chinese, Japanese or Korean text (default: a "
                                                   "common face for the language)", examples=["Noto Serif CJK SC"])
    accent_color: Annotated[str, StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$")] | None = Field(
        None, description="The colour of titles and headings, as #RRGGBB (quote it in YAML)", examples=["#1F4E79"])
    logo: str | None = Field(None, description="An image file in the project, shown in the header of every page",
                             examples=["assets/logo.png"])


Localized = Union[Code, dict[str, Code]]  # one text, or one per language tag (chosen by the role's language)


class CustomField(Spec):
    label: Localized = Field(description="How the job description names the field, or a label per language",
                             examples=["成本中心", {"zh-CN": "成本中心", "en": "Cost center"}])
    type: Literal["text", "markdown", "number"] = Field("text", description="text, markdown or number: what a "
                                                                             "role's value must be")


class Posting(Spec):
    about: Text | None = Field(None, description="The organisation, for candidates (Markdown)",
                               examples=["示例科技是……"])
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] | None = Field(
        None, description="ISO 3166 country code of the job locations (CN, TW, HK, US…), for search engines",
        examples=["CN"])
    benefits: TextList = Field([], description="What the organisation offers", examples=[["五险一金", "带薪年假 15 天"]])
    statement: Text | None = Field(None, description="An equal-opportunity statement",
                                   examples=["我们提供平等的就业机会。"])
    apply: Text | None = Field(None, description="How to apply (Markdown): where an application goes, what it "
                               "includes, whom to ask", examples=["简历请发送至 hr@example.com，邮件标题注明应聘岗位。"])


CONVERSIONS = ("s2t", "s2tw", "s2twp", "s2hk", "t2s", "tw2s", "tw2sp", "hk2s", "t2tw", "t2hk", "tw2t", "hk2t")


class Derivation(Spec):
    from_: LanguageTag | None = Field(None, alias="from", description="The language converted (default: the "
                                                                      "source language)", examples=["zh-CN"])
    convert: Literal[CONVERSIONS] = Field(description="The OpenCC conversion: s2t, s2tw, s2twp (simplified → "
                                                      "Taiwan, with Taiwan's phrases), s2hk, or the reverse",
                                          examples=["s2twp"])


def _yaml_off(value: Any) -> Any:
    """YAML 1.1 reads an unquoted `off` as false: here it means the rule is off."""
    return "off" if value is False else value


class PayLimit(Spec):
    amount: Number = Field(description="The pay level", examples=[40000])
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] = Field(
        description="ISO 4217 currency code", examples=["TWD"])
    period: Literal["hour", "day", "week", "month", "year"] = Field("month", description="What the amount is per")


class LawRef(Spec):
    since: Annotated[datetime.date, BeforeValidator(_date_text)] | None = Field(None, description="In force since")
    source: str = Field(description="The law or regulation", examples=["RCW 49.58.110"])
    below: PayLimit | None = Field(
        None, description="The law applies only to a role paid below this level (Taiwan: a posting shows its "
                          "pay range where the regular monthly pay is below NT$40,000)",
        examples=[{"amount": 40000, "currency": "TWD", "period": "month"}])


class CompliancePosting(Spec):
    """What a jurisdiction's law asks of a job posting; each entry cites its source."""

    pay_range: LawRef | None = Field(None, alias="pay-range", description="A salary range (min and max)")
    benefits: LawRef | None = Field(None, description="A description of the benefits")
    closing_date: LawRef | None = Field(None, alias="closing-date", description="An application deadline")
    closed_pay_range: LawRef | None = Field(None, alias="closed-pay-range",
                                              description="No open-ended range (\"and up\", \"up to\")")
    no_pay_history: LawRef | None = Field(None, alias="no-pay-history",
                                            description="No question about current or past pay")
    neutral_title: LawRef | None = Field(None, alias="neutral-title", description="A gender-neutral job title")


class Jurisdiction(Spec):
    name: Localized | None = Field(None, description="Its name, or one per language")
    includes: list[str] = Field([], description="Jurisdictions whose rules also apply (a state includes its "
                                                "country)", examples=[["US"]])
    grounds: dict[str, str] = Field({}, description="The law forbidding restriction on each ground (gender, age, "
                                                    "marital, pregnancy, ethnicity, religion, origin, health, looks, orientation; "
                                                    "record, unemployment and credit are checked only where a "
                                                    "jurisdiction names them)")
    posting: CompliancePosting = Field(CompliancePosting(), description="What a job posting must hold")
    checked: Annotated[datetime.date, BeforeValidator(_date_text)] | None = Field(
        None, description="When the rules were last checked against the law")


class ComplianceWords(Spec):
    discriminatory: list[str] = Field([], description="Phrases that restrict candidates (each a finding)",
                                      examples=[["限本科 985"]])
    biased: list[str] = Field([], description="Phrases that deter some candidates (each a biased-wording finding)",
                              examples=[["rockstar"]])
    allowed: list[str] = Field([], description="Phrases that are never a finding", examples=[["Chairman's Club"]])


class Compliance(Spec):
    jurisdictions: list[str] = Field([], description="Where the roles are posted: CN, US, US-CO, US-NY, "
                                                     "US-NY-NYC, US-CA, US-WA, US-IL, EU… (docs/compliance.md "
                                                     "lists them)", examples=[["CN"], ["US-CO", "EU"]])
    rules: dict[str, Annotated[Literal["error", "warning", "off"], BeforeValidator(_yaml_off)]] = Field(
        {}, description="Severity per compliance code (default warning)",
        examples=[{"discriminatory-requirement": "error", "biased-wording": "off"}])
    words: ComplianceWords = Field(ComplianceWords(), description="The project's own words and exceptions")
    define: dict[str, Jurisdiction] = Field({}, description="Jurisdictions of the project's own, or changes to "
                                                            "one rolebook knows, by code")


class GradePay(Spec):
    min: Number | None = Field(None, description="The band's lower end", examples=[5000])
    max: Number | None = Field(None, description="The band's upper end", examples=[8000])
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] = Field(
        "CNY", description="ISO 4217 currency code", examples=["CNY"])
    period: Literal["hour", "day", "week", "month", "year"] = Field("month", description="What the amounts are per")


class JobGrade(Spec):
    grade: Code = Field(description="职级: the grade as roles write it in `grade`", examples=["P1"])
    name: Text | None = Field(None, description="The grade's name", examples=["助理级"])
    rank: Number = Field(description="Its rank: higher is more senior; grades of different tracks with one rank "
                                     "are peers", examples=[1])
    track: Text | None = Field(None, description="The track (序列) it belongs to", examples=["管理序列"])
    pay: GradePay | None = Field(None, description="The grade's pay band")


class JobDescriptions(Spec):
    relationship_diagram: bool = Field(True, description="岗位关系图: the superior, the role, its reports and "
                                                         "partners, in each job description")


class Settings(Spec):
    organization: Text | None = Field(None, description="The organisation's name, shown on the documents",
                                      examples=["示例科技有限公司"])
    language: LanguageTag = Field("en", description="The default language of every spec, a BCP 47 tag: the "
                                                    "source language, the one plain texts are written in",
                                  examples=["zh-CN", "zh-TW", "en"])
    languages: list[LanguageTag] = Field([], description="Build every document in each of these languages, each "
                                                         "into build/<language>/ (default: the source language "
                                                         "only, into build/)", examples=[["zh-CN", "en", "zh-TW"]])
    derive: dict[str, Derivation] = Field({}, description="Languages made from another by OpenCC rather than "
                                                          "translated, by language tag",
                                          examples=[{"zh-TW": {"from": "zh-CN", "convert": "s2twp"}}])
    bilingual: list[LanguageTag] = Field([], description="Two languages: also a job description with both, each "
                                                         "heading and block in the first then the second, into "
                                                         "build/bilingual/", examples=[["zh-CN", "en"]])
    handbook: Handbook = Field(Handbook(), description="The policy handbook (制度): title, roles, chapters, "
                                                       "numbering and approval")
    branding: Branding = Field(Branding(), description="Fonts, accent colour and logo of every document "
                                                       "(all optional)")
    fields: dict[str, CustomField] = Field({}, description="Custom role fields (a role's `extra:`), by key",
                                           examples=[{"cost-center": {"label": {"zh-CN": "成本中心",
                                                                                "en": "Cost center"}}}])
    jd_signatures: TextList | None = Field(None, description="Who signs a job description "
                                                            "(default: employee, direct supervisor)",
                                           examples=[["任职者", "直接上级"]])
    posting: Posting | None = Field(None, description="The candidate-facing job posting's texts")
    compliance: Compliance | None = Field(None, description="Which laws the postings follow, and how strictly")
    job_grades: list[JobGrade] = Field([], description="The grade ladder (职级体系), lowest first: a role's "
                                                       "`grade` must be one of them")
    jd: JobDescriptions = Field(JobDescriptions(), description="Job description options")


def role_json_schema() -> dict:
    """The JSON Schema (draft 2020-12) of a role spec file, for editors.

    A file may inherit its title and duties through `extends` and a KPI its id
    and name through `use`, so the schema requires only what every file says.
    """
    schema = Role.model_json_schema(by_alias=True)
    schema["required"] = ["id"]
    schema["$defs"]["Kpi"]["required"] = []
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **one_or_many(schema)}


def one_or_many(schema: Any) -> Any:
    """Every list also accepts a single item, as the loader does (rolebook/spec/shape.py)."""
    if isinstance(schema, list):
        return [one_or_many(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    schema = {key: one_or_many(value) for key, value in schema.items()}
    if schema.get("type") == "array" and "items" in schema and "prefixItems" not in schema:
        outer = {key: value for key, value in schema.items() if key not in ("type", "items")}
        return {**outer, "anyOf": [schema["items"], {"type": "array", "items": schema["items"]}]}
    return schema
