"""Versioning as HR reviews it, on temporary git repositories: the Word redline (whole numbers and
versions, authors, the project's look, a summary), policies, settings and the library in every diff
format, `rolebook log`, and the version check against a branch's merge-base."""

import json
import os
import re
import shutil
import subprocess

import pytest
import yaml

from rolebook.history.words import tokens, word_diff
from rolebook.render.ooxml import NS

from clients import pdf_text, schema_problems, to_pdf, xml_part
from conftest import REPO, run_rolebook

W = "{%s}" % NS["w"]
FIRST, SECOND, THIRD = "2026-01-05T09:00:00Z", "2026-03-01T02:00:00Z", "2026-03-02T08:30:00Z"


def git(root, *args, author="李华", date=FIRST):
    env = {**os.environ, "GIT_AUTHOR_NAME": author, "GIT_AUTHOR_EMAIL": "hr@example.com",
           "GIT_COMMITTER_NAME": author, "GIT_COMMITTER_EMAIL": "hr@example.com",
           "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True, env=env).stdout


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def sales_manager_change(root):
    """Two weights, the version, a daily task and the appeal policy, as one HR change."""
    spec = root / "role_specs" / "sales-manager.yaml"
    edit(spec, "          weight: 25\n        # 选定值：003 写“可包括", "          weight: 20\n        # 选定值：003 写“可包括")
    edit(spec, "          unit: 家\n          weight: 8", "          unit: 家\n          weight: 13")
    edit(spec, "version: 1.0.0", "version: 1.1.0")
    edit(spec, "      - 制定月度及季度销售计划", "      - 制定月度、季度及年度销售计划")
    edit(root / "policies" / "appeals.md", "可按规定程序向人力资源部提出申诉", "可在结果公布后 15 个工作日内向人力资源部提出书面申诉")


@pytest.fixture
def repo(tmp_path):
    """The example project (Chinese) in git: issued by 李华, then changed by 王芳 in one commit."""
    root = tmp_path / "hr"
    root.mkdir()
    for name in ("rolebook.yaml", "role_specs", "library", "policies"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / name)
    (root / ".gitignore").write_text("build/\n")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "首次发布")
    sales_manager_change(root)
    git(root, "commit", "-q", "-am", "销售经理：调整权重与申诉期限", author="王芳", date=SECOND)
    return root


def redline(root, tmp_path, *revisions):
    out = tmp_path / "redline.docx"
    result = run_rolebook("diff", *revisions, "--format", "docx", "--out", str(out), cwd=root)
    assert result.returncode == 0, result.stderr
    return out


def marked(document, kind):
    """The text of each w:ins or w:del element."""
    text = "w:t" if kind == "ins" else "w:delText"
    return ["".join(e.xpath(f".//{text}/text()", namespaces=NS)) for e in document.xpath(f"//w:{kind}", namespaces=NS)]


# --- tokens ------------------------------------------------------------------------------------


def test_numbers_percentages_dates_and_versions_are_single_tokens():
    assert tokens("权重35%，版本 1.4.0，生效 2026-01-05（2026年1月5日）v2.0") == [
        "权", "重", "35%", "，", "版", "本", " ", "1.4.0", "，", "生", "效", " ", "2026-01-05", "（", "2026年1月5日",
        "）", "v2.0"]
    assert word_diff("weight 35% since 1.0.0", "weight 30% since 1.10.0") == [
        ("equal", "weight "), ("delete", "35%"), ("insert", "30%"), ("equal", " since "), ("delete", "1.0.0"),
        ("insert", "1.10.0")]
    assert "".join(tokens("Grow the pipeline — 新客户 12 家")) == "Grow the pipeline — 新客户 12 家"


# --- the Word redline --------------------------------------------------------------------------


def test_the_redline_replaces_numbers_and_versions_whole(repo, tmp_path):
    document = xml_part(redline(repo, tmp_path, "HEAD~1", "HEAD"), "word/document.xml")
    deleted, inserted = marked(document, "del"), marked(document, "ins")
    for old, new in (("1.0.0", "1.1.0"), ("25%", "20%"), ("8%", "13%")):
        assert old in deleted and new in inserted, (old, new)
    for paragraph in document.xpath("//w:p[w:ins or w:del]", namespaces=NS):
        pieces = []  # (kind, text) in reading order
        for child in paragraph:
            if child.tag in (W + "ins", W + "del", W + "r"):
                text = "".join(child.xpath(".//w:t/text() | .//w:delText/text()", namespaces=NS))
                pieces.append((child.tag, text))
        for n, (tag, text) in enumerate(pieces):
            if tag == W + "r" or not re.search(r"\d", text):
                continue
            before = next((t for g, t in reversed(pieces[:n]) if g == W + "r" and t), "")
            after = next((t for g, t in pieces[n + 1:] if g == W + "r" and t), "")
            assert not re.search(r"[\d.]$", before) and not re.match(r"[\d.%]", after), \
                f"a number is cut: {before!r} [{text!r}] {after!r}"


