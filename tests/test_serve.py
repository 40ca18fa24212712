"""`rolebook serve` driven as a user would: a real Chromium shows an edit within seconds, a broken spec as
FILE:LINE:COLUMN over the last good page, and the server answers on loopback only."""

import http.client
import re
import signal
import socket
import subprocess

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from clients import browser
from conftest import REPO, copy_project, serving

ENGLISH = REPO / "tests" / "render_projects" / "english"
SECONDS = 30  # a build takes about one; the watcher's debounce adds a little


def wait(driver):
    """Wait on a page that reloads itself: an element asked for while the page is replaced is asked again."""
    from selenium.common.exceptions import WebDriverException

    return WebDriverWait(driver, SECONDS, ignored_exceptions=(WebDriverException,))


@pytest.fixture
def server(tmp_path):
    root = copy_project(ENGLISH, tmp_path / "p")
    with serving(root, temp=tmp_path / "tmp") as (process, url):
        found = re.search(r"http://([\d.]+):(\d+)/", url)
        yield root, found.group(1), int(found.group(2)), process


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def heading(driver) -> str:
    return driver.find_element(By.TAG_NAME, "h1").text


def problems_shown(driver) -> str:
    found = driver.find_elements(By.ID, "rolebook-problems")
    return found[0].text if found else ""


def findings_shown(driver) -> str:
    found = driver.find_elements(By.ID, "rolebook-findings")
    return found[0].text if found else ""


def test_serve_shows_edits_and_problems_live(server):
    root, host, port, process = server
    spec = root / "role_specs" / "sales-lead.yaml"
    with browser() as driver:
        driver.get(f"http://{host}:{port}/jd/sales-lead.html")
        assert heading(driver) == "Sales Team Lead"
        edit(spec, "title: Sales Team Lead", "title: Regional Sales Lead")
        wait(driver).until(lambda d: heading(d) == "Regional Sales Lead")

        edit(spec, "department: Sales", "department: Sales: East")  # an unquoted ': ' breaks the YAML
        wait(driver).until(problems_shown)
        line = next(n for n, text in enumerate(spec.read_text().splitlines(), 1) if "Sales: East" in text)
        assert re.search(rf"role_specs/sales-lead\.yaml:{line}:\d+: error\[yaml-syntax\]", problems_shown(driver))
        assert heading(driver) == "Regional Sales Lead"  # the last good page stays readable

        edit(spec, "department: Sales: East", 'department: "Sales: East"')
        wait(driver).until(lambda d: not problems_shown(d))
        assert "Sales: East" in driver.find_element(By.TAG_NAME, "main").text

        # a compliance finding shows beside the page it concerns, at its line, and goes when fixed
        edit(spec, "title: Regional Sales Lead", "title: Regional Salesman")
        wait(driver).until(lambda d: findings_shown(d))
        assert re.search(r"role_specs/sales-lead\.yaml:\d+:\d+: warning\[gendered-title\].*Regional Salesperson",
                         findings_shown(driver))
        assert heading(driver) == "Regional Salesman"  # a warning builds: the page is the new one
        edit(spec, "title: Regional Salesman", "title: Regional Salesperson")
        wait(driver).until(lambda d: not findings_shown(d))
    process.send_signal(signal.SIGINT)  # Ctrl-C
    assert process.wait(timeout=30) == 0
    assert "stopped" in process.stderr.read()
    assert not list((root.parent / "tmp").glob("rolebook-serve-*")), "the preview folder is removed"


def test_serve_answers_on_loopback_only(server):
    root, host, port, process = server
    assert host == "127.0.0.1"
    connection = http.client.HTTPConnection(host, port, timeout=10)
    connection.request("GET", "/", headers={"Host": "attacker.example"})  # DNS rebinding
    assert connection.getresponse().status == 403
    connection = http.client.HTTPConnection(host, port, timeout=10)
    connection.request("GET", "/index.html")
    response = connection.getresponse()
    assert response.status == 200 and b"EventSource" in response.read()
    others = [address for address in _addresses() if not address.startswith("127.")]
    for address in others:
        with pytest.raises(OSError):
            socket.create_connection((address, port), timeout=3).close()


