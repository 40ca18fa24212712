"""`rolebook serve`: a live preview while editing, as `mkdocs serve` gives one.

The project is built (HTML only, incrementally) into a private temporary folder, which a small HTTP
server on 127.0.0.1 serves. A watcher (watchfiles) rebuilds on every change; each served page carries
a few lines of script that listen to the server's events (server-sent events, same origin, no external
request) and reload when a build finishes. While a spec is invalid, the last good documents stay
reachable and every page shows the problems as FILE:LINE:COLUMN above them.
"""

from __future__ import annotations

import html
import os
import shutil
import sys
import tempfile
import threading
from collections import Counter
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from rolebook import manifest
from rolebook.cache import Memo
from rolebook.build import INDEX, build
from rolebook.errors import RolebookError, UsageError
from rolebook.outputs import LAYOUT, PREVIEW_KINDS, PROJECT_KINDS, OutputFolder, document_name
from rolebook.paths import display
from rolebook.project import collector_paused, load_project
from rolebook.sanitize import CONTROL, for_terminal
from rolebook.messages import N_, _

EVENTS = "/__rolebook__/events"
PAGE_OUTDATED = N_("The role specs have errors; this page is the last one that built.")
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
KEEPALIVE_SECONDS = 15
MAX_PATH = 2048  # characters of a request path: longer is no page of a preview
PREFIX = "rolebook-serve-"  # the preview's temporary folder, in the system's temporary directory
OWNER = "owner"  # in that folder: the serving process (pid and start time), so a later serve can tell it ended


LATER = ("handbook",)  # depends on every role: built when its page is asked for or open, after the others


