"""Job descriptions HR can publish: every format-1.1 field in Word and HTML, direct reports computed,
internal data in a document-control block, a candidate posting with none of it, and schema.org data."""

import json
import os
import re

import pytest

from rolebook.render.ooxml import NS

from clients import pdf_text, schema_problems, to_pdf, xml_part
from conftest import REPO, build_copy, run_rolebook

JOBS = REPO / "tests" / "render_projects" / "jobs"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_copy(JOBS, tmp_path_factory.mktemp("jobs") / "p")


def word_text(docx) -> str:
    """The text of every paragraph, one space between paragraphs (and so between table cells)."""
    document = xml_part(docx, "word/document.xml")
    text = " ".join("".join(p.itertext()) for p in document.iter(f"{{{NS['w']}}}p"))
    return text.replace("\u00a0", " ").replace("\u2060", "")


BLOCK = re.compile(r"</?(?:p|li|ul|ol|td|th|tr|h[1-6]|div|dt|dd|dl|br|table|tbody|thead|header|main)\b[^>]*>")


def html_text(page) -> str:
    """The page's text as a reader sees it: blocks apart, inline markup gone."""
    body = page.read_text(encoding="utf-8").split("<main>")[1].split("</main>")[0]
    text = re.sub(r"<[^>]+>", "", BLOCK.sub(" ", body))
    text = text.replace("&amp;", "&").replace("&#x27;", "'").replace("&quot;", '"').replace("&nbsp;", " ")
    return " ".join(text.replace("\u00a0", " ").replace("\u2060", "").split())


def both(built, kind, role):
    """The document's text in Word and in HTML (spaces normalised), to check each value in both."""
    return [" ".join(word_text(built / kind / f"{role}.docx").split()), html_text(built / kind / f"{role}.html")]


LEAD_VALUES = [
    "AN-002", "Southampton, hybrid", "Full-time", "Headcount", "£62,000–£75,000 per year",
    "Direct reports Data Analyst",  # computed from the analyst's reports_to
    "Lead the analytics team (40% of working time)", "Own client forecasts (60% of working time)",
    "Relationship With Purpose", "Internal Engineering Ship models to production",
    "External Port authorities, Shipping lines Agree the forecast horizon",
    "Essential", "Education: Master's degree", "Field of study: Statistics, operations research or a related field",
    "Experience: 6 years in forecasting, 2 of them leading a team", "Certificates: Chartered Statistician (RSS)",
    "Languages: English (fluent), Dutch (working knowledge)", "Skills: Python, Time-series modelling",
    "Coaching: Grows the analysts around them",
    "Desirable", "Skills: Maritime logistics", "Public speaking: Presents at industry events",
    "Working conditions", "Office in Southampton three days a week; occasional travel to Rotterdam.",
    "Career path", "Comes from: Data Analyst", "Moves on to: Head of Data Science",
    "Cost center CC-4410", "Hay points 612",
    "Results (70%, range 50%–80%)",
    "Document control", "2.1.0", "Client forecasts now owned by the lead", "Role split from the data analyst",
    "Acknowledgement", "I have read and understood this job description.", "Job holder", "Line manager",
    "People partner",
]


@pytest.mark.parametrize("value", LEAD_VALUES)
def test_every_field_is_in_the_word_and_html_job_description(built, value):
    for text in both(built, "jd", "analytics-lead"):
        assert value in text


def test_the_order_hr_expects(built):
    for text in both(built, "jd", "analytics-lead"):
        order = ["Position information", "Summary", "Duties", "Working relationships", "Requirements",
                 "Working conditions", "Career path", "Performance assessment", "Glossary", "Document control",
                 "Acknowledgement"]
        positions = [text.index(heading) for heading in order]
        assert positions == sorted(positions)
        essential, desirable = text.index("Essential"), text.index("Desirable")
        assert essential < text.index("Coaching") < desirable < text.index("Public speaking")


def test_internal_metadata_is_not_in_the_title_block(built):
    document = xml_part(built / "jd" / "analytics-lead.docx", "word/document.xml")
    first_table = document.find(".//w:tbl", NS)
    header = "".join(first_table.itertext())
    for internal in ("2.1.0", "Approved", "People Team", "2026-03-01"):
        assert internal not in header
    control = word_text(built / "jd" / "analytics-lead.docx").split("Document control")[1]
    assert "Version: 2.1.0" in control and "Status: Approved" in control and "Owner: People Team" in control