def _addresses() -> list[str]:
    """This machine's IPv4 addresses."""
    output = subprocess.run(["hostname", "-I"], capture_output=True, text=True).stdout
    return [a for a in output.split() if re.fullmatch(r"[\d.]+", a)] or [socket.gethostbyname(socket.gethostname())]


def test_malformed_paths_get_a_clean_4xx_and_no_traceback(tmp_path):
    root = copy_project(ENGLISH, tmp_path / "p")
    with serving(root, temp=tmp_path / "tmp") as (process, url):
        address = re.search(r"http://([\d.]+):(\d+)/", url)
        statuses = {}
        for path in ("/%00", "/jd/%00.html", "/%ff%fe", "/x%1b[31m.html", "/" + "a" * 5000, "/jd/nothing.html"):
            connection = http.client.HTTPConnection(address.group(1), int(address.group(2)), timeout=10)
            connection.request("GET", path)
            statuses[path[:20]] = connection.getresponse().status
            connection.close()
        assert statuses == {"/%00": 400, "/jd/%00.html": 400, "/%ff%fe": 400, "/x%1b[31m.html": 400,
                            "/" + "a" * 19: 400, "/jd/nothing.html": 404}
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)
        log = process.stderr.read()
    assert "Traceback" not in log and "stopped" in log


def test_a_new_serve_removes_what_a_killed_one_left(tmp_path):
    root = copy_project(ENGLISH, tmp_path / "p")
    temp = tmp_path / "tmp"
    with serving(root, temp=temp) as (process, _):
        left = list(temp.glob("rolebook-serve-*"))
        assert len(left) == 1
        process.kill()  # SIGKILL: no clean-up of its own
        process.wait()
        assert left[0].is_dir(), "a killed serve cannot remove its folder"
        foreign = temp / "rolebook-serve-notours"  # no owner file: not a folder serve made, kept
        foreign.mkdir()
        with serving(root, temp=temp):
            assert not left[0].exists(), "the next serve removes the folder of the one that no longer runs"
            assert foreign.is_dir()
            foreign.rmdir()


def test_the_roles_pages_come_first_and_the_handbook_follows(server):
    """After an edit the role's page is rebuilt and shown before the handbook, which depends on every role;
    the handbook is never missing in between, and follows with the edit."""
    import time

    root, host, port, process = server

    def page(name: str) -> str:
        connection = http.client.HTTPConnection(host, port, timeout=30)
        connection.request("GET", f"/{name}")
        response = connection.getresponse()
        body = response.read().decode("utf-8")
        connection.close()
        assert response.status == 200, name  # the old handbook stays until the new one is there
        return body

    assert "Sales Team Lead" in page("handbook.html")
    time.sleep(1)  # the watcher starts after the address is printed
    edit(root / "role_specs" / "sales-lead.yaml", "title: Sales Team Lead", "title: Area Sales Lead")
    deadline = time.monotonic() + SECONDS
    while "Area Sales Lead" not in page("handbook.html"):
        assert time.monotonic() < deadline
        assert "Area Sales Lead" not in page("index.html") or "Area Sales Lead" in page("jd/sales-lead.html")
        time.sleep(0.05)
    assert "Area Sales Lead" in page("jd/sales-lead.html")


def test_a_page_reloads_once_for_an_edit_not_again_for_the_handbook(server):
    """The handbook's turn after an edit reloads the handbook, not the role's page already showing it."""
    import time

    root, host, port, process = server
    with browser() as driver:
        driver.get(f"http://{host}:{port}/jd/sales-lead.html")
        assert heading(driver) == "Sales Team Lead"
        time.sleep(1)  # the watcher starts after the address is printed
        edit(root / "role_specs" / "sales-lead.yaml", "title: Sales Team Lead", "title: Field Sales Lead")
        wait(driver).until(
            lambda d: heading(d) == "Field Sales Lead")
        driver.execute_script("window.rolebookMark = 'still here';")
        time.sleep(3)  # the handbook is rebuilt meanwhile
        assert driver.execute_script("return window.rolebookMark;") == "still here"


