"""How `rolebook import` grows with the size of a document: a job description of N pages (Word, and the
same text as Markdown), timed through the command line. Prints figures; asserts nothing.

    python benchmarks/bench_import.py            # 50, 200 and 500 pages
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

PARAGRAPHS_A_PAGE = 20


def word_jd(path: Path, pages: int) -> None:
    import docx

    document = docx.Document()
    document.add_heading("仓库主管岗位说明书", 1)
    document.add_heading("岗位职责", 2)
    for duty in range(pages):
        document.add_paragraph(f"{duty + 1}. 第{duty + 1}项职责：负责仓库第{duty + 1}区的日常管理")
        for task in range(PARAGRAPHS_A_PAGE - 1):
            document.add_paragraph(f"核对第{duty + 1}区第{task + 1}批到货单据与实物，组织卸货、验收与上架", style="List Bullet")
    document.save(path)


def markdown_jd(path: Path, pages: int) -> None:
    lines = ["# 仓库主管岗位说明书", "", "## 岗位职责", ""]
    for duty in range(pages):
        lines.append(f"{duty + 1}. 第{duty + 1}项职责：负责仓库第{duty + 1}区的日常管理")
        lines += [f"   - 核对第{duty + 1}区第{task + 1}批到货单据与实物" for task in range(PARAGRAPHS_A_PAGE - 1)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def timed(project: Path, source: Path, role_id: str) -> float:
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "rolebook", "import", str(source), "--id", role_id],
                            cwd=project, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode:
        sys.exit(result.stderr)
    return elapsed


def main() -> None:
    sizes = [int(n) for n in sys.argv[1:]] or [50, 200, 500]
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        project = root / "hr"
        (project / "role_specs").mkdir(parents=True)
        (project / "rolebook.yaml").write_text("language: zh-CN\n", encoding="utf-8")
        print(f"{'pages':>6} {'paragraphs':>11} {'docx s':>8} {'md s':>8}")
        for pages in sizes:
            word, markdown = root / f"jd-{pages}.docx", root / f"jd-{pages}.md"
            word_jd(word, pages)
            markdown_jd(markdown, pages)
            print(f"{pages:>6} {pages * PARAGRAPHS_A_PAGE:>11} {timed(project, word, f'w{pages}'):>8.2f} "
                  f"{timed(project, markdown, f'm{pages}'):>8.2f}", flush=True)


if __name__ == "__main__":
    main()
