"""Generated numbers and Unicode in specs, policies and results: the command line never prints a traceback,
no output holds NaN or an infinity, and no word of a policy chapter is lost (issue 27)."""

import csv
import io
import re
import shutil
import zipfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from conftest import run_rolebook, write_files

NOT_FINITE = re.compile(r"(?<![A-Za-z])(?:nan|NaN|NAN|inf|Inf|INF|Infinity|-Infinity)(?![A-Za-z])")
TEXT_PARTS = (".html", ".json", ".svg", ".csv", ".xml", ".rels")

numbers = st.one_of(st.integers(-150, 250), st.floats(allow_nan=True, allow_infinity=True),
                    st.floats(-150, 250, allow_nan=False))
unicode_text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=16).filter(
    lambda text: text.strip() and not re.search(r"nan|inf", text, re.I))
# Words no text of rolebook's own holds (no vowels but o and u), numbered so that each is found once.
words = st.lists(st.text("bcdfgklmoprstuv", min_size=3, max_size=7), min_size=3, max_size=10).map(
    lambda found: [f"{word}x{number}" for number, word in enumerate(found)])
clean_text = st.text(st.characters(categories=("L", "N", "Zs"), exclude_characters="\u2028\u2029"), min_size=1,
                     max_size=16).filter(lambda text: text.strip() and not re.search(r"nan|inf", text, re.I))


@st.composite
def projects(draw):
    """Half the time numbers and texts a valid spec may hold (so documents are built and checked), else
    anything: NaN, infinities, negative and oversized weights, control characters, U+FFFE."""
    sane = draw(st.booleans())
    text = clean_text if sane else unicode_text
    weight = draw(st.integers(1, 99) | st.floats(0.5, 99.5) if sane else numbers)
    other = 100 - weight if isinstance(weight, (int, float)) and abs(weight) < 1e6 else draw(numbers)
    low = draw(st.floats(0, 500))
    high = low + draw(st.floats(1, 500))
    thresholds = {"pass": high, "excellent": low} if sane else {"pass": draw(numbers), "excellent": draw(numbers)}
    role = {
        "id": "clerk",
        "title": draw(text),
        "department": draw(text),
        "duties": [{"title": draw(text), "share": 100}],
        "assessment": {
            "dimensions": [{"id": "d", "name": draw(text), "kpis": [
                {"id": "errors", "name": draw(text), "direction": "lower", "weight": weight,
                 "target": (low + high) / 2 if sane else draw(numbers), "thresholds": thresholds},
                {"id": "speed", "name": "Speed", "weight": other, "target": 10,
                 "thresholds": {"pass": 5, "excellent": 20}},
            ]}],
            "grades": [{"grade": "A", "min": draw(st.floats(1, 120) if sane else numbers)}, {"grade": "B", "min": 0}],
        },
    }
    depth = draw(st.integers(0, 14))
    chapter_words = draw(words)
    nested = "\n".join(("  " * min(i, depth) + "- " if draw(st.booleans()) else ">" * (min(i, depth) + 1) + " ")
                       + word for i, word in enumerate(chapter_words))
    chapter = f"# {draw(unicode_text).replace(chr(10), ' ')}\n\n{nested}\n"
    employees = draw(st.lists(text, min_size=1, max_size=3, unique_by=lambda s: s.strip()))
    result = st.floats(-1e6, 1e6) | st.integers(-1000, 1000) if draw(st.booleans()) else numbers
    results = [(name, draw(result), draw(result)) for name in employees]
    return role, chapter, chapter_words, results


def output_texts(folder: Path):
    """Every text an output holds: pages, CSV and JSON, and the XML parts of Word and Excel files."""
    for path in sorted(folder.rglob("*")):
        if path.suffix in (".docx", ".xlsx"):
            with zipfile.ZipFile(path) as package:
                for name in package.namelist():
                    if name.endswith(TEXT_PARTS):
                        yield f"{path.name}:{name}", package.read(name).decode("utf-8")
        elif path.suffix in TEXT_PARTS:
            yield path.name, path.read_text(encoding="utf-8-sig")


def no_traceback(result, command):
    assert "Traceback" not in result.stderr, (command, result.stderr)
    assert result.returncode in (0, 1), (command, result.returncode, result.stderr)


@settings(max_examples=16, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(projects())
def test_generated_inputs_give_messages_or_clean_documents(tmp_path_factory, generated):
    role, chapter, chapter_words, results = generated
    root = tmp_path_factory.mktemp("generated")
    write_files(root, {"rolebook.yaml": "language: en\nhandbook:\n  policies: [policies/chapter.md]\n",
                       "policies/chapter.md": chapter,
                       "role_specs/clerk.yaml": yaml.safe_dump(role, allow_unicode=True, sort_keys=False)})
    try:
        validated = run_rolebook("validate", cwd=root)
        no_traceback(validated, "validate")
        built = run_rolebook("build", "--kind", "jd", "--kind", "form", "--kind", "handbook", "--kind", "workbook",
                             cwd=root)
        no_traceback(built, "build")
        assert built.returncode == validated.returncode, (validated.stdout, built.stderr)
        event(f"spec valid: {built.returncode == 0}")
        if built.returncode == 0:
            for name, text in output_texts(root / "build"):
                found = NOT_FINITE.search(text)
                assert found is None, f"{name}: {text[max(0, found.start() - 60):found.end() + 60]!r}"
            page = (root / "build" / "handbook.html").read_text(encoding="utf-8")
            document = zipfile.ZipFile(root / "build" / "handbook.docx").read("word/document.xml").decode("utf-8")
            for word in chapter_words:
                assert word in page and word in document, word
        table = io.StringIO()
        writer = csv.writer(table)
        writer.writerow(["employee", "role", "period", "errors", "speed"])
        writer.writerows([name, "clerk", "2026Q1", errors, speed] for name, errors, speed in results)
        (root / "results.csv").write_text(table.getvalue(), encoding="utf-8")
        scored = run_rolebook("score", "results.csv", cwd=root)
        no_traceback(scored, "score")
        event(f"results valid: {scored.returncode == 0}")
        if scored.returncode == 0:
            for name, text in output_texts(root / "build" / "appraisals"):
                found = NOT_FINITE.search(text)
                assert found is None, f"{name}: {text[max(0, found.start() - 60):found.end() + 60]!r}"
    finally:
        shutil.rmtree(root, ignore_errors=True)
