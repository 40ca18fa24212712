"""Compliance checks: what a role asks of candidates and what its posting holds, in Chinese and English, with
the look-alikes that must stay silent, the allow list, project rules and the posting build they stop."""

import json
import re

import pytest
import yaml

from conftest import run_rolebook, write_files
from rolebook.compliance.checks import CODES
from rolebook.project import load_project

ROLE = """\
id: clerk
title: {title}
duties:
  - title: {duty}
requirements:
  experience: "{text}"
{more}"""

COMPLIANCE_CODES = set(CODES)


def findings(tmp_path, text: str = "负责接待", settings: str = "language: zh-CN\n", title: str = "文员",
             duty: str = "接待来访客户", more: str = "") -> list:
    """(code, line, column, message) of the compliance findings of one role whose experience is `text`."""
    write_files(tmp_path, {"rolebook.yaml": settings,
                           "role_specs/clerk.yaml": ROLE.format(title=title, duty=duty, text=text, more=more)})
    project = load_project(tmp_path)
    return [(p.code, p.line, p.column, p.message) for p in project.problems if p.code in COMPLIANCE_CODES
            or p.code == "unknown-ref"]


def words(found: list) -> list[str]:
    return [re.match(r"'([^']*)'", message).group(1) for _code, _line, _column, message in found
            if message.startswith("'")]


# --- discriminatory-requirement ---------------------------------------------------------------------------

CHINESE_RESTRICTIONS = [
    ("限男性", "限男性"), ("男士优先", "男士优先"), ("女性，沟通能力强", "女性"), ("年龄 20-28 岁", "年龄 20-28 岁"),
    ("35 岁以下", "35 岁以下"), ("年龄不超过35岁", "年龄不超过35"), ("未婚", "未婚"), ("已婚已育者优先", "已婚已育"),
    ("近期无生育计划", "近期无生育计划"), ("本地户口", "本地户口"), ("无乙肝", "乙肝"), ("形象气质佳", "形象气质佳"),
    ("身高 160cm 以上", "身高 160cm 以上"), ("入职需做孕检", "孕检"), ("限汉族", "限汉族"), ("英语为母语", "英语为母语"),
    ("性别：男", "性别：男"), ("限90后", "限90后"), ("五官端正", "五官端正"),
    # traditional characters and full-width digits, as a zh-TW team or an input method types them
    ("本地戶口", "本地戶口"), ("年齡 ２０-２８ 歲", "年齡 ２０-２８ 歲"), ("男士優先", "男士優先"),
]


@pytest.mark.parametrize("text, found", CHINESE_RESTRICTIONS)
def test_chinese_restrictions_are_found_with_their_words(tmp_path, text, found):
    result = findings(tmp_path, text)
    assert [code for code, *_ in result] == ["discriminatory-requirement"], result
    assert words(result) == [found]
    code, line, column, message = result[0]
    assert (line, column) == (6, 16 + text.index(found))  # `  experience: "` is 15 characters
    assert "《" in message or "政策" in message  # a Chinese project cites China's law by default


ENGLISH_RESTRICTIONS = [
    ("Under 35", "Under 35"), ("female candidates preferred", "female candidates"),
    ("Recent graduates only", "Recent graduates only"), ("Native English speaker", "Native English speaker"),
    ("Male applicants only", "Male applicants"), ("aged 25-35", "aged 25-35"), ("must be a man", "must be a man"),
    ("a pregnancy test is part of hiring", "pregnancy test"), ("married applicants preferred", "married applicants"),
    ("HIV-negative", "HIV"), ("attractive and well presented", "attractive"),
    ("Christian applicants preferred", "Christian applicants"), ("locals only", "locals only"),
    ("no children", "no children"),
    # a US walk-through's phrasings the lists missed, their grounds covered
    ("Must be Christian", "Must be Christian"),
    ("Candidates must be between 25 and 35 years old", "between 25 and 35 years old"),
    ("35 or younger", "35 or younger"), ("Pregnant women need not apply", "Pregnant women need not"),
    ("Must be a US citizen", "Must be a US citizen"), ("No disabilities", "No disabilities"),
    ("Must not be married", "Must not be married"), ("Born after 1990", "Born after 1990"),
    ("Class of 2024 or later", "Class of 2024 or later"),
    ("graduated within the last 5 years", "graduated within the last 5 years"),
    ("Recent college graduates need not apply", "Recent college graduates need not apply"),
    ("Women need not apply", "Women need not apply"), ("able-bodied workers", "able-bodied"),
]