def test_library_terms_the_role_uses_are_in_its_glossary(built):
    lead = word_text(built / "jd" / "analytics-lead.docx").split("Glossary")[1]
    analyst = word_text(built / "jd" / "data-analyst.docx").split("Glossary")[1]
    assert "Forecast accuracy" in lead and "Dwell time" not in lead  # the lead's text uses only one
    assert "Dwell time" in analyst


def test_the_posting_shows_the_pitch_and_benefits_and_nothing_internal(built):
    for text in both(built, "postings", "analytics-lead"):
        for shown in ("Harbor Analytics builds demand forecasts", "25 days of paid leave",
                      "A learning budget of 1,500 GBP a year", "We welcome applications from everyone",
                      "Lead the analytics team", "Master's degree", "Nice to have", "Maritime logistics",
                      "Southampton, hybrid", "Full-time", "£62,000–£75,000 per year",
                      "How to apply Send your CV to careers@harbor.example"):
            assert shown in text, shown
        for internal in ("Forecast accuracy", "≥ 88%", "Analyst retention", "2.1.0", "Approved", "People Team",
                         "CC-4410", "612", "AN-002", "Cost center", "Document control", "Weight"):
            assert internal not in text, internal


@pytest.mark.parametrize("language, currency, shown", [
    ("zh-CN", "CNY", "6000–10000 元/月"), ("zh-CN", "USD", "6000–10000 美元/月"), ("zh-CN", "XAF", "6000–10000 XAF/月"),
    ("zh-TW", "TWD", "6,000–10,000 元/月"), ("zh-TW", "CNY", "6,000–10,000 人民幣/月"),  # Taiwan groups digits
    ("en", "CNY", "6,000–10,000 CNY per month"), ("en", "USD", "$6,000–$10,000 per month")])
def test_a_pay_range_names_its_currency_as_the_language_writes_it(language, currency, shown):
    """元 in a Chinese posting, not CNY; in Taiwan 元 is the New Taiwan dollar, so the renminbi is named."""
    from rolebook.render.context import Formatter
    from rolebook.render.labels import labels_for
    from rolebook.spec.model import Salary

    assert Formatter(labels_for(language)).salary(Salary(min=6000, max=10000, currency=currency)) == shown


def test_a_list_whose_items_hold_commas_is_joined_with_semicolons():
    """English skills are joined with commas: "Excel, including pivot tables" read as two skills; Chinese ones
    with 、, and "Word、Excel" so joined read as two skills among the others."""
    from rolebook.render.context import Formatter
    from rolebook.render.labels import labels_for

    english = Formatter(labels_for("en"))
    assert english.join(["SQL", "Python"]) == "SQL, Python"
    assert english.join(["Excel, including pivot tables", "SQL"]) == "Excel, including pivot tables; SQL"
    chinese = Formatter(labels_for("zh-CN"))
    assert chinese.join(["Excel, 透视表", "SQL"]) == "Excel, 透视表、SQL"
    assert chinese.join(["Word、Excel", "CRM 系统"]) == "Word、Excel；CRM 系统"  # 、 inside an item: ；between
    assert Formatter(labels_for("zh-TW")).join(["Word、Excel", "CRM"]) == "Word、Excel；CRM"


def test_every_relationship_row_names_its_side(tmp_path):
    """工作关系 is a table; one continued on the next page showed rows without their side (内部 / 外部 was
    on a side's first row only): every row names it, in Word and in HTML, the first of each side in bold."""
    folder = build_copy(REPO, tmp_path / "example", "--kind", "jd", "--role", "sales-rep")
    page = (folder / "jd" / "sales-rep.html").read_text(encoding="utf-8")
    table = page.split("工作关系</h1>")[1].split("</table>")[0]
    sides = [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<tr>\s*<td[^>]*>(.*?)</td>", table, re.S)]
    assert sides == ["内部"] * 6 + ["外部"] * 3
    assert table.count("<strong>内部</strong>") == 1 and table.count("<strong>外部</strong>") == 1
    document = xml_part(folder / "jd" / "sales-rep.docx", "word/document.xml")
    rows = document.xpath("//w:tbl[.//w:t='关系类别']/w:tr[position() > 1]/w:tc[1]", namespaces=NS)
    assert ["".join(cell.itertext()) for cell in rows] == sides


def test_an_odd_pairs_filler_is_no_shaded_label(tmp_path):
    """岗位基本信息 shows two label/value pairs a row; with an odd number of them the last row's third cell
    is a filler, which Word shaded grey like a label with nothing in it (HTML already made it a plain cell)."""
    folder = build_copy(REPO, tmp_path / "example", "--kind", "jd", "--role", "sales-rep")
    document = xml_part(folder / "jd" / "sales-rep.docx", "word/document.xml")
    table = document.xpath("//w:tbl[.//w:t='岗位名称']", namespaces=NS)[0]
    labels = [(("".join(cell.itertext())), bool(cell.xpath("w:tcPr/w:shd", namespaces=NS)))
              for row in table.xpath("w:tr", namespaces=NS) for cell in row.xpath("w:tc", namespaces=NS)[0::2]]
    assert labels[-1] == ("", False) and all(shaded for text, shaded in labels[:-1]), labels


def json_ld(page) -> dict:
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page.read_text(encoding="utf-8"), re.S)
    assert len(found) == 1
    return json.loads(found[0])


