"""The typed model of a role spec and of rolebook.yaml: one source for validation and JSON Schema.

Every text field holds Markdown. Models are frozen: once a role is resolved and
validated, renderers and the diff read it and never change it.
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Any, Literal, Union

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictFloat,
    StrictInt,
    StringConstraints,
)

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
# Ids are checked by the bad-id rule, not here, so that a bad id does not stop
# the other rules; the pattern still reaches editors through the JSON Schema.
Slug = Annotated[str, Field(json_schema_extra={"pattern": ID_PATTERN})]
LanguageTag = Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")]
Number = Union[StrictInt, StrictFloat]
Text = str  # Markdown, inline or block


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
        alias="with", description="Departments or roles worked with")
    purpose: Text | None = Field(None, description="What the collaboration is for")
    external: bool = Field(False, description="An external relationship (customers, suppliers, authorities): "
                                              "shown under 外部工作关系 / External")


class Duty(Spec):
    id: Slug | None = Field(None, description="Optional slug; keeps diffs stable when titles change")
    title: Text = Field(description="The duty in one line")
    share: Number | None = Field(None, description="Percent of working time (时间占比); when one duty has it, "
                                                   "every duty of a concrete role does, and they add up to 100")
    description: Text | None = Field(None, description="Details of the duty (Markdown)")
    daily_tasks: TextList = Field([], description="What the duty takes day to day")
    collaboration: list[Union[Text, Collaboration]] = Field([], description="Who the duty works with, and why")
    deliverables: TextList = Field([], description="What the duty produces")


class Skill(Spec):
    name: Text = Field(description="The skill")
    desirable: bool = Field(False, description="Desirable (优先) rather than essential (必备)")


class Competency(Spec):
    name: Text = Field(description="The competency")
    description: Text | None = Field(None, description="What it looks like in this role")
    desirable: bool = Field(False, description="Desirable (优先) rather than essential (必备)")


class Requirements(Spec):
    education: Text | None = Field(None, description="学历: the education the role needs")
    major: Text | None = Field(None, description="专业: fields of study")
    experience: Text | None = Field(None, description="工作经验: experience the role needs")
    certificates: TextList = Field([], description="证书: certificates or licences")
    languages: TextList = Field([], description="语言: languages and the level needed")
    skills: list[Union[Text, Skill]] = Field([], description="Skills; an item {name, desirable: true} is desirable")
    competencies: list[Annotated[Competency, BeforeValidator(_name_only("name"))]] = Field(
        [], description="Competencies; {name, description, desirable}")


class Scenario(Spec):
    title: Text
    background: Text | None = None
    task: Text | None = None
    communication: Text | None = None
    outcome: Text | None = None


# --- assessment ---------------------------------------------------------------------


class Thresholds(Spec):
    pass_: Number | None = Field(None, alias="pass")
    excellent: Number | None = None


class Criterion(Spec):
    level: Text = Field(description="The level's name, as the rater ticks it (优秀, Meets expectations)")
    description: Text | None = Field(None, description="What performance at this level looks like")
    score: Number | None = Field(None, description="The KPI score this level gives; without it the rater "
                                                   "writes a number")


class LibraryKpi(Spec):
    """A KPI as written in library/kpis.yaml: everything but its weight."""

    id: Slug
    name: Text
    definition: Text | None = None
    formula: Text | None = None
    unit: Text | None = None
    direction: Literal["higher", "lower"] = "higher"
    target: Number | None = None
    thresholds: Thresholds | None = None
    source: Text | None = None
    type: Literal["quantitative", "qualitative"] | None = None
    criteria: list[Annotated[Criterion, BeforeValidator(_name_only("level"))]] = []

    @property
    def kind(self) -> str:
        """quantitative or qualitative, inferred when `type` is not given."""
        if self.type:
            return self.type
        if self.criteria and self.thresholds is None and self.target is None:
            return "qualitative"
        return "quantitative"


class Kpi(LibraryKpi):
    weight: Number | None = Field(None, description="Percent of the whole appraisal")
    use: Slug | None = Field(None, description="A KPI id from library/kpis.yaml")


class Dimension(Spec):
    id: Slug | None = None
    name: Text
    weight: Number | None = Field(None, description="Must equal the sum of its KPI weights")
    weight_range: tuple[Number, Number] | None = Field(None, description="[min, max] policy band")
    kpis: list[Kpi] = []

    @property
    def kpi_weight(self) -> float:
        return sum(kpi.weight or 0 for kpi in self.kpis)


class Grade(Spec):
    grade: Text
    min: Number
    label: Text | None = None
    description: Text | None = None


class Step(Spec):
    name: Text
    description: Text | None = None


class Application(Spec):
    area: Text
    description: Text | None = None


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
    rater: Slug = Field(description="Who rates: self, supervisor, peer, hr or another id")
    weight: Number = Field(description="The rater's share of a qualitative KPI's score, in percent")
    label: Text | None = Field(None, description="How the form names the rater (default: from the language)")


class Quota(Spec):
    min: Number | None = Field(None, description="At least this percent of a group gets the grade")
    max: Number | None = Field(None, description="At most this percent of a group gets the grade")


class Assessment(Spec):
    description: Text | None = Field(None, description="Purpose and principles of the appraisal scheme")
    period: Literal["monthly", "quarterly", "semiannual", "annual"] | None = None
    schedule: Text | None = None
    methods: list[Text] = []
    dimensions: list[Dimension] = []
    grades: list[Grade] = []
    process: list[Annotated[Step, BeforeValidator(_name_only("name"))]] = []
    result_application: list[Annotated[Application, BeforeValidator(_name_only("area"))]] = []
    rewards: list[Text] = []
    penalties: list[Text] = []
    appeal: Text | None = None
    signatures: list[Text] | None = None
    scoring: Scoring | None = Field(None, description="How results become scores (defaults: 60/100/120, "
                                                      "0 below pass, cap 120)")
    raters: list[Rater] = Field([], description="Who scores qualitative KPIs and each one's share "
                                                "(default: the supervisor, 100%)")
    distribution: dict[str, Quota] = Field({}, description="Forced distribution: percent of a group per grade")

    def kpis(self) -> list[Kpi]:
        return [kpi for dimension in self.dimensions for kpi in dimension.kpis]


class Term(Spec):
    term: Text
    definition: Text


# --- the role -----------------------------------------------------------------------


class CareerPath(Spec):
    from_: TextList = Field([], alias="from", description="Roles (ids) or positions one comes from")
    to: TextList = Field([], description="Roles (ids) or positions one can move on to")


class Salary(Spec):
    min: Number | None = Field(None, description="The lower end of the pay range")
    max: Number | None = Field(None, description="The upper end of the pay range")
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] = Field(
        description="ISO 4217 currency code: CNY, TWD, HKD, USD, EUR…")
    period: Literal["hour", "day", "week", "month", "year"] = Field("month", description="What the amounts are per")


class ChangeEntry(Spec):
    version: Text = Field(description="The version this change made")
    date: Annotated[datetime.date, BeforeValidator(_date_text)] | None = Field(None, description="YYYY-MM-DD")
    summary: Text = Field(description="What changed, as HR would say it")


class Role(Spec):
    """One role spec, after `extends` and `use` are resolved."""

    id: Slug
    title: Text
    code: Text | None = Field(None, description="岗位编号: the position code")
    department: Text | None = None
    reports_to: Text | None = Field(None, description="A role id; shown as that role's title")
    location: Text | None = Field(None, description="工作地点: where the work is done")
    employment_type: Literal["full-time", "part-time", "contract", "temporary", "intern"] | None = Field(
        None, description="用工形式")
    headcount: Annotated[StrictInt, Field(ge=0)] | None = Field(None, description="定员: how many people hold it")
    salary: Salary | None = Field(None, description="薪资范围: the pay range (shown in the posting and its structured "
                                                    "data, and in the job description's structured data)")
    grade: Text | None = None
    version: Text | None = None
    effective: Annotated[datetime.date, BeforeValidator(_date_text)] | None = None
    status: Literal["draft", "approved", "retired"] = "draft"
    owner: Text | None = None
    language: LanguageTag | None = None
    extends: Slug | None = None
    abstract: bool = False
    summary: Text | None = None
    duties: list[Duty] = []
    requirements: Requirements | None = None
    working_conditions: Text | None = Field(None, description="工作环境: where and how the work is done (Markdown)")
    career_path: CareerPath | None = Field(None, description="职业发展: roles one comes from and moves on to")
    scenarios: list[Scenario] = []
    assessment: Assessment | None = None
    glossary: list[Term] = []
    extra: dict[str, Union[StrictInt, StrictFloat, Text]] = Field(
        {}, description="Custom fields, each declared under `fields:` in rolebook.yaml")
    changes: list[ChangeEntry] = Field([], description="The role's change history, newest first; the newest "
                                                       "version equals `version`")

    def kpis(self) -> list[Kpi]:
        return self.assessment.kpis() if self.assessment else []


# --- rolebook.yaml -------------------------------------------------------------------


class Approval(Spec):
    step: Text = Field(description="编制, 审核, 批准… (Prepared, Reviewed, Approved…)")
    name: Text | None = Field(None, description="Who: a person, a department or a meeting")
    date: Annotated[datetime.date, BeforeValidator(_date_text)] | None = Field(None, description="YYYY-MM-DD")


class Handbook(Spec):
    title: Text | None = Field(None, description="The handbook's title")
    roles: list[Slug] | None = Field(None, description="The roles it holds, in order (default: every concrete role)")
    policies: list[str] = Field([], description="Policy chapters (Markdown files), after the roles")
    front: list[str] = Field([], description="总则: chapters before the roles (Markdown files)")
    back: list[str] = Field([], description="附则: chapters after the glossary (Markdown files)")
    numbering: Literal["chinese", "decimal", "none"] = Field(
        "none", description="Chapters and their sections numbered 第一章 / 第一条 (chinese) or 1 / 1.1 (decimal)")
    document_number: Text | None = Field(None, description="文件编号: the regulation's document number")
    approval: list[Approval] = Field([], description="编制 / 审核 / 批准: who prepared, reviewed and approved it")
    publication: Text | None = Field(None, description="How it was discussed and published (Markdown), as labour "
                                                        "law asks of a 规章制度")


class Branding(Spec):
    font: str | None = None
    cjk_font: str | None = None
    accent_color: Annotated[str, StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$")] | None = None
    logo: str | None = None


Localized = Union[Text, dict[str, Text]]  # one text, or one per language tag


class CustomField(Spec):
    label: Localized = Field(description="How the job description names the field, or a label per language")
    type: Literal["text", "markdown", "number"] = Field("text", description="text, markdown or number")


class Posting(Spec):
    about: Text | None = Field(None, description="The organisation, for candidates (Markdown)")
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] | None = Field(
        None, description="ISO 3166 country code of the job locations (CN, TW, HK, US…), for search engines")
    benefits: TextList = Field([], description="What the organisation offers")
    statement: Text | None = Field(None, description="An equal-opportunity statement")


class Settings(Spec):
    organization: Text | None = None
    language: LanguageTag = "en"
    handbook: Handbook = Handbook()
    branding: Branding = Branding()
    fields: dict[str, CustomField] = Field({}, description="Custom role fields (a role's `extra:`), by key")
    jd_signatures: TextList | None = Field(None, description="Who signs a job description "
                                                            "(default: employee, direct supervisor)")
    posting: Posting | None = Field(None, description="The candidate-facing job posting's texts")


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