@pytest.mark.parametrize("text, found", ENGLISH_RESTRICTIONS)
def test_english_restrictions_are_found_with_their_words(tmp_path, text, found):
    result = findings(tmp_path, text, settings="language: en\n", title="Clerk", duty="Greet visitors")
    assert [code for code, *_ in result] == ["discriminatory-requirement"], result
    assert words(result) == [found]
    assert result[0][1:3] == (6, 16 + text.index(found))


LOOK_ALIKES = [
    "男女不限", "性别不限，年龄不限", "负责女装品类的销售", "客户以 35 岁以上女性为主", "持有效健康证（食品行业从业要求）",
    "年满 18 周岁", "依据《就业促进法》，不得以性别为由拒绝录用", "维护品牌形象", "五险一金（含生育保险）",
    "享受婚假、产假", "负责母婴产品销售", "熟悉孕婴童用品", "户口不限", "可协助解决户口", "熟练使用办公软件",
    "women's footwear", "maternity ward nurses", "any age", "serving female customers", "under 35 hours a week",
    "at least 18 years old", "We do not discriminate on the basis of age, sex, or marital status",
    "an attractive salary package", "reduce churn to under 35%", "fluent English (CEFR C1)",
    "Chinese at native level", "single point of contact", "archive the files", "manage the customer archive",
    "Must be authorized to work in the United States", "teams of 10 and under", "reduce errors to 10 or less",
    "We do not discriminate on the basis of disability", "Accommodations for pregnant workers are available",
    "Must be a team player", "class of 25 trainees", "a born leader", "serve customers aged 65 and over",
    "at least 18 years old", "This is a W-2 position", "You will receive pay stubs electronically",
]


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_look_alikes_are_no_finding(tmp_path, text):
    assert findings(tmp_path, text) == []
    assert findings(tmp_path, text, settings="language: en\ncompliance: {jurisdictions: [US-CO, EU, CN]}\n",
                    title="Clerk", duty="Greet visitors",
                    more="salary: {min: 1, max: 2, currency: USD}\nposting: {closes: 2026-12-31, benefits: [Dental]}\n") == []


def test_a_block_text_gives_the_line_and_column_of_the_words(tmp_path):
    write_files(tmp_path, {"rolebook.yaml": "language: zh-CN\n", "role_specs/clerk.yaml": (
        "id: clerk\ntitle: 文员\nduties: [{title: 接待}]\nworking_conditions: |\n  办公室环境。\n  入职需做孕检，\"请\"知悉。\n")})
    [problem] = [p for p in load_project(tmp_path).problems if p.code == "discriminatory-requirement"]
    assert (problem.line, problem.column) == (6, 7)


# --- biased-wording -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, found, settings", [
    ("我们是一支年轻、朝气蓬勃的团队，欢迎90后加入", ["年轻", "朝气蓬勃", "90后"], "language: zh-CN\n"),
    ("Join our young, energetic team of digital natives", ["young", "energetic", "digital natives"], "language: en\n"),
    ("recent graduate welcome", ["recent graduate"], "language: en\n"),
    ("应届毕业生优先", ["应届毕业生"], "language: zh-CN\n"),
])
def test_age_coded_words_are_biased_wording(tmp_path, text, found, settings):
    result = findings(tmp_path, text, settings=settings)
    assert {code for code, *_ in result} == {"biased-wording"}
    assert words(result) == found