def test_the_redline_credits_the_commit_its_title_properties_and_summary(repo, tmp_path):
    out = redline(repo, tmp_path, "HEAD~1", "HEAD")
    document = xml_part(out, "word/document.xml")
    changes = document.xpath("//w:ins | //w:del", namespaces=NS)
    assert len(changes) >= 8
    assert {c.get(W + "author") for c in changes} == {"王芳"}
    assert {c.get(W + "date") for c in changes} == {SECOND}
    title = "销售经理 岗位说明书 修订对照（1.0.0 → 1.1.0）"
    first = document.xpath("//w:body/w:p[1]", namespaces=NS)[0]
    assert first.xpath("string(w:pPr/w:pStyle/@w:val)", namespaces=NS) == "Title"
    assert "".join(first.xpath(".//w:t/text()", namespaces=NS)) == title
    core = xml_part(out, "docProps/core.xml")
    ns = {"dc": "http://purl.org/dc/elements/1.1/", "dcterms": "http://purl.org/dc/terms/",
          "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"}
    assert core.findtext("dc:title", namespaces=ns) == title
    assert core.findtext("dc:creator", namespaces=ns) == "王芳"
    assert core.findtext("dcterms:created", namespaces=ns) == core.findtext("dcterms:modified", namespaces=ns) == SECOND
    summary = document.xpath("//w:tbl[1]", namespaces=NS)[0]
    rows = [["".join(c.xpath(".//w:t/text()", namespaces=NS)) for c in row.xpath("w:tc", namespaces=NS)]
            for row in summary.xpath("w:tr", namespaces=NS)]
    assert rows[0] == ["序号", "项目", "修订内容", "修订人"]
    assert ["3", "销售经理 · 绩效考核", "销售额/回款额达成率 权重 25% → 20%", "王芳"] in rows  # role and section
    # a reworded task is one change, old → new (it was a removal and an addition)
    assert ["2", "销售经理 · 岗位职责", "制定销售策略与计划，明确销售目标及市场定位 日常任务 制定月度及季度销售计划 → "
            "制定月度、季度及年度销售计划", "王芳"] in rows
    assert any(r[1] == "制度章节《申诉机制》" and "在结果公布后 15 个工作日内" in r[2] for r in rows)
    assert all(r[3] == "王芳" for r in rows[1:])
    assert "在结果公布后 15 个工作日内" in marked(document, "ins")  # the policy chapter, tracked


def test_the_redline_looks_like_the_projects_job_descriptions(repo, tmp_path):
    out = redline(repo, tmp_path, "HEAD~1", "HEAD")
    assert run_rolebook("build", "--kind", "jd", "--format", "docx", cwd=repo).returncode == 0
    jd = repo / "build" / "jd" / "sales-manager.docx"

    def faces(docx):
        return sorted({tuple(sorted(f.attrib.items())) for f in xml_part(docx, "word/styles.xml").iter(W + "rFonts")})

    assert faces(out) == faces(jd)
    assert "SimSun" in str(faces(out))  # the example's Chinese body face, as in its job descriptions
    header = "".join(xml_part(out, "word/header1.xml").xpath("//w:t/text()", namespaces=NS))
    assert header.startswith("示例科技有限公司")
    assert schema_problems(out) == ""
    text = pdf_text(to_pdf(out, outdir=tmp_path)[0])
    assert "修订摘要" in text and "1.1.0" in text and "第 1 页，共" in text


def test_each_change_is_credited_to_the_commit_that_made_it(repo, tmp_path):
    spec = repo / "role_specs" / "sales-manager.yaml"
    edit(spec, "      - 与高层管理讨论确定年度销售目标", "      - 与总经理讨论确定年度销售目标")
    git(repo, "commit", "-q", "-am", "措辞", author="赵强", date=THIRD)
    document = xml_part(redline(repo, tmp_path, "HEAD~2", "HEAD"), "word/document.xml")
    by_text = {"".join(e.xpath(".//w:t/text()", namespaces=NS)): e.get(W + "author")
               for e in document.xpath("//w:ins", namespaces=NS)}
    assert by_text["总经"] == "赵强"  # blame: the later commit wrote that line (高层管理 → 总经理)
    assert by_text["、季度"] == by_text["年"] == "王芳"  # the earlier one wrote this task's line
    assert by_text["在结果公布后 15 个工作日内"] == "王芳"  # and is the last to change the policy


