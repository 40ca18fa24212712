"""The validation cache (.rolebook/cache/): `rolebook validate` with a warm cache reports exactly what a
check from scratch reports, after every kind of edit; a damaged, foreign or stale cache changes nothing;
processes validating at once leave a readable cache."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, copy_project, run_rolebook
from rolebook.project import load_project

FAMILY = REPO / "tests" / "render_projects" / "family"
ORG = REPO / "tests" / "projects" / "organisation"
CACHE = Path(".rolebook") / "cache"


def shards(root) -> list[Path]:
    """The cache's files of entries (roles-XX.json, by the first characters of their keys)."""
    found = sorted((root / CACHE).glob("roles-*.json"))
    assert found
    return found


def reference(root: Path) -> list[dict]:
    """The problems of a check from scratch, without the cache, as `validate --format json` lists them."""
    import os

    from rolebook import messages, paths

    here = os.getcwd()
    os.chdir(root)
    paths.use_projects([])  # the messages in the project's language, as the command line speaks
    try:
        return [p.as_dict() for p in load_project(root).problems]
    finally:
        os.chdir(here)
        messages.use(None)


def validated(root: Path) -> list[dict]:
    result = run_rolebook("validate", "--format", "json", cwd=root)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


def edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


EDITS = {
    "a role": [("role_specs/account-executive.yaml", "title: Account Executive", "title: Account Lead")],
    "a role's weights": [("role_specs/account-executive.yaml", "weight: 70", "weight: 60")],
    "a family": [("role_specs/customer-facing.yaml", "period: quarterly", "period: monthly"),
                 ("role_specs/customer-facing.yaml", "- {grade: B, min: 0", "- {grade: B, min: 95")],
    "a family's KPIs": [("role_specs/customer-facing.yaml", "  period: quarterly",  # its roles' weights: 110
                         "  period: quarterly\n  dimensions:\n    - id: extra\n      name: Extra\n      kpis:\n"
                         "        - {id: calls, name: Calls, weight: 10, target: 5, thresholds: {pass: 4, excellent: 6}}")],
    "a library KPI": [("library/kpis.yaml", "thresholds: {pass: 80, excellent: 95}",
                       "thresholds: {pass: 95, excellent: 80}")],
    "a glossary term": [("library/glossary.yaml", "- term: Pipeline",
                         "- term: SLA\n  definition: A contract.\n- term: Pipeline")],
    "rolebook.yaml": [("rolebook.yaml", "language: en", "language: en\njob_grades: [{grade: Z9, rank: 1}]")],
    "a policy chapter": [("policies/appraisal.md", "#", "# Changed\n\n#")],
}


@pytest.mark.parametrize("kind", list(EDITS))
def test_a_warm_cache_reports_what_a_check_from_scratch_reports(kind, tmp_path):
    root = copy_project(FAMILY, tmp_path / "p")
    assert validated(root) == reference(root)  # cold: the cache is written
    assert shards(root)
    for name, old, new in EDITS[kind]:
        edit(root, name, old, new)
    assert validated(root) == reference(root)
    assert validated(root) == reference(root)  # and warm again


def test_glossary_conflict_and_unused_terms_across_cached_roles(tmp_path):
    root = copy_project(FAMILY, tmp_path / "p")
    validated(root)
    spec = root / "role_specs" / "support-engineer.yaml"
    spec.write_text(spec.read_text(encoding="utf-8") + "glossary:\n  - {term: SLA, definition: Something else.}\n"
                    "  - {term: Nowhere, definition: Never mentioned.}\n", encoding="utf-8")
    found = validated(root)
    assert found == reference(root)
    assert {p["code"] for p in found} >= {"glossary-conflict", "unused-term"}