def test_graduates_are_the_point_of_a_graduate_role(tmp_path):
    assert findings(tmp_path, "应届毕业生优先", title="管理培训生") == []
    assert findings(tmp_path, "recent graduate welcome", settings="language: en\n", title="Graduate Trainee") == []
    # a summary asking for recent graduates does not make a role a graduate role: it silenced its own finding
    asking = findings(tmp_path, "recent graduate welcome", settings="language: en\n", title="Data Analyst",
                      more="summary: Recent graduates welcome to analyse our data\n")
    assert codes(asking) == ["biased-wording", "biased-wording"]
    assert sorted(words(asking)) == ["Recent graduates", "recent graduate"]


def test_a_strongly_masculine_posting_leans_and_one_common_word_does_not(tmp_path):
    strong = "Aggressive, competitive, dominant, fearless and decisive"
    result = findings(tmp_path, strong, settings="language: en\n", title="Clerk", duty="Lead the team")
    assert [code for code, *_ in result] == ["biased-wording"]
    assert "strongly masculine-coded: 6 masculine-coded words against 0" in result[0][3]
    assert result[0][1:3] == (4, 12)  # its first coded word: the duty's "Lead"
    for common in ("Lead the team", "Support customers", "Analyse data, support the team, lead projects",
                   "Lead analytics: leads the analysts, leading analysis of analytics"):  # each stem counts once
        assert findings(tmp_path, common, settings="language: en\n", title="Clerk", duty="Greet") == []
    # one word named for each stem counted (it said "5 words" and listed nine); the title's own words not counted
    strong = "Aggressive, aggression, competitive, competition, dominant, fearless, decisive and a leader"
    [(_code, _line, _column, message)] = findings(tmp_path, strong, settings="language: en\n", title="Team Lead",
                                                  duty="Greet")
    assert "5 masculine-coded words against 0 feminine-coded (aggressive, competitive, dominant, fearless, " \
           "decisive)" in message, message  # "leader": the title's "Lead"
    balanced = "Aggressive, competitive, dominant, fearless; supportive, warm, loyal, kind, polite"
    assert findings(tmp_path, balanced, settings="language: en\n", title="Clerk", duty="Greet") == []


# --- gendered-title -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("title, neutral, language", [
    ("Senior Salesman", "Senior Salesperson", "en"), ("Chairman", "Chair", "en"), ("Waitress", "Server", "en"),
    ("女秘书", "秘书", "zh-CN"), ("前台（女）", "前台", "zh-CN"), ("男保安", "保安", "zh-CN"),
])
def test_a_gendered_title_suggests_a_neutral_one(tmp_path, title, neutral, language):
    result = findings(tmp_path, settings=f"language: {language}\n", title=title)
    assert [code for code, *_ in result] == ["gendered-title"], result
    assert result[0][3].endswith(f"'{neutral}'") and result[0][1] == 2


@pytest.mark.parametrize("title", ["女装销售顾问", "Salesforce Administrator", "Human Resources Manager", "销售代表",
                                   "Mandarin Teacher"])
def test_neutral_titles_are_no_finding(tmp_path, title):
    assert findings(tmp_path, settings="language: en\n", title=title) == []


# --- posting laws -------------------------------------------------------------------------------------------

US = "language: en\ncompliance:\n  jurisdictions: [{}]\n"


def codes(found) -> list[str]:
    return sorted(code for code, *_ in found)


def test_a_china_only_project_gets_no_pay_transparency_finding(tmp_path):
    assert findings(tmp_path, "熟练使用办公软件", settings="language: zh-CN\ncompliance: {jurisdictions: [CN]}\n",
                    more="") == []