class Preview:
    """The preview's state: the output folder, the last build's problems and a generation counter
    that pages wait on."""

    def __init__(self, root: Path, out: Path, workers: int, language=None, kinds: tuple[str, ...] = PREVIEW_KINDS):
        self.root, self.out, self.workers = root, out, workers
        self.language, self.kinds = language, kinds  # a language of a project of several, and its documents
        self.generation = 0
        self.problems: list[str] = []
        self.notes: dict[str, list[str]] = {}  # a page's compliance findings, by its path in the output folder
        self.notes_heading = ""
        self.versions: dict[str, int] = {}  # a page's generation: the build that last wrote it
        self.shown_at = 0  # the generation that last changed the problems or findings every page shows
        self.changed = threading.Condition()
        self.stopping = False
        self.open_pages: Counter[str] = Counter()  # the pages a browser shows (their event streams)
        self.building = threading.Lock()  # one build at a time: the watcher's, or a request's for its page
        self.project = None  # the last project that built
        self.deferred: tuple[str, ...] = ()  # kinds not rebuilt since it changed (the handbook)
        self.seen: dict[str, str] = {}  # each role's model digest at the last build: what an edit changed

    def version(self, page: str) -> int:
        """The generation a page reloads to: the last build that wrote it or changed what it shows beside
        it. A page that a build did not touch is not reloaded (the handbook's turn does not reload a
        role's page)."""
        return max(self.versions.get(page.lstrip("/"), 0), self.shown_at)

    def rebuild(self) -> None:
        """Build what changed; on errors keep the last documents and record the problems. What depends on
        every role (the handbook) is left for later unless a browser shows it: a request for it builds it."""
        notes: dict[str, list[str]] = {}
        heading = ""
        written: list[str] = []
        try:
            # No cycle collection until the edited pages are shown: with two loaded projects alive (the last
            # one and this one) a full pass walks millions of objects, a quarter of an edit's time at 3,000
            # roles. Loading and one role's documents make little cyclic garbage; it is collected after.
            with collector_paused():
                project = load_project(self.root, language=self.language, save_cache=False)
                problems = [str(p) for p in project.errors]
                notes = page_notes(project, self.kinds)
                heading = project.labels(project.settings.language)["compliance_findings"]
                focus = self.focus(project) if not problems else ()
                if focus:  # the edited roles' pages and the pages open in a browser, shown at once
                    own = tuple(kind for kind in self.kinds if kind not in PROJECT_KINDS)
                    with self.building:
                        written = self.build(project, own, later=self.kinds, role_ids=focus, index=False)
                    self.publish(problems, notes, heading, written)
            if not problems:
                first = tuple(kind for kind in self.kinds if kind not in LATER)
                later = tuple(kind for kind in self.kinds if kind in LATER)
                with self.building:
                    written = self.build(project, first, later=later)
                    self.project, self.deferred = project, later
                self.seen = {summary.id: summary.model for summary in project.summaries()}
            project.save_cache()  # after the pages are shown
        except (RolebookError, OSError) as exc:  # a broken template, a full disk: shown like a problem
            problems = [f"rolebook: {exc}"]
        self.publish(problems, notes, heading, written)
        self.report(problems)
        with self.changed:
            shown = list(self.open_pages)
        if any(self.deferred_page(page) for page in shown):
            self.build_deferred()
        Memo.save_all()

    def focus(self, project) -> tuple[str, ...]:
        """The roles built before the others: those an edit changed and those whose pages a browser shows
        (none the first time, or when every role changed)."""
        if not self.seen:
            return ()
        summaries = project.summaries()
        with self.changed:
            shown = [page.lstrip("/") for page in self.open_pages]
        changed = {s.id for s in summaries if self.seen.get(s.id) != s.model}
        showing = {s.id for s in summaries for kind in self.kinds if document_name(kind, s.id, "html") in shown}
        focus = changed | showing
        return tuple(sorted(focus)) if 0 < len(focus) < len(summaries) else ()

    def deferred_page(self, page: str) -> bool:
        """Whether a page (a path of the preview) is of a kind not rebuilt since the last change."""
        name = page.lstrip("/")
        return any(name == LAYOUT[kind].format(fmt="html") for kind in self.deferred)

    def build_deferred(self) -> None:
        """Build the kinds left for later (the handbook), if they still are."""
        with self.building:
            if not self.deferred or self.project is None:
                return
            try:
                written = self.build(self.project, self.kinds)
            except (RolebookError, OSError) as exc:
                self.report([f"rolebook: {exc}"])
                return
            self.deferred = ()
        with self.changed:
            problems, notes, heading = self.problems, self.notes, self.notes_heading
        self.publish(problems, notes, heading, written)

    def build(self, project, kinds: tuple[str, ...], later: tuple[str, ...] = (),
              role_ids: tuple[str, ...] = (), index: bool = True) -> list[str]:
        """Build what changed of `kinds` (of `role_ids`, or all roles); the names of the files written.
        The edited roles' pages (`role_ids`) skip the no-op check of every input: something changed, and
        the build of everything after them records the digest."""
        with OutputFolder(self.out, self.root) as folder:
            record = manifest.Manifest.load(self.out)
            digest = "" if role_ids else manifest.input_digest(self.root, kinds, ["serve", "html", *kinds])
            if digest and record.up_to_date(digest):
                return []
            result = build(project, folder, record, kinds, ("html",), role_ids, self.workers, None, digest,
                           later=later, index=index)
            return [path.relative_to(folder.path).as_posix() for path in result.written + result.removed]

    def publish(self, problems: list[str], notes: dict, heading: str, written: list[str] = ()) -> None:
        """Pages waiting for a rebuild go on: each page written, or every page when the problems or findings
        shown beside them changed, reloads to the new generation."""
        with self.changed:
            self.generation += 1
            if (problems, notes, heading) != (self.problems, self.notes, self.notes_heading):
                self.shown_at = self.generation
            self.problems, self.notes, self.notes_heading = problems, notes, heading
            self.versions.update((name, self.generation) for name in written)
            self.changed.notify_all()

    def report(self, problems: list[str]) -> None:
        state = _("{count} error(s); showing the last documents that built").format(count=len(problems)) \
            if problems else _("rebuilt")
        print(_("{state} (build {generation})").format(state=state, generation=self.generation), file=sys.stderr,
              flush=True)
        for problem in problems:
            print(for_terminal(problem), file=sys.stderr, flush=True)

    def wait(self, since: int, timeout: float) -> int:
        with self.changed:
            self.changed.wait_for(lambda: self.generation != since or self.stopping, timeout)
            return self.generation

    def stop(self) -> None:
        with self.changed:
            self.stopping = True
            self.changed.notify_all()