def test_a_family_term_that_only_a_cached_child_mentions_is_used(tmp_path):
    """The cache keeps which of its family's terms a role mentions, not its text: a child with a glossary
    of its own (which replaces the family's) still counts as mentioning the family's SLA while it is read
    from the cache, and stops counting when it no longer names it."""
    root = copy_project(FAMILY, tmp_path / "p")
    child = root / "role_specs" / "support-engineer.yaml"
    child.write_text(child.read_text(encoding="utf-8") + "glossary:\n  - {term: Ticket, definition: A request.}\n",
                     encoding="utf-8")

    def unused() -> list[str]:
        found = validated(root)
        assert found == reference(root)
        return [p["message"] for p in found if p["code"] == "unused-term"]

    assert not any("SLA" in message for message in unused())  # cold
    edit(root, "role_specs/account-executive.yaml", "title: Account Executive", "title: Account Lead")
    assert not any("SLA" in message for message in unused())  # the child's facts from the cache
    edit(root, "role_specs/support-engineer.yaml", "within the SLA", "quickly")
    assert any("SLA" in message for message in unused())


def test_deleted_renamed_duplicated_and_broken_files(tmp_path):
    root = copy_project(ORG, tmp_path / "org")
    assert validated(root) == reference(root) == []
    (root / "role_specs" / "sales-director.yaml").unlink()  # two roles report to it
    assert validated(root) == reference(root) != []
    shutil.move(root / "role_specs" / "accountant.yaml", root / "role_specs" / "bookkeeper.yaml")  # id-mismatch
    assert validated(root) == reference(root)
    shutil.copy(root / "role_specs" / "recruiter.yaml", root / "role_specs" / "recruiter-2.yaml")  # duplicate id
    assert validated(root) == reference(root)
    (root / "role_specs" / "hr-assistant.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    assert validated(root) == reference(root)
    edit(root, "role_specs/finance-manager.yaml", "grade: M2", "grade: M2\nreports_to: accountant")
    found = validated(root)
    assert found == reference(root)
    assert "reports-cycle" in {p["code"] for p in found}


def test_a_damaged_foreign_or_stale_cache_changes_nothing(tmp_path):
    root = copy_project(ORG, tmp_path / "org")
    edit(root, "role_specs/sales-rep.yaml", "weight: 100", "weight: 90")
    expected = reference(root)
    assert validated(root) == expected
    good = {path: path.read_bytes() for path in shards(root)}
    for damage in (lambda data: data[: len(data) // 2], lambda data: b"\x00\xff garbage", lambda data: b"[]",
                   lambda data: b'{"format": 999}',
                   lambda data: json.dumps({**json.loads(data), "environment": "another"}).encode()):
        for path, data in good.items():
            path.write_bytes(damage(data))
        assert validated(root) == expected
    # stale: the cache of the role before an edit is not used for the role after it
    edit(root, "role_specs/sales-rep.yaml", "weight: 90", "weight: 100")
    for path in shards(root):
        path.unlink()
    for path, data in good.items():
        path.write_bytes(data)
    assert validated(root) == reference(root) == []


def test_processes_validating_at_once_leave_a_readable_cache(tmp_path):
    root = copy_project(ORG, tmp_path / "org")
    command = [sys.executable, "-m", "rolebook", "validate", "--format", "json"]
    runs = [subprocess.Popen(command, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(4)]
    outputs = [json.loads(run.communicate(timeout=120)[0]) for run in runs]
    assert all(output == [] for output in outputs)
    for path in shards(root):
        json.loads(path.read_bytes())
    assert validated(root) == reference(root)


def test_the_cache_is_kept_out_of_git_and_deleting_it_changes_nothing(tmp_path):
    root = copy_project(ORG, tmp_path / "org")
    validated(root)
    assert (root / ".rolebook" / ".gitignore").read_text(encoding="utf-8") == "*\n"
    shutil.rmtree(root / ".rolebook")
    assert validated(root) == reference(root)


def test_a_cache_folder_that_is_a_link_out_of_the_project_is_not_written(tmp_path):
    root = copy_project(ORG, tmp_path / "org")
    outside = tmp_path / "outside"
    outside.mkdir()
    (root / ".rolebook").symlink_to(outside, target_is_directory=True)
    assert validated(root) == reference(root)
    assert list(outside.iterdir()) == []


def test_a_cached_role_is_read_not_checked_again(tmp_path, monkeypatch):
    """With a warm cache only the edited role is parsed and checked."""
    from rolebook import project as loading

    root = copy_project(ORG, tmp_path / "org")
    validated(root)
    edit(root, "role_specs/sales-rep.yaml", "title: 销售代表", "title: 客户代表")
    read = []
    original = loading._Loader.read_tree
    monkeypatch.setattr(loading._Loader, "read_tree", lambda self, path: read.append(path.name) or original(self, path))
    monkeypatch.chdir(root)
    project = load_project(root, problems_only=True)
    assert read == ["sales-rep.yaml"] and project.problems == []


def test_the_rules_across_roles_run_again_only_when_a_roles_facts_change(tmp_path, monkeypatch):
    """A title edited changes no role's facts (ids, reporting lines, grades, glossaries, their positions):
    the problems across roles come from the cache; a reporting line edited runs the rules again."""
    from rolebook.spec import rules

    root = copy_project(ORG, tmp_path / "org")
    validated(root)
    runs = []
    original = rules.reports_to
    monkeypatch.setattr(rules, "reports_to", lambda *args: runs.append(1) or original(*args))
    monkeypatch.chdir(root)

    def problems() -> list[dict]:
        from rolebook import messages, paths

        paths.use_projects([])
        try:
            found = [p.as_dict() for p in load_project(root, problems_only=True).problems]
        finally:
            messages.use(None)
        return found

    edit(root, "role_specs/sales-rep.yaml", "title: 销售代表", "title: 客户代表")
    assert problems() == [] and runs == []
    edit(root, "role_specs/finance-manager.yaml", "grade: M2", "grade: M2\nreports_to: nobody")
    found = problems()
    assert runs == [1] and "unknown-ref" in {p["code"] for p in found}
    assert problems() == found and runs == [1]  # cached in turn
    edit(root, "role_specs/sales-rep.yaml", "title: 客户代表", "title: 销售代表")
    assert problems() == found == reference(root) and runs == [1]


def outputs(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


BUILD_EDITS = {**EDITS, "a template": [("templates/jd.md.j2", "", "")], "a deleted role": [],
               "a library term's definition": [("library/glossary.yaml", "The open opportunities",
                                                "The deals")]}


@pytest.mark.parametrize("kind", list(BUILD_EDITS))
def test_a_build_with_a_warm_cache_is_byte_identical_to_one_from_scratch(kind, tmp_path):
    root = copy_project(FAMILY, tmp_path / "p")
    assert run_rolebook("build", cwd=root).returncode == 0  # the cache is warm for every role
    if kind == "a template":
        (root / "templates").mkdir()
        (root / "templates" / "jd.md.j2").write_text('{% extends "!jd.md.j2" %}{% block end %}\nEnd.\n{% endblock %}')
    elif kind == "a deleted role":
        (root / "role_specs" / "support-engineer.yaml").unlink()
    for name, old, new in BUILD_EDITS[kind]:
        edit(root, name, old, new)
    warm = run_rolebook("build", cwd=root)
    shutil.rmtree(root / ".rolebook")
    cold = run_rolebook("build", "--out", str(tmp_path / "cold"), cwd=root)
    assert warm.returncode == cold.returncode
    if warm.returncode == 0:
        assert outputs(root / "build") == outputs(tmp_path / "cold")
    else:
        assert warm.stdout == cold.stdout


def test_a_damaged_or_missing_model_file_is_checked_again(tmp_path):
    root = copy_project(FAMILY, tmp_path / "p")
    assert run_rolebook("build", cwd=root).returncode == 0
    models = sorted((root / ".rolebook" / "cache" / "models").iterdir())
    assert len(models) == 3  # one per role, the family included
    models[0].write_text('{"id": "forged"}', encoding="utf-8")
    models[1].unlink()
    edit(root, "policies/appraisal.md", "#", "# Changed\n\n#")  # the handbook reads every role's model
    assert run_rolebook("build", cwd=root).returncode == 0
    shutil.rmtree(root / ".rolebook")
    assert run_rolebook("build", "--out", str(tmp_path / "cold"), cwd=root).returncode == 0
    assert outputs(root / "build") == outputs(tmp_path / "cold")


# --- what a command remembers besides the checks: file digests by stat, glossary sort keys ---------------

HOUR_AGO = 3600


def age(root: Path) -> None:
    """Make every input an hour old: only files older than the clock's granularity are remembered."""
    import os
    import time

    old = time.time() - HOUR_AGO  # (and a moment for their ctime, which utime sets, to be past)
    for path in root.rglob("*"):
        if path.is_file() and ".rolebook" not in path.parts:
            os.utime(path, (old, old))
    time.sleep(0.2)


def test_a_file_changed_behind_its_remembered_time_and_size_is_read_again(tmp_path):
    """An edit that keeps a file's size and sets its time back (a tool restoring times, a clock) is seen:
    the digest is remembered with the file's ctime and inode, which such an edit changes."""
    import os

    root = copy_project(ORG, tmp_path / "org")
    age(root)
    assert validated(root) == []
    assert run_rolebook("build", "--kind", "jd", "--format", "html", cwd=root).returncode == 0
    memo = json.loads((root / ".rolebook" / "cache" / "digests.json").read_bytes())["entries"]
    spec = root / "role_specs" / "sales-rep.yaml"
    assert str(spec.resolve()) in memo or str(spec) in memo
    before = spec.stat()
    edit(root, "role_specs/sales-rep.yaml", "weight: 100", "weight: 900")  # the same size
    os.utime(spec, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert spec.stat().st_size == before.st_size and spec.stat().st_mtime_ns == before.st_mtime_ns
    found = validated(root)
    assert found == reference(root) and "weights-sum" in {p["code"] for p in found}
    # and a build's no-op check sees it too
    edit(root, "role_specs/sales-rep.yaml", "weight: 900", "weight: 100")
    edit(root, "role_specs/sales-rep.yaml", "title: 销售代表", "title: 客户代表")
    os.utime(spec, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert run_rolebook("build", "--kind", "jd", "--format", "html", cwd=root).returncode == 0
    assert "客户代表" in (root / "build" / "jd" / "sales-rep.html").read_text(encoding="utf-8")


def test_damaged_memos_change_nothing(tmp_path):
    """digests.json and sortkeys.json damaged, foreign or holding values of the wrong type: the same
    documents, byte for byte, as with no memo at all."""
    root = copy_project(REPO, tmp_path / "example")
    age(root)
    assert run_rolebook("build", "--kind", "jd", "--format", "html", cwd=root).returncode == 0
    folder = root / ".rolebook" / "cache"
    keys = json.loads((folder / "sortkeys.json").read_bytes())
    assert any(key.startswith("pinyin:") for key in keys["entries"])  # the example's glossaries are Chinese
    expected = outputs(root / "build")
    damaged = [(b"\x00 not json", b"[1, 2"),
               (json.dumps({"header": "another", "entries": {}}).encode(), b"{}"),
               (json.dumps({**json.loads((folder / "digests.json").read_bytes()),
                            "entries": {str(p): 5 for p in root.rglob("*.yaml")}}).encode(),
                json.dumps({**keys, "entries": {k: [1, {"x": None}] for k in keys["entries"]}}).encode())]
    for n, (digests, sortkeys) in enumerate(damaged):
        (folder / "digests.json").write_bytes(digests)
        (folder / "sortkeys.json").write_bytes(sortkeys)
        out = tmp_path / f"out{n}"
        result = run_rolebook("build", "--kind", "jd", "--format", "html", "--out", str(out), cwd=root)
        assert result.returncode == 0, result.stderr
        assert documents(outputs(out)) == documents(expected)


def documents(files: dict[str, bytes]) -> dict[str, bytes]:
    """The documents of a build folder, not its manifest (which records the folder's own state)."""
    return {name: data for name, data in files.items() if not name.startswith(".")}


def test_a_second_build_sorts_its_glossary_without_loading_pypinyin(tmp_path):
    """Loading pypinyin's phrase dictionary took longer than the rest of a one-role build: the terms' keys
    are remembered, and the same order comes from them."""
    root = copy_project(REPO, tmp_path / "example")
    script = ("import sys\nfrom pathlib import Path\nfrom rolebook.project import load_project\n"
              "from rolebook.render.context import role_glossary\n"
              "p = load_project(Path('.').resolve())\nrole = p.roles['sales-rep']\n"
              "print([t.term for t in role_glossary(p, role, 'zh-CN')])\n"
              "from rolebook.cache import Memo\nMemo.save_all()\nprint('pypinyin' in sys.modules)\n")
    runs = [subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True, text=True)
            for _ in range(2)]
    assert all(run.returncode == 0 for run in runs), runs[0].stderr
    first, second = (run.stdout.splitlines() for run in runs)
    assert first[1] == "True" and second[1] == "False"
    assert first[0] == second[0] and first[0].count("'") >= 4  # the same order, of several terms


def test_a_long_running_process_keeps_the_cache_it_read_until_the_file_changes(tmp_path, monkeypatch):
    """serve reads the cache file (megabytes in a large project) once, and again only when another
    process changed it: results are the same either way."""
    from rolebook import cache as caching

    root = copy_project(ORG, tmp_path / "org")
    monkeypatch.chdir(root)
    expected = reference(root)
    assert load_project(root, problems_only=True).problems == load_project(root, problems_only=True).problems
    reads = []
    original = caching.json.loads

    def loads(data, *args, **kwargs):
        if isinstance(data, bytes):  # a file's bytes (a role's facts are made JSON-safe through text)
            reads.append(data[:20])
        return original(data, *args, **kwargs)

    monkeypatch.setattr(caching.json, "loads", loads)
    edit(root, "role_specs/sales-rep.yaml", "weight: 100", "weight: 90")
    assert places(load_project(root, problems_only=True).problems) == places(reference(root)) != places(expected)
    assert reads == []  # the entries this process wrote last are what the file holds
    for path in shards(root):
        path.write_bytes(b"\x00 written by another process")
    assert places(load_project(root, problems_only=True).problems) == places(reference(root))
    assert reads  # read again (and found damaged)


def places(problems) -> list[tuple]:
    """Problems as (file, line, column, code): the language of their messages aside."""
    rows = [p if isinstance(p, dict) else p.as_dict() for p in problems]
    return [(p["file"], p["line"], p["column"], p["code"]) for p in rows]


def test_an_edit_rewrites_only_the_shards_its_entries_are_in(tmp_path):
    """One role edited: its new entries and the dropped old ones are in a few of the cache's files; the
    others are not written again (a 3,000-role project's 22 MB were rewritten after every edit)."""
    root = copy_project(ORG, tmp_path / "org")
    validated(root)
    before = {path.name: path.read_bytes() for path in shards(root)}
    edit(root, "role_specs/sales-rep.yaml", "weight: 100", "weight: 90")
    found = validated(root)
    after = {path.name: path.read_bytes() for path in shards(root)}
    changed = {name for name in set(before) | set(after) if before.get(name) != after.get(name)}
    assert len(before) > 8 and 0 < len(changed) <= 4  # the file's and the role's entries, new and old
    assert found == reference(root)


def test_the_file_memo_holds_each_files_stat_and_digest_and_reads_no_other_format(tmp_path):
    """digests.json: each file's "dev ino size mtime ctime " and the sha256 of its bytes, one string per file;
    a memo of the earlier format (a list per file) is not read: its files are hashed again, the results the
    same."""
    import hashlib
    import os

    root = copy_project(ORG, tmp_path / "org")
    age(root)
    expected = validated(root)
    memo_file = root / ".rolebook" / "cache" / "digests.json"
    memo = json.loads(memo_file.read_bytes())
    assert memo["header"] == "stat digest/2" and memo["entries"]
    for name, entry in memo["entries"].items():
        stat = os.stat(name)
        known = f"{stat.st_dev} {stat.st_ino} {stat.st_size} {stat.st_mtime_ns} {stat.st_ctime_ns} "
        assert entry == known + hashlib.sha256(Path(name).read_bytes()).hexdigest()
    old = {name: [[int(n) for n in entry.split()[:5]], "0" * 64] for name, entry in memo["entries"].items()}
    memo_file.write_text(json.dumps({"header": "", "entries": old}), encoding="utf-8")  # wrong digests, old form
    assert validated(root) == expected
    assert json.loads(memo_file.read_bytes())["header"] == "stat digest/2"
