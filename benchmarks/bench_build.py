"""Build speed and memory, measured side by side in one run on N generated roles.

    python benchmarks/bench_build.py [N] [--jobs J]        (defaults: 1000 roles, 2 workers)

Prints, for the same roles:
  * validate vs PyYAML's C loader parsing the same files (target: within 2x);
  * job descriptions (docx + html) by `rolebook build --kind jd -j J` vs pandoc converting the
    same Markdown one process per file with `xargs -P J` (target: rolebook at least 10x faster);
  * a no-op rebuild vs the cold build (target: within 5% of it);
  * what a rebuild after editing one role renders (target: its documents and the handbook);
  * a full build (every kind, both formats, the handbook) vs pandoc's job descriptions (target: 3x
    faster), and the peak memory of its largest process.
Needs pandoc on the PATH (Debian's package).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_validate import median_seconds  # noqa: E402
from generate import generate  # noqa: E402

import yaml  # noqa: E402

from rolebook.project import load_project  # noqa: E402


def run(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - start


def rolebook(*args: str) -> list[str]:
    return [sys.executable, "-m", "rolebook", *args]


def pandoc_seconds(markdown_dir: Path, jobs: int) -> float:
    """pandoc, one process per file and format, `jobs` at a time."""
    script = (f"find . -name '*.md' -print0 | xargs -0 -P{jobs} -I{{}} pandoc --quiet {{}} -o {{}}.docx && "
              f"find . -name '*.md' -print0 | xargs -0 -P{jobs} -I{{}} pandoc --quiet -s --metadata title=JD "
              f"{{}} -o {{}}.html")
    return run(["sh", "-c", script], markdown_dir)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("roles", nargs="?", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    # rolebook's commands run as installed: Python caches their bytecode (pip compiles it on install),
    # even where the environment says not to write it (compiling 30 modules again is 0.07 s a command).
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    if not shutil.which("pandoc"):
        sys.exit("pandoc is not installed (apt-get install pandoc)")
    with tempfile.TemporaryDirectory() as folder:
        root = generate(args.roles, Path(folder) / "project")
        files = sorted((root / "role_specs").glob("*.yaml"))
        parse = median_seconds(lambda: [yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader) for p in files])
        check = median_seconds(lambda: load_project(root))

        # The same job descriptions as Markdown, for pandoc.
        from rolebook.render.documents import Renderer

        project = load_project(root)
        renderer = Renderer(project)
        markdown_dir = Path(folder) / "markdown"
        markdown_dir.mkdir()
        for role in project.concrete_roles():
            (markdown_dir / f"{role.id}.md").write_text(renderer.markdown("jd", role), encoding="utf-8")
        pandoc = pandoc_seconds(markdown_dir, args.jobs)
        cold = run(rolebook("build", "--kind", "jd", "-j", str(args.jobs), "--quiet"), root)
        noop = run(rolebook("build", "--kind", "jd", "-j", str(args.jobs), "--quiet"), root)

        shutil.rmtree(root / "build")
        full = run(rolebook("build", "-j", str(args.jobs), "--quiet"), root)
        peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        spec = files[0]
        spec.write_text(spec.read_text(encoding="utf-8").replace("销售部", "销售一部", 1), encoding="utf-8")
        edited = subprocess.run(rolebook("build", "-j", str(args.jobs), "--verbose"), cwd=root, capture_output=True,
                                text=True, check=True).stderr
        rebuilt = sorted(line.split(" ", 1)[1] for line in edited.splitlines() if line.startswith("wrote build"))

    cpus = os.cpu_count()
    print(f"roles: {args.roles}, workers: {args.jobs}, CPUs: {cpus}")
    print(f"validate:           {check:6.2f} s   PyYAML CSafeLoader parse {parse:6.2f} s   "
          f"ratio {check / parse:.2f}x (target <= 2x)")
    print(f"job descriptions:   {cold:6.2f} s   pandoc (xargs -P{args.jobs}) {pandoc:6.2f} s   "
          f"rolebook {pandoc / cold:.1f}x faster (target >= 10x)")
    print(f"no-op rebuild:      {noop:6.2f} s   = {100 * noop / cold:.1f}% of the cold build (target <= 5%)")
    print(f"full build:         {full:6.2f} s   pandoc's job descriptions {pandoc:6.2f} s   rolebook "
          f"{pandoc / full:.1f}x faster (target >= 3x); peak memory of the largest process {peak_mib:.0f} MiB")
    print(f"edit one role:      rebuilt {len([p for p in rebuilt if 'index' not in p])} documents: "
          + ", ".join(p for p in rebuilt if "index" not in p))


if __name__ == "__main__":
    main()