def test_colorado_asks_for_a_closed_range_benefits_and_a_deadline(tmp_path):
    assert codes(findings(tmp_path, "Filing", settings=US.format("US-CO"))) == [
        "benefits-missing", "closing-date-missing", "pay-range-missing"]
    found = findings(tmp_path, "Filing", settings=US.format("US-CO"),
                     more="salary: {min: 50000, currency: USD, period: year}\n")
    assert "open-ended-pay-range" in codes(found)
    [open_ended] = [f for f in found if f[0] == "open-ended-pay-range"]
    assert open_ended[1] == 7 and "7 CCR 1103-13" in open_ended[3]
    assert findings(tmp_path, "Filing", settings=US.format("US-CO"), more=(
        "salary: {min: 50000, max: 60000, currency: USD, period: year}\n"
        "posting: {closes: 2026-12-31, benefits: [Health insurance]}\n")) == []


def test_california_wants_both_ends_but_names_no_open_ended_rule(tmp_path):
    found = findings(tmp_path, "Filing", settings=US.format("US-CA"),
                     more="salary: {max: 60000, currency: USD, period: year}\n")
    assert codes(found) == ["pay-range-missing"] and "only a maximum" in found[0][3]


TAIWAN = "language: zh-TW\ncompliance: {jurisdictions: [TW]}\n"


@pytest.mark.parametrize("salary, found", [
    ("", True),                                                                 # the pay is not known
    ("salary: {min: 30000, max: 38000, currency: TWD, period: month}\n", False),  # shown: the law holds
    ("salary: {min: 45000, currency: TWD, period: month}\n", False),   # at or above NT$40,000: the law is silent
    ("salary: {min: 40000, currency: TWD, period: month}\n", False),
    ("salary: {min: 30000, currency: TWD, period: month}\n", True),    # below, and no range
    ("salary: {max: 60000, currency: TWD, period: month}\n", True),    # "up to" may be below
    ("salary: {min: 600000, currency: TWD, period: year}\n", True),    # a year's pay is not converted
    ("salary: {min: 2000, currency: USD, period: month}\n", True),     # nor another currency
])
def test_taiwan_asks_for_a_pay_range_only_below_forty_thousand_a_month(tmp_path, salary, found):
    """就業服務法第 5 條第 2 項第 6 款: a posting shows the pay range where the regular monthly pay is below NT$40,000."""
    result = findings(tmp_path, "熟練使用辦公軟體", settings=TAIWAN, more=salary)
    assert codes(result) == (["pay-range-missing"] if found else [])
    if found:
        message = result[0][3]
        assert "就業服務法第 5 條第 2 項第 6 款" in message and "40,000 TWD a month" in message
        assert ("compliance: {allow: [{code: pay-range-missing" in message) == (salary == "")


def test_a_taiwanese_role_paid_forty_thousand_or_more_keeps_the_finding_with_a_reason(tmp_path):
    allowed = "compliance: {allow: [{code: pay-range-missing, reason: 月薪四萬元以上}]}\n"
    assert findings(tmp_path, "熟練使用辦公軟體", settings=TAIWAN, more=allowed) == []


def test_benefits_of_the_organisation_count_for_every_posting(tmp_path):
    settings = US.format("US-WA") + "posting:\n  benefits: [Dental]\n"
    assert findings(tmp_path, "Filing", settings=settings, more="salary: {min: 1, max: 2, currency: USD}\n") == []


def test_how_to_apply_is_checked_like_every_posting_text(tmp_path):
    """posting.apply is printed in every posting: a restriction written there is found at its line."""
    settings = "language: zh-CN\nposting:\n  apply: 请将简历发送至 hr@example.com，限男性，需附近照。\n"
    found = findings(tmp_path, "负责接待", settings=settings)
    assert [(code, line) for code, line, _column, _message in found] == [("discriminatory-requirement", 3)]
    assert words(found) == ["限男性"]


