"""LibreOffice, driven through UNO: lays Word documents out, updates their tables of contents, reports
page numbers, and exports PDF. One LibreOffice process for a whole build.

This file runs under the Python that LibreOffice's UNO bridge belongs to (Debian's python3-uno: the
system python3), not rolebook's: it imports nothing of rolebook. rolebook/render/pdf.py starts it with
a JSON list of jobs on standard input and reads a JSON list of results on standard output.

A job: {"docx": path, "pdf": path or null, "pdf_a": bool}. A result: {"pages": N, "toc": [[text, page],
…]} (the updated contents' lines), or {"error": message}.
"""

import json
import os
import subprocess
import sys
import tempfile
import time

import uno  # noqa: E402 (system python3 with python3-uno)
from com.sun.star.beans import PropertyValue  # noqa: E402
from com.sun.star.connection import NoConnectException  # noqa: E402


def prop(name, value):
    item = PropertyValue()
    item.Name, item.Value = name, value
    return item


def filter_data(pdf_a: bool):
    data = [prop("ExportBookmarks", True), prop("UseTaggedPDF", True), prop("ExportNotes", False)]
    if pdf_a:
        data.append(prop("SelectPdfVersion", 2))  # PDF/A-2b
    return uno.Any("[]com.sun.star.beans.PropertyValue", tuple(data))


def connect(pipe: str, process):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(600):  # up to a minute for LibreOffice to start
        if process.poll() is not None:
            raise RuntimeError(f"LibreOffice stopped (exit {process.returncode}) before it could be used")
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except NoConnectException:
            time.sleep(0.1)
    raise RuntimeError("LibreOffice did not answer within a minute")


def lay_out(desktop, job):
    url = uno.systemPathToFileUrl(os.path.abspath(job["docx"]))
    document = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True), prop("ReadOnly", False)))
    try:
        toc = []
        indexes = document.getDocumentIndexes()
        for i in range(indexes.getCount()):
            index = indexes.getByIndex(i)
            index.update()
            for line in index.getAnchor().getString().splitlines():
                text, _, page = line.rpartition("\t")
                if text and page.strip().isdigit():
                    toc.append([text.strip(), int(page)])
        document.refresh()
        pages = document.getCurrentController().getPropertyValue("PageCount")
        if job.get("pdf"):
            target = uno.systemPathToFileUrl(os.path.abspath(job["pdf"]))
            document.storeToURL(target, (prop("FilterName", "writer_pdf_Export"),
                                         prop("FilterData", filter_data(job.get("pdf_a", False)))))
        return {"pages": pages, "toc": toc}
    finally:
        document.close(True)


def main():
    jobs = json.load(sys.stdin)
    soffice = os.environ.get("ROLEBOOK_SOFFICE", "soffice")
    pipe = f"rolebook-{os.getpid()}"
    with tempfile.TemporaryDirectory(prefix="rolebook-office-") as profile:
        process = subprocess.Popen(
            [soffice, "--headless", "--invisible", "--nologo", "--norestore", "--nodefault", "--nolockcheck",
             f"-env:UserInstallation={uno.systemPathToFileUrl(profile)}", f"--accept=pipe,name={pipe};urp;"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            context = connect(pipe, process)
            desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
            results = []
            for job in jobs:
                try:
                    results.append(lay_out(desktop, job))
                except Exception as exc:  # one document's failure is reported with it, the others go on
                    results.append({"error": f"{type(exc).__name__}: {exc}"})
            try:
                desktop.terminate()
            except Exception:  # LibreOffice closes the connection as it terminates
                pass
        finally:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
