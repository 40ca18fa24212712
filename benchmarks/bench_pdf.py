"""PDF output: `rolebook build --kind jd --format pdf` (one LibreOffice process lays out every document)
against LibreOffice started once per file (`soffice --convert-to pdf`, as a script would do it).

    python benchmarks/bench_pdf.py [N]        (default: 50 roles)

Prints the documents per second of each, for the job descriptions of N generated roles.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402


def seconds(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("roles", nargs="?", type=int, default=50)
    args = parser.parse_args()
    soffice = shutil.which("soffice")
    if not soffice:
        sys.exit("LibreOffice is not installed")
    with tempfile.TemporaryDirectory() as folder:
        root = generate(args.roles, Path(folder) / "project")
        subprocess.run([sys.executable, "-m", "rolebook", "build", "--kind", "jd", "--format", "docx", "--quiet"],
                       cwd=root, check=True)
        docx = sorted((root / "build" / "jd").glob("*.docx"))
        shutil.rmtree(root / "build")
        ours = seconds([sys.executable, "-m", "rolebook", "build", "--kind", "jd", "--format", "docx", "--format",
                        "pdf", "--quiet"], root)
        out = Path(folder) / "pdf"
        out.mkdir()
        profile = Path(folder) / "profile"
        start = time.perf_counter()
        for file in docx:
            subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                            "--outdir", str(out), str(file)], check=True, capture_output=True)
        each = time.perf_counter() - start
    print(f"{len(docx)} job descriptions to PDF")
    print(f"rolebook build --format pdf (one LibreOffice): {ours:6.1f} s, {len(docx) / ours:5.1f} documents/s "
          "(the .docx rendered too)")
    print(f"soffice --convert-to pdf, one process a file:  {each:6.1f} s, {len(docx) / each:5.1f} documents/s")


if __name__ == "__main__":
    main()