def test_pay_history_is_asked_only_where_it_is_banned(tmp_path):
    text = "Please state your current salary"
    found = findings(tmp_path, text, settings=US.format("US-CA"), more="salary: {min: 1, max: 2, currency: USD}\n")
    assert codes(found) == ["pay-history-question"] and words(found) == ["current salary"]
    assert findings(tmp_path, text, settings=US.format("CN"), more="salary: {min: 1, max: 2, currency: USD}\n") == []
    assert codes(findings(tmp_path, "请注明目前薪资", settings="language: zh-CN\ncompliance: {jurisdictions: [EU]}\n",
                          more="salary: {min: 1, max: 2, currency: USD}\n")) == ["pay-history-question"]
    assert findings(tmp_path, "We will not ask about your salary history", settings=US.format("US-CA"),
                    more="salary: {min: 1, max: 2, currency: USD}\n") == []
    for asked, said in (("Please provide your most recent pay stub", "provide your most recent pay stub"),
                        ("Attach your W-2", "Attach your W-2"), ("Share your current CTC", "current CTC")):
        found = findings(tmp_path, asked, settings=US.format("US-CA"), more="salary: {min: 1, max: 2, currency: USD}\n")
        assert codes(found) == ["pay-history-question"] and words(found) == [said]


def test_a_record_unemployment_or_credit_restriction_is_found_where_a_jurisdiction_forbids_it(tmp_path):
    """Colorado's Chance to Compete Act and New York City's Fair Chance Act forbid "no felons" in an ad; in China
    a 无犯罪记录 requirement is lawful, so these grounds are checked only where a jurisdiction names them."""
    salary = "salary: {min: 50000, max: 60000, currency: USD, period: year}\n"
    for text, found, ground in (("No felons", "No felons", "arrest or conviction record"),
                                ("Must have a clean criminal record", "clean criminal record", "Fair Chance Act"),
                                ("Must be currently employed", "Must be currently employed", "8-107(21)"),
                                ("Good credit history required", "Good credit history", "Stop Credit Discrimination")):
        nyc = findings(tmp_path, text, settings=US.format("US-NY-NYC"), more=salary)
        assert codes(nyc) == ["discriminatory-requirement"] and words(nyc) == [found] and ground in nyc[0][3]
        assert findings(tmp_path, text, settings=US.format("US"), more=salary) == []  # federal law: none
    colorado = findings(tmp_path, "Felons need not apply", settings=US.format("US-CO"),
                        more=salary + "posting: {closes: 2026-12-31, benefits: [Dental]}\n")
    assert codes(colorado) == ["discriminatory-requirement"] and "C.R.S. 8-2-130" in colorado[0][3]
    for fine in ("clear communication", "write clean code", "credit control experience", "reconcile credit card "
                 "statements", "a background check is required", "currently employed staff get a bonus"):
        assert findings(tmp_path, fine, settings=US.format("US-NY-NYC"), more=salary) == [], fine
    orientation = findings(tmp_path, "Straight candidates preferred", settings=US.format("US"), more=salary)
    assert codes(orientation) == ["discriminatory-requirement"] and "Bostock" in orientation[0][3]


def test_new_york_city_includes_new_york_state_and_the_us(tmp_path):
    found = findings(tmp_path, "Under 35", settings=US.format("US-NY-NYC"), more="salary: {min: 1, currency: USD}\n")
    assert codes(found) == ["discriminatory-requirement", "open-ended-pay-range"]
    assert "29 CFR 1625.4" in found[0][3] + found[1][3]


# --- settings and allow -------------------------------------------------------------------------------------

def test_allow_silences_only_the_code_it_names_for_that_role(tmp_path):
    more = "compliance:\n  allow: [{code: gendered-title, reason: 行业通用称谓}]\n"
    result = findings(tmp_path, "限男性", title="女秘书", more=more)
    assert codes(result) == ["discriminatory-requirement"]
    assert codes(findings(tmp_path, "限男性", title="女秘书", more="compliance: {allow: [discriminatory-requirement]}\n")) \
        == ["gendered-title"]
    bad = findings(tmp_path, "ok", more="compliance: {allow: [gendered-titel]}\n")
    assert bad[0][0] == "unknown-ref" and "did you mean 'gendered-title'" in bad[0][3]