def in_process_preview(source, tmp_path, monkeypatch):
    """A preview of a copy of `source` driven in this process, its first build done: (root, out, preview)."""
    from rolebook.serve import Preview

    root = copy_project(source, tmp_path / "p")
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.chdir(root)
    preview = Preview(root.resolve(), out, 1)
    preview.rebuild()
    return root, out, preview


def test_the_handbook_is_built_when_shown_or_asked_for_not_after_every_edit(tmp_path, monkeypatch):
    """The handbook depends on every role: at a thousand roles rebuilding it after each edit held the next
    edit back by seconds. It is rebuilt when a browser shows it or a request asks for it."""
    root, out, preview = in_process_preview(ENGLISH, tmp_path, monkeypatch)
    assert (out / "jd" / "sales-lead.html").is_file() and not (out / "handbook.html").exists()
    preview.build_deferred()  # what a request for the handbook does
    assert "Sales Team Lead" in (out / "handbook.html").read_text(encoding="utf-8")
    edit(root / "role_specs" / "sales-lead.yaml", "title: Sales Team Lead", "title: Area Sales Lead")
    preview.rebuild()
    assert "Area Sales Lead" in (out / "jd" / "sales-lead.html").read_text(encoding="utf-8")
    assert "Area Sales Lead" not in (out / "handbook.html").read_text(encoding="utf-8")
    preview.open_pages["/handbook.html"] += 1  # a browser shows it: rebuilt with the edit
    edit(root / "role_specs" / "sales-lead.yaml", "title: Area Sales Lead", "title: Field Sales Lead")
    preview.rebuild()
    assert "Field Sales Lead" in (out / "handbook.html").read_text(encoding="utf-8")
    assert preview.version("/handbook.html") == preview.generation  # and it reloads


def test_an_edited_roles_pages_are_shown_before_the_rest(tmp_path, monkeypatch):
    """After an edit the edited role's pages (and those a browser shows) are built and published first;
    the pages of other roles that name it (its superior's relationship diagram) and the org chart follow."""
    root, out, preview = in_process_preview(REPO / "tests" / "projects" / "organisation", tmp_path, monkeypatch)
    published = []
    original = preview.publish
    preview.publish = lambda problems, notes, heading, written=(): published.append(sorted(written)) or \
        original(problems, notes, heading, written)
    preview.open_pages["/jd/accountant.html"] += 1
    edit(root / "role_specs" / "sales-rep.yaml", "title: 销售代表", "title: 客户代表")
    preview.rebuild()
    first, then = published[0], published[1]
    assert "jd/sales-rep.html" in first
    assert all(name.split("/")[-1].startswith(("sales-rep.", "accountant.", "index.")) for name in first), first
    assert "jd/sales-manager.html" in then and "org-chart.svg" in then  # its superior's diagram names it
    assert "客户代表" in (out / "jd" / "sales-rep.html").read_text(encoding="utf-8")


def test_the_cycle_collector_is_back_on_after_every_rebuild(tmp_path, monkeypatch):
    """A rebuild pauses the collector until the edited pages are shown; a long-running preview must get it
    back however the rebuild ends: after an edit, with errors in the specs, and when a build fails."""
    import gc

    root, out, preview = in_process_preview(ENGLISH, tmp_path, monkeypatch)
    spec = root / "role_specs" / "sales-lead.yaml"
    edit(spec, "title: Sales Team Lead", "title: Area Sales Lead")
    preview.rebuild()
    assert gc.isenabled() and "Area Sales Lead" in (out / "jd" / "sales-lead.html").read_text(encoding="utf-8")
    edit(spec, "title: Area Sales Lead", "title: [unclosed")
    preview.rebuild()
    assert gc.isenabled() and preview.problems

    def fails(*args, **kwargs):
        raise OSError(28, "No space left on device")

    edit(spec, "title: [unclosed", "title: Field Sales Lead")
    monkeypatch.setattr(preview, "build", fails)
    preview.rebuild()
    assert gc.isenabled() and any("No space left" in problem for problem in preview.problems)
