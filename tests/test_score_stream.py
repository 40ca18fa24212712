"""`rolebook score` streams: the results are checked in one pass and read again to score, each employee's
appraisal written by a worker as its row comes. What that must not change: the same bytes with one
worker or two and the summary in row order; a file that cannot be read is refused where it breaks; a
file changed between the two passes is refused, nothing written."""

import csv
import io
import shutil
import subprocess
import sys

import pytest

from rolebook.errors import UsageError
from rolebook.project import load_project
from rolebook.results.check import Checker
from rolebook.results.read import read_table

from conftest import REPO, copy_project, run_rolebook
from test_score import cases, results_csv, scored  # noqa: F401 (scored: the fixture)


def files(folder):
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_one_worker_or_two_write_the_same_bytes_in_row_order(scored, tmp_path):  # noqa: F811
    role = load_project(scored).roles["account-manager"]
    path = results_csv(scored, role, cases(role, 150, seed=3))
    outs = []
    for jobs in ("1", "2"):
        result = run_rolebook("score", str(path), "-j", jobs, "-v", "--out", str(tmp_path / jobs), cwd=scored)
        assert result.returncode == 0, result.stderr
        outs.append(result.stdout)
    assert files(tmp_path / "1") == files(tmp_path / "2")
    assert outs[0] == outs[1] and len(outs[0].splitlines()) == 150
    summary = list(csv.DictReader(io.StringIO((tmp_path / "2" / "summary.csv").read_text(encoding="utf-8-sig"))))
    assert [line["employee"] for line in summary] == [f"员工{n:02d}" for n in range(1, 151)]
    assert [line.split("\t")[0] for line in outs[1].splitlines()] == [line["employee"] for line in summary]
    assert len(files(tmp_path / "2")) == 150 * 2 + 4  # docx and html per employee; the summary's four files


@pytest.mark.parametrize("content, where, message", [
    (b"employee,role,period\n" + b"x," * (3 << 19) + b"\xff,a,b\n", f"2:{1 + (3 << 19)}", "not UTF-8 text: Excel's"),
    (b"employee,role,period\nE1,a,b\nE2,a\0,b\n", "3:2", "control character U+0000 (NUL)"),
    (b"employee,role,period\nE1,a,b\n" + b'"' + b"y" * 200_000 + b'",a,b\n', "1:1", "not a CSV file: field larger"),
    (b"", "1:1", "empty: the first row names the columns"),
], ids=["not-utf-8-past-the-first-block", "nul", "not-csv", "empty"])
def test_a_results_file_that_cannot_be_read_is_refused_where_it_breaks(scored, content, where, message):  # noqa: F811
    (scored / "results.csv").write_bytes(content)
    result = run_rolebook("score", "results.csv", cwd=scored)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"results.csv:{where}: error[bad-results]: {message}" in result.stdout
    assert "nothing was written" in result.stderr and not (scored / "build").exists()


def test_a_file_changed_between_the_check_and_the_scoring_is_refused(scored):  # noqa: F811
    project = load_project(scored)
    role = project.roles["account-manager"]
    path = results_csv(scored, role, cases(role, 5, seed=4))
    checker = Checker(project, read_table(path, "results.csv"), None)
    checker.check()
    assert not checker.problems and checker.found == 5
    assert [record.employee for record in checker.again().records()] == [f"员工{n:02d}" for n in range(1, 6)]
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace(",", ",about ", 3).replace("about account", "account").replace("about 2026", "2026")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(UsageError, match="changed while it was scored"):
        list(checker.again().records())


def test_forms_and_appraisals_do_not_load_pypinyin(tmp_path):
    """A Chinese glossary is ordered by pinyin, which loads pypinyin (50 MB in each scoring worker); a
    form never shows the glossary, so it is ordered only when a document reads it."""
    root = copy_project(REPO, tmp_path / "example")
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from rolebook.project import load_project\n"
        "from rolebook.render.documents import Renderer\n"
        f"project = load_project(Path({str(root)!r}))\n"
        "renderer = Renderer(project)\n"
        "for role in project.concrete_roles():\n"
        "    renderer.render('form', role, ('docx', 'html'))\n"
        "print('pypinyin' in sys.modules)\n"
        "renderer.render('jd', project.concrete_roles()[0], ('html',))\n"
        "print('pypinyin' in sys.modules)\n")
    shutil.rmtree(root / ".rolebook", ignore_errors=True)  # no remembered sort keys
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True"]