def test_project_rules_set_severity_and_turn_codes_off(tmp_path):
    settings = "language: zh-CN\ncompliance:\n  rules: {discriminatory-requirement: error, gendered-title: off}\n"
    write_files(tmp_path, {"rolebook.yaml": settings, "role_specs/clerk.yaml": ROLE.format(
        title="女秘书", duty="接待", text="限男性", more="")})
    project = load_project(tmp_path)
    assert [(p.code, p.severity) for p in project.problems] == [("discriminatory-requirement", "error")]
    assert "clerk" in project.invalid_roles


def test_the_projects_own_words_and_exceptions(tmp_path):
    settings = ("language: en\ncompliance:\n  words:\n    biased: [rockstar]\n    discriminatory: [Ivy League only]\n"
                "    allowed: [Chairman's Club]\n")
    found = findings(tmp_path, "A rockstar closer; Ivy League only", settings=settings)
    assert codes(found) == ["biased-wording", "discriminatory-requirement"]
    assert words(found) == ["rockstar", "Ivy League only"]
    assert findings(tmp_path, "ok", settings=settings, title="Chairman's Club Host") == []


def test_a_jurisdiction_of_the_projects_own(tmp_path):
    settings = ("language: en\ncompliance:\n  jurisdictions: [ACME-CITY]\n  define:\n    ACME-CITY:\n"
                "      includes: [US]\n      posting: {closing-date: {since: 2027-01-01, source: City Code 1.2}}\n")
    found = findings(tmp_path, "Filing", settings=settings)
    assert codes(found) == ["closing-date-missing"] and "ACME-CITY: City Code 1.2, since 2027-01-01" in found[0][3]


def test_a_projects_own_law_may_hold_only_below_a_pay_level(tmp_path):
    settings = ("language: en\ncompliance:\n  jurisdictions: [ACME-CITY]\n  define:\n    ACME-CITY:\n      posting:\n"
                "        benefits: {source: City Code 3, below: {amount: 5000, currency: USD, period: month}}\n")
    found = findings(tmp_path, "Filing", settings=settings)
    assert codes(found) == ["benefits-missing"] and "where the pay is below 5,000 USD a month" in found[0][3]
    assert findings(tmp_path, "Filing", settings=settings, more="salary: {min: 5000, currency: USD}\n") == []
    assert codes(findings(tmp_path, "Filing", settings=settings, more="salary: {min: 4999, currency: USD}\n")) == [
        "benefits-missing"]


def test_a_role_posted_in_one_place_is_checked_against_that_places_law_only(tmp_path):
    """A company in Colorado and New York City: its New York role owes no Colorado benefits or deadline."""
    settings = US.format("US-CO, US-NY-NYC")
    assert codes(findings(tmp_path, "Filing", settings=settings)) == [
        "benefits-missing", "closing-date-missing", "pay-range-missing"]
    new_york = "compliance: {jurisdictions: [US-NY-NYC]}\n"
    found = findings(tmp_path, "Filing", settings=settings, more=new_york)
    assert codes(found) == ["pay-range-missing"] and "US-CO" not in found[0][3] and "US-NY-NYC" in found[0][3]
    assert findings(tmp_path, "Filing", settings=settings, more="compliance: {jurisdictions: []}\n") == []
    typo = findings(tmp_path, "Filing", settings=settings, more="compliance: {jurisdictions: [US-NYC]}\n")
    [unknown] = [f for f in typo if f[0] == "unknown-ref"]
    assert unknown[1:3] == (7, 30) and "'US-NYC'" in unknown[3] and "did you mean" in unknown[3]


def test_an_unknown_jurisdiction_or_code_is_named(tmp_path):
    settings = "language: en\ncompliance:\n  jurisdictions: [US_CO]\n  rules: {biased-word: off}\n"
    found = findings(tmp_path, "Filing", settings=settings)
    assert [(code, line) for code, line, *_ in found] == [("unknown-ref", 3), ("unknown-ref", 4)]
    assert "did you mean 'US-CO'" in found[0][3] and "did you mean 'biased-wording'" in found[1][3]


def test_without_compliance_settings_there_are_no_posting_rules(tmp_path):
    assert findings(tmp_path, "Filing", settings="language: en\n") == []


