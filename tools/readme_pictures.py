"""Regenerate the README's pictures from the example project, as a reader sees the documents.

    python tools/readme_pictures.py          # writes docs/images/*.png

Builds the example into a temporary folder, has LibreOffice print the Word documents (pdftoppm turns the
pages into pictures) and headless Chromium take screenshots of the HTML pages. Needs soffice, pdftoppm,
pdftotext and chromium (what .ci/run installs).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
IMAGES = REPO / "docs" / "images"
WIDTH = 820  # pixels across a page picture: readable in the README, small in git


def run(*command: str, cwd: Path | None = None) -> str:
    return subprocess.run(command, cwd=cwd, check=True, capture_output=True, text=True, timeout=600).stdout


def to_pdf(docx: Path, folder: Path) -> Path:
    with tempfile.TemporaryDirectory() as profile:
        run("soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir",
            str(folder), str(docx))
    return folder / (docx.stem + ".pdf")


def page_with(pdf: Path, words: str) -> int:
    """The first page whose text holds `words` (1-based)."""
    for page, text in enumerate(run("pdftotext", "-layout", str(pdf), "-").split("\f"), 1):
        if words in text.replace(" ", ""):
            return page
    raise SystemExit(f"{pdf.name}: no page holds {words!r}")


def page_picture(pdf: Path, page: int, name: str) -> None:
    stem = IMAGES / name
    run("pdftoppm", "-png", "-singlefile", "-f", str(page), "-l", str(page), "-scale-to-x", str(WIDTH),
        "-scale-to-y", "-1", str(pdf), str(stem))
    print("wrote", stem.with_suffix(".png").relative_to(REPO))


def screenshot(page: Path, name: str, size: str = "1280,900") -> None:
    target = IMAGES / f"{name}.png"
    with tempfile.TemporaryDirectory() as profile:
        run("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
            f"--user-data-dir={profile}", f"--window-size={size}", f"--screenshot={target}", page.as_uri())
    print("wrote", target.relative_to(REPO))


def import_pictures(work: Path) -> None:
    """Before and after `rolebook import`: a Word 岗位说明书 as HR types it, and the spec it becomes."""
    import html

    sys.path.insert(0, str(REPO / "tests"))
    from test_import import chinese_word_jd  # the document the import tests write

    source = chinese_word_jd(work / "仓库主管岗位说明书.docx")
    page_picture(to_pdf(source, work), 1, "import-word")
    project = work / "hr"
    (project / "role_specs").mkdir(parents=True)
    (project / "rolebook.yaml").write_text("language: zh-CN\n", encoding="utf-8")
    run(sys.executable, "-m", "rolebook", "import", str(source), cwd=project)
    spec = (project / "role_specs" / "cangku-zhuguan.yaml").read_text(encoding="utf-8")
    page = work / "spec.html"
    page.write_text("<!DOCTYPE html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><body style=\"margin:16px;"
                    "font:13px/1.45 'Noto Sans Mono CJK SC',monospace\"><pre>" + html.escape(spec) + "</pre>",
                    encoding="utf-8")
    screenshot(page, "import-spec", "820,1160")


def main() -> None:
    for program in ("soffice", "pdftoppm", "pdftotext", "chromium"):
        if not shutil.which(program):
            sys.exit(f"{program} is not installed")
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        out = work / "build"
        run(sys.executable, "-m", "rolebook", "build", "--out", str(out), cwd=REPO)
        jd = to_pdf(out / "jd" / "sales-manager.docx", work)
        page_picture(jd, 1, "jd-word-page1")
        page_picture(jd, page_with(jd, "考核指标"), "jd-word-kpis")
        page_picture(to_pdf(out / "forms" / "sales-manager.docx", work), 1, "form-word")
        handbook = to_pdf(out / "handbook.docx", work)
        page_picture(handbook, 1, "handbook-word-cover")
        page_picture(handbook, page_with(handbook, "在当今竞争激烈的商业环境中"), "handbook-word-general")
        screenshot(out / "jd" / "sales-manager.html", "jd-html")
        screenshot(out / "handbook.html", "handbook-html")
        import_pictures(work)


if __name__ == "__main__":
    main()