def test_a_posting_that_closes_before_its_date_is_said(tmp_path):
    """posting.closes before the posting's date (its role's effective date) is a validThrough before the
    datePosted: a posting closed before it was out. A closing date after it says nothing."""
    root = tmp_path / "p"
    assert run_rolebook("init", str(root), "--language", "en", cwd=tmp_path).returncode == 0
    [spec] = (root / "role_specs").glob("*.yaml")
    text = re.sub(r"(?m)^effective: .*\n", "", spec.read_text(encoding="utf-8"))
    for closes, said in (("2026-02-28", True), ("2026-04-30", False)):
        spec.write_text(f"effective: 2026-03-01\nposting: {{closes: {closes}}}\n" + text, encoding="utf-8")
        result = run_rolebook("build", "--kind", "posting", "--format", "html", cwd=root)
        assert result.returncode == 0, result.stderr
        assert ("closes on 2026-02-28, before its date 2026-03-01" in result.stderr) == said, result.stderr
        [page] = (root / "build" / "postings").glob("*.html")
        assert json_ld(page)["validThrough"] == closes


def test_an_undated_posting_is_said_and_dated_by_the_first_commit(tmp_path):
    """A role with no effective date is posted on its last commit's date: built before the first commit it had
    no datePosted (nothing said), and the build after the commit left it "up to date"."""
    import subprocess

    root = tmp_path / "p"
    assert run_rolebook("init", str(root), "--language", "en", cwd=tmp_path).returncode == 0
    for spec in (root / "role_specs").glob("*.yaml"):
        spec.write_text(re.sub(r"(?m)^effective: .*\n", "", spec.read_text(encoding="utf-8")), encoding="utf-8")
    env = {**os.environ, "GIT_AUTHOR_NAME": "HR", "GIT_AUTHOR_EMAIL": "hr@example.com", "GIT_COMMITTER_NAME": "HR",
           "GIT_COMMITTER_EMAIL": "hr@example.com", "GIT_COMMITTER_DATE": "2026-05-04T09:00:00Z"}
    env.pop("SOURCE_DATE_EPOCH", None)
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    first = run_rolebook("build", "--kind", "posting", "--format", "html", cwd=root, env=env)
    assert first.returncode == 0 and "has no date" in first.stderr and "datePosted" in first.stderr
    [page] = (root / "build" / "postings").glob("*.html")
    assert "datePosted" not in json_ld(page)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True, env=env)
    subprocess.run(["git", "commit", "-qm", "first"], cwd=root, check=True, env=env)
    again = run_rolebook("build", "--kind", "posting", "--format", "html", cwd=root, env=env)
    assert again.returncode == 0 and "has no date" not in again.stderr
    assert json_ld(page)["datePosted"] == "2026-05-04"


def test_the_posting_carries_a_job_posting_google_accepts(built):
    data = json_ld(built / "postings" / "analytics-lead.html")
    assert data["@context"] == "https://schema.org" and data["@type"] == "JobPosting"
    for required in ("title", "description", "datePosted", "hiringOrganization", "jobLocation"):
        assert data[required], required
    assert data["title"] == "Analytics Lead" and data["datePosted"] == "2026-03-01"
    assert data["employmentType"] == "FULL_TIME"
    assert data["hiringOrganization"] == {"@type": "Organization", "name": "Harbor Analytics",
                                          "description": "Harbor Analytics builds demand forecasts for ports and "
                                                         "shipping lines."}
    assert data["jobLocation"] == {"@type": "Place", "address": {"@type": "PostalAddress",
                                                                 "addressLocality": "Southampton, hybrid",
                                                                 "addressCountry": "GB"}}
    assert "Python" in data["skills"] and "Master's degree" in data["qualifications"]
    assert "Own client forecasts" in data["responsibilities"] and "<li>" in data["description"]
    assert data["baseSalary"]["value"] == {"@type": "QuantitativeValue", "unitText": "YEAR", "minValue": 62000,
                                           "maxValue": 75000}
    assert "612" not in json.dumps(data) and "CC-4410" not in json.dumps(data)