# --- where the findings show --------------------------------------------------------------------------------

def test_validate_reports_exits_and_fails_strict(tmp_path):
    write_files(tmp_path, {"rolebook.yaml": "language: zh-CN\n", "role_specs/clerk.yaml": ROLE.format(
        title="文员", duty="接待", text="限男性", more="")})
    result = run_rolebook("validate", cwd=tmp_path)
    assert result.returncode == 0
    # in the project's language, at the words' line and column
    assert "role_specs/clerk.yaml:6:16: warning[discriminatory-requirement]: “限男性”按性别限制" in result.stdout
    assert run_rolebook("validate", "--strict", cwd=tmp_path).returncode == 1
    data = json.loads(run_rolebook("validate", "--format", "json", cwd=tmp_path).stdout)
    assert [(p["code"], p["line"], p["column"]) for p in data] == [("discriminatory-requirement", 6, 16)]


def test_an_error_level_finding_refuses_the_posting_and_writes_nothing(tmp_path):
    settings = "language: zh-CN\ncompliance:\n  rules: {discriminatory-requirement: error}\n"
    write_files(tmp_path, {"rolebook.yaml": settings, "role_specs/clerk.yaml": ROLE.format(
        title="文员", duty="接待", text="限男性", more="")})
    result = run_rolebook("build", "--kind", "posting", cwd=tmp_path)
    assert result.returncode == 1 and "discriminatory-requirement" in result.stderr + result.stdout
    assert not (tmp_path / "build").exists() or not any((tmp_path / "build").rglob("*posting*"))
    assert run_rolebook("validate", cwd=tmp_path).returncode == 1
    (tmp_path / "role_specs/clerk.yaml").write_text(ROLE.format(title="文员", duty="接待", text="沟通能力强", more=""),
                                                   encoding="utf-8")
    assert run_rolebook("build", "--kind", "posting", "--format", "html", cwd=tmp_path).returncode == 0


