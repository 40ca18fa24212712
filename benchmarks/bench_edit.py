"""What one edit costs: the time from changing one role's title to the result, in the example project and
in generated projects of several sizes, with the validation cache (.rolebook/cache/) warm and cold.

    python benchmarks/bench_edit.py [N ...] [--edits E] [--serve] [--full] [--instructions]
                                                                             (defaults: 100 1000, 5 edits)

Prints how fast the machine is at the moment (figures of different spells compare through it), then, per
project, medians (and the worst) of E edits:
  * validate after one edit (warm cache), and validate with no cache at all (cold);
  * `build --kind jd --role ONE` after one edit (warm), and the first build of that role (cold);
  * with --full: the same one-role build once every job description has been built (a full manifest);
  * with --serve: edit → the page shows it in `rolebook serve` (polling the page every 20 ms);
  * with --instructions: the instructions one edit's validate and one-role build execute (valgrind's
    callgrind, the hash seed fixed): unlike seconds, the same in every spell of a shared VM, so two
    versions compare to a fraction of a percent.
Issue 33's targets at 1,000 roles: validate ≤ 0.5 s, build --role ONE ≤ 0.5 s, serve ≤ 1 s.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import copy_example, generate  # noqa: E402


def rolebook(*args: str) -> list[str]:
    return [sys.executable, "-m", "rolebook", *args]


def timed(command: list[str], cwd: Path) -> float:
    """The seconds a command takes; a command that fails stops the benchmark, as its time would be that of
    an error message (a machine missing a dependency timed every one-role build at 0.1 s)."""
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command[1:])} failed (exit {result.returncode}):\n{result.stderr[-2000:]}")
    return elapsed


def retitle(spec: Path, n: int) -> str:
    """Give the role a new title; the new title."""
    text = spec.read_text(encoding="utf-8")
    title = f"基准岗位{n}号"
    spec.write_text(re.sub(r"(?m)^title: .*$", f"title: {title}", text, count=1), encoding="utf-8")
    return title


def figures(label: str, seconds: list[float]) -> str:
    return f"{label}: median {statistics.median(seconds):.2f} s, worst {max(seconds):.2f} s"


def after_edits(root: Path, spec: Path, edits: int, first: int, *command: str) -> list[float]:
    """The times of a command, each run after one more edit of the role's title."""
    seconds = []
    for n in range(edits):
        retitle(spec, first + n)
        seconds.append(timed(rolebook(*command), root))
    return seconds


def instructions(command: list[str], cwd: Path) -> str:
    """The instructions a command executes, in billions, as callgrind counts them (about 50 times slower).
    Where it forks (an edit's two documents are made by two processes) the largest count, what the slower
    process executed from the command's start: a forked child's count includes its parent's before the
    fork, so that is the chain the wall time waits for."""
    out = Path(tempfile.mkdtemp()) / "callgrind.out.%p"
    result = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *command], cwd=cwd,
                            env={**os.environ, "PYTHONHASHSEED": "0"}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    shutil.rmtree(out.parent)
    found = [int(count) for count in re.findall(r"Collected : (\d+)", result.stderr)]
    if not found:
        return "(valgrind failed)"
    return f"{max(found) / 1e9:.2f} G" + (f" (the longest of {len(found)} processes)" if len(found) > 1 else "")