class Handler(SimpleHTTPRequestHandler):
    """Files of the output folder; HTML pages with the reload script and the problems, if any."""

    def __init__(self, *args, preview: Preview, check_host: bool, **kwargs):
        self.preview, self.check_host = preview, check_host
        super().__init__(*args, directory=str(preview.out), **kwargs)

    def do_GET(self) -> None:
        if self.check_host and not self.host_allowed():
            self.send_error(HTTPStatus.FORBIDDEN, "the preview answers only requests addressed to this machine")
            return
        path = urlsplit(self.path).path
        if not well_formed(path):
            self.send_error(HTTPStatus.BAD_REQUEST, "not a path of the preview")
            return
        if path == EVENTS:
            self.events()
        elif path.endswith("/") or path.endswith(".html"):
            self.page(path + INDEX if path.endswith("/") else path)
        else:
            super().do_GET()

    def do_HEAD(self) -> None:
        self.send_error(HTTPStatus.METHOD_NOT_ALLOWED)

    def host_allowed(self) -> bool:
        """Refuse other host names (DNS rebinding: a web page that renames itself to 127.0.0.1)."""
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0].strip("[]").lower()
        return host in LOOPBACK

    def page(self, path: str) -> None:
        if self.preview.deferred_page(path):
            self.preview.build_deferred()  # this request waits for its page only
        target = Path(self.translate_path(path))
        with self.preview.changed:
            generation, problems = self.preview.version(path), list(self.preview.problems)
            notes = self.preview.notes.get(path.lstrip("/"), [])
            heading = self.preview.notes_heading
        try:
            text = target.read_text(encoding="utf-8") if target.is_file() else None
        except OSError:
            text = None
        if text is None and not problems:
            self.send_error(HTTPStatus.NOT_FOUND, "no such page in the preview")
            return
        if text is None:  # nothing has built yet: the problems are the page
            text = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>rolebook preview"
                    "</title></head><body></body></html>")
        data = inject(text, generation, problems, notes, heading).encode("utf-8")
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(data)

    def events(self) -> None:
        """Server-sent events: the build generation, each time it changes (and a comment now and then)."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        page = parse_qs(urlsplit(self.path).query).get("page", [""])[0]
        page = page + INDEX if page.endswith("/") else page  # "/" is the index, as the page was served
        seen, sent = -1, -1
        with self.preview.changed:
            self.preview.open_pages[page] += 1
        try:
            while not self.preview.stopping:
                seen = self.preview.wait(seen, KEEPALIVE_SECONDS)
                with self.preview.changed:
                    version = self.preview.version(page) if page else seen
                message = f"data: {version}\n\n" if version != sent else ": waiting\n\n"
                sent = version
                self.wfile.write(message.encode("ascii"))
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the page was closed or reloaded
        finally:
            with self.preview.changed:
                self.preview.open_pages[page] -= 1
                if self.preview.open_pages[page] <= 0:
                    del self.preview.open_pages[page]

    def log_message(self, format: str, *args) -> None:
        pass  # a request log would drown the build messages


def well_formed(path: str) -> bool:
    """A path the file server can look up: not overlong, its percent-encoding UTF-8, no NUL or other control
    character once decoded (`/%00` made the file system raise, and the server print a traceback)."""
    if len(path) > MAX_PATH:
        return False
    try:
        decoded = unquote(path, errors="strict")
    except UnicodeDecodeError:
        return False
    return CONTROL.search(decoded) is None and "\n" not in decoded


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        """One line for a request that failed (a browser closing a connection), not a traceback."""
        error = sys.exc_info()[1]
        if not isinstance(error, (BrokenPipeError, ConnectionResetError)):
            print(_("rolebook serve: a request failed: {error}").format(
                error=for_terminal(str(error), keep_newlines=False)),
                  file=sys.stderr, flush=True)


def process_start(pid: int) -> str | None:
    """When a process started (Linux: clock ticks since boot), to tell it from a later one with its pid."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat[stat.rindex(")") + 2:].split()[19]


def running(owner: str) -> bool:
    """Whether the process an owner file names still runs."""
    pid_text, _, started = owner.partition(" ")
    if not pid_text.isdigit():
        return False
    pid = int(pid_text)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive, and not ours to judge
    now = process_start(pid)
    return now is None or not started or now == started


def sweep(temp: Path) -> None:
    """Remove the preview folders of earlier serves that no longer run (killed with SIGKILL, a power cut):
    only real folders of this user, named as serve names them, holding an owner file whose process is gone."""
    for folder in temp.glob(PREFIX + "*"):
        try:
            if folder.is_symlink() or not folder.is_dir() or folder.stat().st_uid != os.getuid():
                continue
            owner = (folder / OWNER).read_text(encoding="ascii")
        except (OSError, UnicodeDecodeError):
            continue
        if not running(owner):
            shutil.rmtree(folder, ignore_errors=True)


def claim() -> tuple[Path, Path]:
    """A new private preview folder (its site in `site/`), marked with this process as its owner."""
    temp = Path(tempfile.gettempdir())
    sweep(temp)
    folder = Path(tempfile.mkdtemp(prefix=PREFIX, dir=temp))
    (folder / OWNER).write_text(f"{os.getpid()} {process_start(os.getpid()) or ''}", encoding="ascii")
    site = folder / "site"
    site.mkdir()
    return folder, site


RELOAD = """<script>
/* rolebook serve: reload when a new build is ready (same-origin server-sent events). */
(function () {{
  var built = {generation};
  var events = new EventSource("{events}?page=" + encodeURIComponent(location.pathname));
  events.onmessage = function (event) {{ if (Number(event.data) > built) location.reload(); }};
}})();
</script>
"""