def test_the_posting_shows_its_deadline_and_benefits_and_the_index_counts_findings(tmp_path):
    settings = "language: en\norganization: Acme\nposting:\n  benefits: [Dental]\ncompliance: {jurisdictions: [US-CO]}\n"
    write_files(tmp_path, {"rolebook.yaml": settings, "role_specs/clerk.yaml": ROLE.format(
        title="Salesman", duty="Greet visitors", text="Filing",
        more="salary: {min: 1, max: 2, currency: USD}\nposting: {closes: 2026-12-31, benefits: [Company car]}\n")})
    result = run_rolebook("build", "--format", "html", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    posting = (tmp_path / "build/postings/clerk.html").read_text(encoding="utf-8")
    assert "Apply by</strong>: 2026-12-31" in posting and "Dental" in posting and "Company car" in posting
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', posting, re.S).group(1))
    assert data["validThrough"] == "2026-12-31" and data["jobBenefits"] == "Dental\nCompany car"
    index = (tmp_path / "build/index.html").read_text(encoding="utf-8")
    row = re.search(r"<h2>Compliance findings</h2>.*?<tbody>\s*(<tr>.*?</tr>)", index, re.S).group(1)
    assert row == "<tr><td>Salesman</td><td>1</td><td>gendered-title</td></tr>"


def test_docs_list_every_jurisdiction_as_the_data_files_say():
    from conftest import REPO
    from rolebook.compliance.table import markdown

    assert markdown() in (REPO / "docs" / "compliance.md").read_text(encoding="utf-8"), \
        "docs/compliance.md is out of date: regenerate its table with python -m rolebook.compliance.table"


def test_posting_laws_and_the_lean_in_a_chinese_project(tmp_path):
    settings = "language: zh-CN\ncompliance: {jurisdictions: [US-CO]}\n"
    found = findings(tmp_path, "熟练使用办公软件", settings=settings)
    assert codes(found) == ["benefits-missing", "closing-date-missing", "pay-range-missing"]
    found = findings(tmp_path, "熟练使用办公软件", settings=settings, more="salary: {max: 9000, currency: CNY}\n")
    assert "open-ended-pay-range" in codes(found)
    lean = findings(tmp_path, "狼性文化，霸气、强势，敢打敢拼，好胜心强")
    assert codes(lean) == ["biased-wording"] and "5 masculine-coded words against 0" in lean[0][3]
    assert findings(tmp_path, "工作细心、有耐心") == []


def test_every_word_of_the_data_files_is_text():
    """YAML 1.1 reads an unquoted no, yes, on or off as a boolean: a word list must hold words only."""
    import yaml

    from rolebook.compliance.rulebook import DATA

    for path in (DATA / "languages").glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for key, value in data.items():
            lists = value.values() if isinstance(value, dict) else [value] if isinstance(value, list) else []
            for entries in lists:
                assert all(isinstance(e, (str, dict)) for e in entries), (path.name, key, entries)


def test_the_shipped_traditional_to_simplified_pairs_are_what_opencc_makes_of_each_character():
    """compliance/data/t2s.txt is OpenCC's t2s of each CJK character alone; when a new OpenCC disagrees,
    `python tools/t2s_table.py` writes it again."""
    from rolebook.compliance.text import T2S_FILE, opencc_pairs, pairs_text, shipped_pairs

    pairs = shipped_pairs()  # refuses two lines of different lengths
    assert pairs == opencc_pairs() and len(pairs) > 4000
    assert T2S_FILE.read_text(encoding="utf-8") == pairs_text(pairs)  # the file is the tool's, byte for byte


def test_each_character_reads_as_opencc_makes_it_alone():
    """The rules read traditional characters as simplified and full-width ones as ASCII, character by
    character (an offset in the normalised text is one in the text), as OpenCC's t2s converts each alone."""
    import random

    import opencc

    from rolebook.compliance.text import normalised

    assert normalised("限男性，２８歲以下　業務經理") == "限男性,28岁以下 业务经理"
    converter = opencc.OpenCC("t2s")
    chars = [chr(c) for c in (*range(0x3400, 0xA000), *range(0xF900, 0xFB00))]
    rng = random.Random(33)
    for _ in range(20):
        text = "".join(rng.choice(chars) for _ in range(200))
        alone = "".join(s if len(s) == 1 else t for t, s in zip(text, (converter.convert(c) for c in text)))
        assert normalised(text) == alone


def test_each_shipped_jurisdiction_is_read_under_the_code_its_file_defines():
    """A project's jurisdictions are read one file at a time by their code (rulebook.shipped): each file must be
    named by the code inside it, or a project naming that code would not find it."""
    from rolebook.compliance.rulebook import DATA, known_jurisdictions, shipped_codes

    codes = {yaml.safe_load(path.read_text(encoding="utf-8"))["code"]
             for path in (DATA / "jurisdictions").glob("*.yaml")}
    assert len(codes) >= 16 and shipped_codes() == codes and set(known_jurisdictions()) == codes


@pytest.mark.parametrize("salary, warned", [
    ("{min: 90000, max: 130000, currency: USD}", True),    # a year's pay, read as a month's: twelve times too high
    ("{min: 90000, max: 130000, currency: USD, period: year}", False),
    ("{min: 25000, max: 30000, currency: USD, period: month}", False),  # written: taken as meant
    ("{min: 19, max: 23, currency: USD}", False),
    ("{min: 25000, max: 30000, currency: CNY}", False),   # a month's pay in yuan
])
def test_a_large_pay_range_without_a_period_is_questioned(tmp_path, salary, warned):
    write_files(tmp_path, {"rolebook.yaml": "language: en\n",
                           "role_specs/clerk.yaml": ROLE.format(title="Clerk", duty="Filing", text="Filing",
                                                                more=f"salary: {salary}\n")})
    found = [p for p in load_project(tmp_path).problems if p.code == "salary-period"]
    assert bool(found) == warned
    if warned:
        assert (found[0].line, found[0].severity) == (7, "warning") and "period: year" in found[0].message