def test_the_job_description_carries_an_occupation(built):
    data = json_ld(built / "jd" / "analytics-lead.html")
    assert data["@type"] == "Occupation" and data["name"] == "Analytics Lead"
    assert data["occupationLocation"] == [{"@type": "City", "name": "Southampton, hybrid"}]
    assert data["estimatedSalary"][0]["currency"] == "GBP"
    assert "Python" in data["skills"]


def test_documents_pass_the_schema_check_and_libreoffice(built, tmp_path):
    files = [built / kind / "analytics-lead.docx" for kind in ("jd", "postings")]
    assert schema_problems(*files) == ""
    posting = tmp_path / "posting.docx"
    posting.write_bytes(files[1].read_bytes())
    pdfs = to_pdf(files[0], posting, outdir=tmp_path)
    assert "Position code" in pdf_text(pdfs[0]) and "What we offer" in pdf_text(pdfs[1])


def test_the_seed_sales_managers_weight_ranges_print(tmp_path):
    out = build_copy(REPO, tmp_path / "example", "--kind", "jd", "--kind", "form", "--kind", "handbook")
    for document in (out / "jd" / "sales-manager.docx", out / "forms" / "sales-manager.docx", out / "handbook.docx"):
        assert re.search(r"（\d+%，区间 \d+%–\d+%）", word_text(document)), document.name


def test_the_json_schema_describes_the_new_fields():
    result = run_rolebook("schema", cwd=REPO)
    schema = json.loads(result.stdout)
    role = schema["properties"]
    for name in ("code", "location", "employment_type", "headcount", "working_conditions", "career_path", "extra",
                 "changes", "salary"):
        assert role[name].get("description"), name
    defs = schema["$defs"]
    assert defs["Duty"]["properties"]["share"]["description"]
    assert defs["Collaboration"]["properties"]["external"]["description"]
    for name in ("major", "certificates", "languages"):
        assert defs["Requirements"]["properties"][name]["description"]


def test_a_partner_named_by_several_duties_is_listed_once_with_each_purpose():
    """The example's sales representative works with 客户 in four duties: the job description's external
    relations list 客户 once, with the four purposes in the order of the duties."""
    from rolebook.project import load_project
    from rolebook.render.context import Formatter

    project = load_project(REPO)
    role = project.roles["sales-rep"]
    external = Formatter(project.labels("zh-CN")).relationships(role)["external"]
    partners = [names for names, _purpose in external]
    assert partners.count(["客户"]) == 1 and len(partners) == len({tuple(p) for p in partners})
    purpose = dict((tuple(names), purpose) for names, purpose in external)[("客户",)]
    written = [partner.purpose for duty in role.duties for partner in duty.collaboration
               if not isinstance(partner, str) and partner.external and list(partner.with_) == ["客户"]]
    assert len(written) == 4 and purpose == "；".join(p.rstrip("。；;.") for p in written)


def test_the_acknowledgement_never_has_a_page_of_its_own(tmp_path):
    """签字确认 (heading, sentence, lines to sign) is kept together, and the document control before it keeps
    with it (::: note keep=next): the seed roles' job descriptions printed 签字确认 alone on their last page."""
    jd = build_copy(REPO, tmp_path / "example", "--kind", "jd") / "jd"
    document = xml_part(jd / "sales-manager.docx", "word/document.xml")
    control = [p for p in document.iter(f"{{{NS['w']}}}p") if "".join(p.itertext()).startswith("版本：")]
    assert control and all(p.find("w:pPr/w:keepNext", NS) is not None for p in control)
    assert 'class="note keep-next"' in (jd / "sales-manager.html").read_text(encoding="utf-8")
    for pdf in to_pdf(*(jd / f"{role}.docx" for role in ("sales-manager", "telesales-supervisor")), outdir=tmp_path):
        last = pdf_text(pdf).split("\f")
        last = [page for page in last if page.strip()][-1]
        assert "签字确认" in last and "文件控制" in last, pdf.name
