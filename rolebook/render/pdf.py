"""PDF output and page numbers, through LibreOffice: the one place rolebook starts and talks to it.

One LibreOffice process per build lays every document out (render/office.py, run by the Python its UNO
bridge belongs to): it updates each document's contents with page numbers, reports the page count
and exports PDF (bookmarks from the headings, fonts embedded, PDF/A-2b on request). What LibreOffice
stamps with the clock (creation dates, the file ID) is replaced by values from the document, so the
same inputs give the same PDF.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rolebook.errors import RolebookError, UsageError

OFFICE_SCRIPT = Path(__file__).with_name("office.py")
INSTALL_HINT = ("install LibreOffice and its Python bridge (Debian/Ubuntu: apt-get install libreoffice-writer-nogui "
                "python3-uno; Fedora: dnf install libreoffice-writer libreoffice-pyuno; macOS: brew install --cask "
                "libreoffice), or set ROLEBOOK_SOFFICE and ROLEBOOK_UNO_PYTHON")


class LibreOfficeMissing(UsageError):
    """PDF output was asked for where LibreOffice is not installed (exit 2)."""


class LibreOfficeFailed(RolebookError):
    pass


@dataclass
class Layout:
    """One document to lay out: its .docx, where its PDF goes (None: page numbers only)."""

    docx: Path
    pdf: Path | None = None
    pdf_a: bool = False


@dataclass
class Laid:
    pages: int
    toc: list[tuple[str, int]]  # the updated contents' lines: (text, page)


@lru_cache(maxsize=1)
def office() -> tuple[str, str] | None:
    """(soffice, the python with UNO) when both are there, else None."""
    soffice = os.environ.get("ROLEBOOK_SOFFICE") or shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        return None
    candidates = [os.environ.get("ROLEBOOK_UNO_PYTHON"), "/usr/bin/python3", "/usr/lib/libreoffice/program/python",
                  "/Applications/LibreOffice.app/Contents/Resources/python", shutil.which("python3")]
    for python in filter(None, candidates):
        try:
            found = subprocess.run([python, "-c", "import uno"], capture_output=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if found.returncode == 0:
            return soffice, python
    return None


def available() -> bool:
    return office() is not None


def require() -> None:
    if not available():
        raise LibreOfficeMissing(f"PDF output needs LibreOffice, which was not found: {INSTALL_HINT}")


def lay_out(jobs: list[Layout], timeout: float = 3600) -> list[Laid]:
    """Lay every document out in one LibreOffice process; export the PDFs asked for."""
    if not jobs:
        return []
    require()
    soffice, python = office()
    request = json.dumps([{"docx": str(job.docx), "pdf": str(job.pdf) if job.pdf else None, "pdf_a": job.pdf_a}
                          for job in jobs])
    try:
        done = subprocess.run([python, str(OFFICE_SCRIPT)], input=request, capture_output=True, text=True,
                              timeout=timeout, env={**os.environ, "ROLEBOOK_SOFFICE": soffice})
    except subprocess.TimeoutExpired:
        raise LibreOfficeFailed(f"LibreOffice did not finish laying out {len(jobs)} document(s) in time") from None
    if done.returncode:
        reason = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise LibreOfficeFailed(f"LibreOffice failed: {reason}")
    results = json.loads(done.stdout)
    laid = []
    for job, result in zip(jobs, results):
        if "error" in result:
            raise LibreOfficeFailed(f"LibreOffice could not lay out {job.docx.name}: {result['error']}")
        laid.append(Laid(int(result["pages"]), [(text, int(page)) for text, page in result["toc"]]))
    return laid


_PDF_DATE = re.compile(rb"(/(?:CreationDate|ModDate)\s*\(D:)(\d{14})")
_XMP_DATE = re.compile(rb"(<xmp:(?:CreateDate|ModifyDate|MetadataDate)>)(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)")
_ID = re.compile(rb"(/ID\s*\[\s*<)([0-9A-Fa-f]{32})(>\s*<)([0-9A-Fa-f]{32})(>)")
_CHECKSUM = re.compile(rb"(/DocChecksum\s*/)([0-9A-Fa-f]{32})")
_UUID = re.compile(rb"(uuid:)([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})")


def stabilize(pdf: bytes, date: datetime.date | None) -> bytes:
    """The PDF with the clock taken out: dates become the document's date, the file ID a digest of its
    content. Every replacement has the length of what it replaces, so the file's offsets stay right."""
    day = date or datetime.date(2000, 1, 1)
    stamp = day.strftime("%Y%m%d").encode() + b"000000"
    xmp = day.strftime("%Y-%m-%d").encode() + b"T00:00:00"
    pdf = _PDF_DATE.sub(lambda m: m.group(1) + stamp, pdf)
    pdf = _XMP_DATE.sub(lambda m: m.group(1) + xmp, pdf)
    digest = hashlib.md5(_ID.sub(b"", _CHECKSUM.sub(b"", _UUID.sub(b"", pdf)))).hexdigest().upper().encode()
    pdf = _ID.sub(lambda m: m.group(1) + digest + m.group(3) + digest + m.group(5), pdf)
    pdf = _CHECKSUM.sub(lambda m: m.group(1) + digest, pdf)
    uuid = digest.lower()
    return _UUID.sub(lambda m: m.group(1) + b"-".join((uuid[:8], uuid[8:12], uuid[12:16], uuid[16:20], uuid[20:32])),
                     pdf)
