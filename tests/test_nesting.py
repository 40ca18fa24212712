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
