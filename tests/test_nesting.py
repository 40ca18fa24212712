"""Nothing dropped: Markdown nested as deep as rolebook renders keeps every word in the Word and HTML
documents; deeper nesting is the error markdown-nesting at its line, and nothing is built."""

import re
import zipfile

from clients import schema_problems
from conftest import run_rolebook, write_files


def nested_lists(depth: int, word: str) -> str:
    return "\n".join("  " * i + f"- {word}{i}x" for i in range(depth))


def nested_quotes(depth: int, word: str) -> str:
    return "\n".join(">" * (i + 1) + f" {word}{i}x" for i in range(depth))


def deep_project(root, lists: int, quotes: int):
    chapter = f"# Deep\n\nintro\n\n{nested_lists(lists, 'chapterlist')}\n\nafterlists\n\n" \
              f"{nested_quotes(quotes, 'chapterquote')}\n\nafterquotes\n"
    summary = "\n".join("  " + line for line in (nested_lists(lists, "summarylist") + "\n\nsummaryend").splitlines())
    return write_files(root, {
        "rolebook.yaml": "language: en\nhandbook:\n  policies: [policies/deep.md]\n",
        "policies/deep.md": chapter,
        "role_specs/a.yaml": f"id: a\ntitle: A\nsummary: |\n{summary}\nduties: [{{title: Sell}}]\n",
    })


def words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+\d*x|after[a-z]+|summaryend", text))


def docx_text(path) -> str:
    return zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")


def test_twelve_deep_lists_and_twenty_five_deep_quotes_keep_every_word(tmp_path):
    root = deep_project(tmp_path / "p", lists=12, quotes=25)
    result = run_rolebook("build", "--kind", "handbook", "--kind", "jd", cwd=root)
    assert result.returncode == 0, result.stderr
    chapter = words((root / "policies" / "deep.md").read_text(encoding="utf-8"))
    summary = words((root / "role_specs" / "a.yaml").read_text(encoding="utf-8"))
    assert len(chapter) == 12 + 25 + 2 and len(summary) == 12 + 1
    build = root / "build"
    for text in (docx_text(build / "handbook.docx"), (build / "handbook.html").read_text(encoding="utf-8")):
        assert chapter <= words(text), sorted(chapter - words(text))
        assert summary <= words(text), sorted(summary - words(text))
    for text in (docx_text(build / "jd" / "a.docx"), (build / "jd" / "a.html").read_text(encoding="utf-8")):
        assert summary <= words(text), sorted(summary - words(text))
    # Word's nine list levels: deeper items are drawn at the ninth, and the document stays valid
    assert max(map(int, re.findall(r'w:ilvl w:val="(\d+)"', docx_text(build / "handbook.docx")))) == 8
    assert schema_problems(build / "handbook.docx", build / "jd" / "a.docx") == ""


def test_deeper_than_rendered_is_an_error_at_its_line_and_nothing_is_built(tmp_path):
    root = deep_project(tmp_path / "p", lists=60, quotes=120)
    result = run_rolebook("validate", cwd=root)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    # 50th list level: chapter line 5 + 49; the spec's summary starts at line 4
    assert "policies/deep.md:54:1: error[markdown-nesting]: Markdown nested too deep: rolebook renders up to " \
           "49 lists or 99 block quotes inside each other" in result.stdout
    assert any(line.startswith("role_specs/a.yaml:53:1: error[markdown-nesting]") for line in lines), lines
    assert len([line for line in lines if line.startswith("policies/deep.md")]) == 1  # the first place says it
    result = run_rolebook("build", cwd=root)
    assert result.returncode == 1 and not (root / "build").exists()


def test_validate_loads_the_markdown_parser_only_for_a_text_that_may_nest_too_deep(tmp_path):
    """Checking the nesting parses only a text with a long run of list or quote markers at a line's start:
    `validate` of ordinary specs does without markdown-it (importing it was 6 % of a check after an edit)."""
    import subprocess
    import sys

    script = ("import sys\nfrom rolebook import cli\nsys.argv = ['rolebook', 'validate']\ncode = 0\n"
              "try:\n    cli.main()\nexcept SystemExit as exit:\n    code = exit.code\n"
              "print(code, 'markdown_it' in sys.modules)\n")
    plain = write_files(tmp_path / "plain", {"rolebook.yaml": "organization: X\n", "role_specs/a.yaml":
                                            "id: a\ntitle: A\nsummary: |\n  - one\n  - two\nduties:\n"
                                            "  - title: Sell\n    daily_tasks: [Call customers]\n"})
    deep = deep_project(tmp_path / "deep", lists=60, quotes=120)
    runs = [subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True, text=True)
            for root in (plain, deep)]
    assert [run.stdout.split()[-2:] for run in runs] == [["0", "False"], ["1", "True"]], [r.stderr for r in runs]