def test_uncommitted_changes_are_the_users_and_undated(repo, tmp_path):
    git(repo, "config", "user.name", "陈静")
    edit(repo / "role_specs" / "sales-manager.yaml", "      - 制定月度、季度及年度销售计划", "      - 制定年度销售计划")
    document = xml_part(redline(repo, tmp_path), "word/document.xml")
    changes = document.xpath("//w:ins | //w:del", namespaces=NS)
    assert changes and {c.get(W + "author") for c in changes} == {"陈静"}
    assert {c.get(W + "date") for c in changes} == {None}


# --- what the diff covers ----------------------------------------------------------------------


def test_the_text_and_json_diffs_report_the_policy(repo):
    result = run_rolebook("diff", "HEAD~1", "HEAD", cwd=repo)
    assert result.returncode == 0, result.stderr
    assert "~ 制度章节 policies/appeals.md（申诉机制）：修改" in result.stdout  # a Chinese project: Chinese words
    assert "可[-按规定程序-]{+在结果公布后 15 个工作日内+}向人力资源部提出{+书面+}申诉。" in result.stdout
    data = json.loads(run_rolebook("diff", "HEAD~1", "HEAD", "--format", "json", cwd=repo).stdout)
    [policy] = data["policies"]
    assert policy["file"] == "policies/appeals.md" and policy["status"] == "changed"
    [paragraph] = policy["changes"]
    assert paragraph["kind"] == "changed" and "书面申诉" in paragraph["new"] and "书面" not in paragraph["old"]
    assert data["commits"] == [{"hash": data["commits"][0]["hash"], "date": "2026-03-01", "author": "王芳",
                                "subject": "销售经理：调整权重与申诉期限"}]


def test_settings_and_the_library_are_reported_on_their_own(repo, tmp_path):
    edit(repo / "rolebook.yaml", "title: 销售体系岗位职责与考核制度", "title: 销售体系岗位职责与绩效考核制度")
    library = repo / "library" / "kpis.yaml"
    data = yaml.safe_load(library.read_text(encoding="utf-8"))
    used = {kpi["id"] for kpi in data}
    data.append({"id": "unused-kpi", "name": "备用指标", "unit": "%"})
    library.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert "unused-kpi" not in used
    text = run_rolebook("diff", cwd=repo).stdout
    assert "~ 项目设置 rolebook.yaml：已修改" in text
    assert "handbook.title: 销售体系岗位职责与考核制度 → 销售体系岗位职责与绩效考核制度" in text
    assert "+ KPI 备用指标 (unused-kpi) 新增：备用指标" in text  # a space after the Latin-ended name
    data = json.loads(run_rolebook("diff", "--format", "json", cwd=repo).stdout)
    assert data["roles"] == [] and data["policies"] == []
    assert [c["path"] for c in data["settings"]] == [["settings", "handbook", "title"]]
    assert [c["path"] for c in data["library"]] == [["library", "kpis", "unused-kpi"]]
    page = run_rolebook("diff", "--format", "html", cwd=repo).stdout
    assert "项目设置" in page and "共享指标库" in page and "备用指标" in page
    document = xml_part(redline(repo, tmp_path), "word/document.xml")
    cells = document.xpath("//w:tbl[1]//w:tc//w:t/text()", namespaces=NS)
    assert "项目设置" in cells and "共享指标库" in cells


def test_an_unknown_role_is_a_usage_error_and_no_changes_write_nothing(repo, tmp_path):
    result = run_rolebook("diff", "HEAD~1", "HEAD", "--role", "sales-manger", "--format", "docx", cwd=repo)
    assert result.returncode == 2 and "本项目没有岗位 'sales-manger'；您是否要用 'sales-manager'？" in result.stderr
    assert "sales-rep" in run_rolebook("diff", "--role", "nosuch", cwd=repo).stderr  # the list to choose from
    kept = tmp_path / "redline.docx"
    kept.write_bytes(b"an earlier redline")
    for args in (["--format", "docx", "--out", str(kept)], ["--format", "html", "--out", str(kept)],
                 ["--format", "docx"], ["--role", "sales-rep", "--format", "docx", "HEAD~1", "HEAD"]):
        result = run_rolebook("diff", *args, cwd=repo)
        assert result.returncode == 0, result.stderr
        assert "之间没有变化" in result.stderr and "未写入任何文件" in result.stderr  # a Chinese project
    assert kept.read_bytes() == b"an earlier redline"
    assert not (repo / "build").exists()
    result = run_rolebook("diff", cwd=repo)
    assert result.stdout == "HEAD 与 工作区 之间没有变化\n"  # was "working tree" in a Chinese sentence
    assert "rolebook diff HEAD~1 HEAD" in result.stderr  # what the user, having committed, meant


