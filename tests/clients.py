"""Real clients for the tests: the OOXML schema check, LibreOffice, pdftotext and Chromium.

A missing client is a failure, not a skip: CI installs them all (see .ci/run).
"""

from __future__ import annotations

import re
import shutil
from contextlib import contextmanager
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from lxml import etree

from conftest import REPO

VALIDATOR = REPO / "tests" / "data" / "ooxml" / "validate_docx.py"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--hide-scrollbars"]


def need(program: str) -> str:
    path = shutil.which(program)
    assert path, f"{program} is not installed; .ci/run installs it"
    return path


def schema_problems(*files: Path) -> str:
    """Output of the ISO/IEC 29500 schema check (empty when every file is valid)."""
    assert VALIDATOR.is_file(), f"{VALIDATOR} is missing"
    result = subprocess.run([sys.executable, str(VALIDATOR), *map(str, files)], capture_output=True, text=True,
                            timeout=600)
    return result.stdout if result.returncode else ""


def to_pdf(*files: Path, outdir: Path) -> list[Path]:
    """Convert documents with LibreOffice (one process for all of them)."""
    soffice = need("soffice")
    assert len({f.stem for f in files}) == len(files), "documents with one name would overwrite one PDF"
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(outdir), *map(str, files)], capture_output=True, timeout=600, check=True)
    pdfs = [outdir / (f.stem + ".pdf") for f in files]
    for pdf in pdfs:
        assert pdf.is_file(), f"LibreOffice did not convert {pdf.stem}"
    return pdfs


JOINERS = str.maketrans("", "", "\u2060")  # word joiners: invisible, and not part of the words


def pdf_text(pdf: Path) -> str:
    return subprocess.run([need("pdftotext"), "-raw", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout.translate(JOINERS)


PAGE_NUMBER = re.compile(r"^(第\s*\d+\s*[页頁]，共\s*\d+\s*[页頁]|Page\s*\d+\s*of\s*\d+)$")


def body_pages(pdf: Path) -> list[list[str]]:
    """Each page's lines of text without its furniture: the lines every page has (the running header)
    and the page number."""
    pages = [[line.strip() for line in page.splitlines() if line.strip()] for page in pdf_text(pdf).split("\f")]
    pages = [page for page in pages if page]
    furniture = set.intersection(*(set(page) for page in pages)) if len(pages) > 1 else set()
    return [[line for line in page if line not in furniture and not PAGE_NUMBER.match(line)] for page in pages]


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run([need("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:")))


def chromium_pdf(html: Path, pdf: Path) -> Path:
    """Open a page in headless Chromium and print it, as a reader would."""
    chromium = need("chromium")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--no-pdf-header-footer",
                        f"--print-to-pdf={pdf}", html.resolve().as_uri()], capture_output=True, timeout=120)
    assert pdf.is_file() and pdf.stat().st_size > 0, f"Chromium did not print {html}"
    return pdf


def xml_part(docx: Path | bytes, name: str) -> etree._Element:
    source = docx if isinstance(docx, Path) else __import__("io").BytesIO(docx)
    with zipfile.ZipFile(source) as archive:
        return etree.fromstring(archive.read(name))


def normalised(element: etree._Element) -> str:
    """Pretty-printed XML, for golden comparisons of parts (not zip bytes)."""
    parser = etree.XMLParser(remove_blank_text=True)
    return etree.tostring(etree.fromstring(etree.tostring(element), parser), pretty_print=True,
                          encoding="unicode")


@contextmanager
def browser():
    """Debian's Chromium driven by chromium-driver through selenium, as a user's browser would be."""
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.binary_location = need("chromium")
    with tempfile.TemporaryDirectory() as profile:
        options.add_argument(f"--user-data-dir={profile}")
        driver = webdriver.Chrome(service=Service(need("chromedriver")), options=options)
        try:
            yield driver
        finally:
            driver.quit()


NODE_MODULES = REPO / "tests" / "node_modules"


def html_problems(*pages: Path) -> list[str]:
    """The Nu Html Checker's errors and warnings for the pages (empty when they are clean)."""
    jar = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
    assert jar.is_file(), f"{jar} is missing; .ci/run installs it (npm install --prefix tests)"
    result = subprocess.run([need("java"), "-jar", str(jar), "--format", "gnu", "--also-check-css",
                             *map(str, pages)], capture_output=True, text=True, timeout=600)
    return [line for line in result.stderr.splitlines() + result.stdout.splitlines() if line.strip()]


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def axe_violations(driver, page: Path) -> list[str]:
    """axe-core's violations of WCAG 2.0–2.2 A/AA and its best practices on a page, in Chromium."""
    script = (NODE_MODULES / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
    driver.get(page.resolve().as_uri())
    driver.execute_script(script)
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}}).then(done);", AXE_TAGS)
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])}: {v['nodes'][0]['target']})" for v in result["violations"]]


def recalculated(workbook: Path, outdir: Path) -> Path:
    """The workbook (or CSV file) as LibreOffice Calc computes it: opened, its formulas calculated, saved
    as .xlsx."""
    soffice = need("soffice")
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                        "xlsx:Calc MS Excel 2007 XML", "--outdir", str(outdir), str(workbook)],
                       capture_output=True, timeout=600, check=True)
    result = outdir / (workbook.stem + ".xlsx")
    assert result.is_file(), f"LibreOffice did not convert {workbook.name}"
    return result