def measure(root: Path, edits: int, serve: bool, full: bool, count: bool = False) -> None:
    spec = sorted((root / "role_specs").glob("*.yaml"))[-1]
    role = spec.stem
    cold = []
    for _ in range(3):
        shutil.rmtree(root / ".rolebook", ignore_errors=True)
        cold.append(timed(rolebook("validate"), root))
    print("  " + figures("validate, no cache", cold))
    print("  " + figures("validate after one edit", after_edits(root, spec, edits, 0, "validate")))
    shutil.rmtree(root / "build", ignore_errors=True)
    one_role = ("build", "--kind", "jd", "--role", role)
    print(f"  first build of one role (jd): {timed(rolebook(*one_role), root):.2f} s")
    print("  " + figures("build --kind jd --role ONE after one edit", after_edits(root, spec, edits, 100, *one_role)))
    if full:  # as a team works: every job description built before, the manifest recording them all
        print(f"  build of every job description: {timed(rolebook('build', '--kind', 'jd', '-q'), root):.2f} s")
        print("  " + figures("the same, every job description built", after_edits(root, spec, edits, 300, *one_role)))
    if serve:
        print("  " + figures("serve: edit → page shows it", serve_latencies(root, spec, edits)))
    if count:
        for n, command in enumerate([("validate",), one_role]):
            after_edits(root, spec, 1, 400 + n, *command)  # as warm as the timed runs
            retitle(spec, 500 + n)
            print(f"  instructions of {' '.join(command[:3])} after one edit: {instructions(rolebook(*command), root)}")


def serve_latencies(root: Path, spec: Path, edits: int) -> list[float]:
    process = subprocess.Popen(rolebook("serve", "--port", "0"), cwd=root, stderr=subprocess.PIPE,
                               stdout=subprocess.DEVNULL, text=True)
    try:
        url = None
        while url is None:
            line = process.stderr.readline()
            if not line:
                raise SystemExit("serve did not start")
            found = re.search(r"(http://[\d.]+:\d+/)", line)
            url = found.group(1) if found else None
        page = f"{url}jd/{spec.stem}.html"
        while not _shows(page, ""):
            time.sleep(0.2)  # the first build
        seconds = []
        for n in range(edits):
            time.sleep(1.0)
            start = time.perf_counter()
            title = retitle(spec, 200 + n)
            while not _shows(page, title):
                time.sleep(0.02)
            seconds.append(time.perf_counter() - start)
        return seconds
    finally:
        process.terminate()  # SIGTERM: a SIGINT is ignored by a process started in the background
        process.wait(timeout=60)


def _shows(page: str, text: str) -> bool:
    try:
        with urllib.request.urlopen(page, timeout=30) as response:
            return text in response.read().decode("utf-8")
    except OSError:
        return False


def machine_now() -> str:
    """How fast this machine is now: a shared VM's speed drifts by a quarter between spells, so figures
    taken at different times are compared through these (Python's start, and a fixed pure-Python loop)."""
    start = [timed([sys.executable, "-c", "pass"], Path.cwd()) for _ in range(9)]
    loop = []
    for _ in range(5):
        began = time.perf_counter()
        sum(i * i for i in range(2_000_000))
        loop.append(time.perf_counter() - began)
    return (f"this machine now: Python starts in {statistics.median(start) * 1000:.0f} ms, "
            f"a fixed loop takes {statistics.median(loop) * 1000:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 1000])
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--serve", action="store_true")
    parser.add_argument("--full", action="store_true", help="also time the one-role build after a build of "
                        "every job description")
    parser.add_argument("--instructions", action="store_true", help="also count the instructions of one edit's "
                        "validate and one-role build (valgrind)")
    args = parser.parse_args()
    if args.instructions and shutil.which("valgrind") is None:
        parser.error("--instructions needs valgrind (apt-get install valgrind)")
    # rolebook's commands run as installed: Python caches their bytecode (pip compiles it on install),
    # even where the environment says not to write it
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    print(machine_now())
    with tempfile.TemporaryDirectory() as temp:
        example = copy_example(Path(temp) / "example")
        print("the example project (4 roles):")
        measure(example, args.edits, args.serve, args.full, args.instructions)
        for size in args.sizes:
            root = generate(size, Path(temp) / f"p{size}")
            print(f"{size} generated roles:")
            measure(root, args.edits, args.serve, args.full, args.instructions)
    print(machine_now() + " (at the end)")


if __name__ == "__main__":
    main()