def test_the_html_report_has_one_title_a_key_hidden_words_and_the_commits(repo):
    page = run_rolebook("diff", "HEAD~1", "HEAD", "--format", "html", cwd=repo).stdout
    assert page.count("<h1>") == 1 and "<h1>销售经理 岗位说明书 修订对照（1.0.0 → 1.1.0）</h1>" in page
    assert "<title>销售经理 岗位说明书 修订对照（1.0.0 → 1.1.0）</title>" in page
    assert '<p class="legend"><strong>图例</strong>' in page
    assert '<span class="visually-hidden">[新增：] </span>20%' in page
    assert '<span class="visually-hidden">[删除：] </span>25%' in page
    assert "王芳 · 销售经理：调整权重与申诉期限" in page
    assert "<td>销售额/回款额达成率 权重 25% → 20%</td><td>王芳</td>" in page


def test_the_html_report_shows_colours_and_says_the_changes_in_chromium(repo, tmp_path):
    from clients import browser

    page = tmp_path / "diff.html"
    assert run_rolebook("diff", "HEAD~1", "HEAD", "--format", "html", "--out", str(page), cwd=repo).returncode == 0
    with browser() as driver:
        driver.get(page.as_uri())
        style = driver.execute_script(
            "const s = e => getComputedStyle(document.querySelector(e));"
            "const hidden = document.querySelector('ins .visually-hidden').getBoundingClientRect();"
            "return [s('ins').backgroundColor, s('ins').textDecorationLine, s('del').backgroundColor,"
            "        s('del').textDecorationLine, hidden.width, document.querySelector('ins').textContent];")
    assert style[0] != style[2] and "rgba(0, 0, 0, 0)" not in style[:4:2]
    assert style[1] == "underline" and style[3] == "line-through"
    assert style[4] <= 1 and style[5].startswith("[新增：]")


# --- rolebook log ------------------------------------------------------------------------------


def test_log_lists_each_version_with_its_author_and_changes(repo):
    result = run_rolebook("log", "sales-manager", cwd=repo)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "sales-manager (销售经理)"
    head, first = (git(repo, "rev-parse", "--short=7", rev).strip() for rev in ("HEAD", "HEAD~1"))
    assert lines[1] == f"1.1.0  2026-03-01  王芳  {head}"  # the commit, for `rolebook diff {first} {head}`
    assert "  - 销售额/回款额达成率 权重 25% → 20%" in lines and "  - 新客户开发 权重 8% → 13%" in lines
    assert lines[-2:] == [f"1.0.0  2026-01-05  李华  {first}", "  - 首次发布"]
    hint = run_rolebook("diff", "1.0.0", cwd=repo)  # a version is not a revision: the log names the commits
    assert hint.returncode == 2 and "1.0.0" in hint.stderr and "`rolebook log 岗位` 列出每个版本及其提交" in hint.stderr
    data = json.loads(run_rolebook("log", "sales-manager", "--format", "json", cwd=repo).stdout)
    assert [(v["version"], v["author"]) for v in data["versions"]] == [("1.1.0", "王芳"), ("1.0.0", "李华")]
    bad = run_rolebook("log", "sales-manger", cwd=repo)
    assert bad.returncode == 2 and "您是否要用 'sales-manager'" in bad.stderr


def test_log_keeps_the_authors_summary_and_adds_what_changed(repo):
    spec = repo / "role_specs" / "sales-manager.yaml"
    edit(spec, "version: 1.1.0", "version: 1.2.0")
    edit(spec, "      - 制定月度、季度及年度销售计划", "      - 制定年度销售计划")
    result = run_rolebook("bump", "sales-manager", "--patch", "-m", "精简日常任务", cwd=repo)
    assert result.returncode == 0, result.stderr
    git(repo, "commit", "-q", "-am", "1.2.1", author="赵强", date=THIRD)
    text = run_rolebook("log", "sales-manager", cwd=repo).stdout
    assert "1.2.1  " in text and "赵强" in text and "  - 精简日常任务" in text
    assert "      制定销售策略与计划，明确销售目标及市场定位 日常任务 制定月度、季度及年度销售计划 → 制定年度销售计划" in text