def page_notes(project, kinds: tuple[str, ...]) -> dict[str, list[str]]:
    """Each role's compliance findings, for every page of that role; all of them for the index."""
    notes: dict[str, list[str]] = {}
    for role_id, found in sorted(project.findings.items()):
        for kind in kinds:
            if "{role}" in LAYOUT.get(kind, ""):
                notes[document_name(kind, role_id, "html")] = [str(p) for p in found]
        notes.setdefault(INDEX, []).extend(str(p) for p in found)
    return notes


def inject(text: str, generation: int, problems: list[str], notes: list[str] = (), heading: str = "") -> str:
    """A page with the reload script before </body>, the problems, if any, first in <body>, and the page's
    compliance findings beside it."""
    script = RELOAD.format(generation=generation, events=EVENTS)
    end = text.rfind("</body>")
    text = text[:end] + script + text[end:] if end >= 0 else text + script
    if notes:
        items = "".join(f"<li><code>{html.escape(n)}</code></li>" for n in notes)
        aside = ('<aside role="note" id="rolebook-findings" style="background:#fff8e1;color:#4e3b00;'
                 'border:2px solid #f0b400;padding:.8rem 1.2rem;margin:0;font:15px/1.5 system-ui,sans-serif">'
                 f'<p style="margin:0 0 .4rem;font-weight:bold">{html.escape(heading)}</p>'
                 f'<ul style="margin:0">{items}</ul></aside>')
        start = text.find("<body>")
        text = text[:start + 6] + aside + text[start + 6:] if start >= 0 else aside + text
    if problems:
        items = "".join(f"<li><code>{html.escape(p)}</code></li>" for p in problems)
        banner = ('<div role="alert" id="rolebook-problems" style="background:#fdecea;color:#5f2120;'
                  'border:2px solid #d32f2f;padding:.8rem 1.2rem;margin:0;font:15px/1.5 system-ui,sans-serif">'
                  f"<p style=\"margin:0 0 .4rem;font-weight:bold\">{html.escape(_(PAGE_OUTDATED))}</p>"
                  f"<ul style=\"margin:0\">{items}</ul></div>")
        start = text.find("<body>")
        text = text[:start + 6] + banner + text[start + 6:] if start >= 0 else banner + text
    return text


def serve(root: Path, host: str, port: int, workers: int, language=None,
          kinds: tuple[str, ...] = PREVIEW_KINDS) -> None:
    """Build, serve and rebuild on change until Ctrl-C (or SIGTERM)."""
    import logging

    import watchfiles

    logging.getLogger("watchfiles").setLevel(logging.ERROR)  # its "KeyboardInterrupt caught" line: we say "stopped"
    loopback = host in LOOPBACK
    if not loopback:
        print(_("warning: serving on {host}: anyone who can reach this machine can read the documents").format(
            host=host),
              file=sys.stderr)
    folder, out = claim()
    preview = Preview(root, out, workers, language, kinds)
    stop = threading.Event()
    server = None
    try:
        preview.rebuild()
        try:
            server = PreviewServer((host, port), partial(Handler, preview=preview, check_host=loopback))
        except OSError as exc:
            raise UsageError(_("cannot listen on {host}:{port}: {strerror}; choose another --port").format(
                                 host=host,
                                 port=port,
                                 strerror=exc.strerror)) from None
        bound_port = server.server_address[1]
        shown = f"[{host}]" if ":" in host else host
        print(_("serving {project} at {url} (Ctrl-C to stop)").format(
            project=display(root), url=f"http://{shown}:{bound_port}/"), file=sys.stderr,
              flush=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        root = root.resolve()
        ignored = (folder.resolve(), root / "build", root / ".git", root / ".rolebook")  # not inputs: the cache
        watch_filter = partial(_relevant, ignored=ignored, default=watchfiles.DefaultFilter())
        for _changes in watchfiles.watch(root, watch_filter=watch_filter, stop_event=stop, raise_interrupt=False):
            preview.rebuild()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        preview.stop()
        if server is not None:
            server.shutdown()
            server.server_close()
        shutil.rmtree(folder, ignore_errors=True)
        print(_("stopped"), file=sys.stderr)


def _relevant(change, path: str, ignored: tuple[Path, ...], default) -> bool:
    """Changes to the project's inputs, not to its outputs, git's folder or editors' scratch files."""
    if not default(change, path):
        return False
    where = Path(os.path.abspath(path))
    return not any(where == folder or where.is_relative_to(folder) for folder in ignored)