# --- the version check -------------------------------------------------------------------------


def branch_with_two_commits(root, bump_first: bool):
    git(root, "checkout", "-q", "-b", "draft")
    spec = root / "role_specs" / "sales-rep.yaml"
    edit(spec, "version: 1.0.0", "version: 1.1.0" if bump_first else "version: 1.0.0")
    text = spec.read_text(encoding="utf-8")
    first_task = re.search(r"daily_tasks:\n\s+- (.+)\n", text).group(1)
    edit(spec, first_task, first_task + "（第一稿）")
    git(root, "commit", "-q", "-am", "第一稿", date=THIRD)
    edit(spec, "（第一稿）", "（第二稿）")
    git(root, "commit", "-q", "-am", "第二稿", date=THIRD)


def test_a_branch_needs_one_bump_against_its_merge_base(repo):
    branch_with_two_commits(repo, bump_first=True)
    against_main = run_rolebook("validate", "--strict", "--against", "main", cwd=repo)
    assert against_main.returncode == 0, against_main.stdout + against_main.stderr
    against_parent = run_rolebook("validate", "--strict", "--against", "HEAD~1", cwd=repo)  # the old, per-commit check
    assert against_parent.returncode == 1 and "version-not-bumped" in against_parent.stdout
    edit(repo / "role_specs" / "sales-manager.yaml", "      - 制定月度、季度及年度销售计划", "      - 制定年度销售计划")
    on_main = run_rolebook("validate", "--strict", "--against", "main", cwd=repo)
    assert on_main.returncode == 1 and "岗位“sales-manager”自 main 以来有改动" in on_main.stdout


def test_the_default_branch_is_the_upstreams(repo, tmp_path):
    origin = tmp_path / "origin.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(repo), str(origin)], check=True)
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(origin), str(clone)], check=True)
    git(clone, "checkout", "-q", "-b", "draft")
    assert git(clone, "symbolic-ref", "--short", "refs/remotes/origin/HEAD").strip() == "origin/main"
    spec = clone / "role_specs" / "sales-rep.yaml"
    text = spec.read_text(encoding="utf-8")
    task = re.search(r"daily_tasks:\n\s+- (.+)\n", text).group(1)
    edit(spec, task, task + "（草稿）")
    git(clone, "commit", "-q", "-am", "草稿")
    flagged = run_rolebook("validate", "--strict", "--against", "default-branch", cwd=clone)
    assert flagged.returncode == 1 and "自 origin/main 以来有改动" in flagged.stdout
    edit(spec, "version: 1.0.0", "version: 1.0.1")
    git(clone, "commit", "-q", "-am", "bump")
    assert run_rolebook("validate", "--strict", "--against", "default-branch", cwd=clone).returncode == 0


def readme_pre_commit_config() -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(# \.pre-commit-config\.yaml.*?)```", text, flags=re.S)
    assert block, "the README shows a .pre-commit-config.yaml"
    return block.group(1)


def test_the_readme_pre_commit_config_runs(repo):
    pre_commit = shutil.which("pre-commit")
    if pre_commit is None:
        pytest.fail("pre-commit is a test dependency (pip install -e '.[test]')")
    (repo / ".pre-commit-config.yaml").write_text(readme_pre_commit_config(), encoding="utf-8")
    git(repo, "add", ".pre-commit-config.yaml")
    git(repo, "commit", "-q", "-m", "hooks")
    branch_with_two_commits(repo, bump_first=True)
    env = {**os.environ, "PRE_COMMIT_HOME": str(repo.parent / "pre-commit-home")}
    run = subprocess.run([pre_commit, "run", "--all-files"], cwd=repo, capture_output=True, text=True, env=env,
                         timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "rolebook version bumped" in run.stdout and "Passed" in run.stdout
    edit(repo / "role_specs" / "sales-manager.yaml", "      - 制定月度、季度及年度销售计划", "      - 制定年度销售计划")
    run = subprocess.run([pre_commit, "run", "--all-files"], cwd=repo, capture_output=True, text=True, env=env,
                         timeout=300)
    assert run.returncode == 1 and "version-not-bumped" in run.stdout
