"""Serve a preview folder over HTTP: pages that reload themselves, located problems in
the page, PDFs on demand, and never a file outside the folder.

A request path is percent-decoded once, split on ``/``, and refused (404) when a segment
is ``..`` or ``.``, starts with a dot, or holds a backslash or a NUL; what remains is
resolved (symlinks followed) and served only if it is a file inside the tree. The staff
tree is reachable under ``/staff/`` only when the preview was started with it. On a
loopback address, requests naming another host are refused (a web page elsewhere cannot
read the preview through DNS rebinding).
"""

from __future__ import annotations

import html
import json
import mimetypes
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from commitgen.diagnostics import BuildFailure
from commitgen.preview.builder import PUBLIC, STAFF, PreviewBuilder, PreviewState
from commitgen.preview.overlay import live_script, overlay

#: the preview's own endpoints live under this prefix, which no build file can have
PREFIX = "/__commitgen/"
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
#: how long an event stream waits between keep-alive comments (seconds)
KEEP_ALIVE = 10.0


def is_loopback(host: str) -> bool:
    return host in LOOPBACK_HOSTS or host.startswith("127.")


class PreviewServer(ThreadingHTTPServer):
    """An HTTP server of one :class:`PreviewBuilder`'s folder."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, builder: PreviewBuilder, host: str = "127.0.0.1",
                 port: int = 8000) -> None:
        self.builder = builder
        self.stopping = threading.Event()
        if ":" in host:
            import socket

            self.address_family = socket.AF_INET6
        super().__init__((host, port), PreviewHandler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A reader that closed the page early is not an error worth a traceback."""
        import sys

        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)

    @property
    def url(self) -> str:
        host, port = str(self.server_address[0]), self.server_address[1]
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{port}/"

    def stop(self) -> None:
        """Stop serving and let open event streams end."""
        self.stopping.set()
        with self.builder.changed:
            self.builder.changed.notify_all()
        self.shutdown()
        self.server_close()


def resolve(tree: Path, path: str) -> Path | None:
    """The file that the decoded URL ``path`` names inside ``tree``; None when it names
    nothing there or would leave it (``..``, dot segments, symlinks out)."""
    segments = [s for s in path.split("/") if s]
    if any(s in (".", "..") or s.startswith(".") or "\\" in s or "\0" in s
           for s in segments):
        return None
    candidate = tree.joinpath(*segments)
    if candidate.is_dir():
        candidate = candidate / "index.html"
    try:
        real = candidate.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    root = tree.resolve()
    if not real.is_relative_to(root) or not real.is_file():
        return None
    return real


class PreviewHandler(BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"
    server_version = "commitgen-preview"
    sys_version = ""

    def log_message(self, format: str, *args: Any) -> None:
        return None  # quiet: the terminal shows rebuilds, not every request

    def do_HEAD(self) -> None:
        self._respond(head=True)

    def do_GET(self) -> None:
        self._respond(head=False)

    def _respond(self, head: bool) -> None:
        if not self._host_allowed():
            self._send(HTTPStatus.FORBIDDEN, b"this preview answers on its own address only\n",
                       "text/plain; charset=utf-8", head)
            return
        raw = urlsplit(self.path).path
        if raw.startswith(PREFIX):
            self._own(raw[len(PREFIX):], head)
            return
        try:
            path = unquote(raw, errors="strict")
        except UnicodeDecodeError:
            self._not_found(head)
            return
        builder = self.server.builder
        tree_name, rest = PUBLIC, path
        if path == "/staff" or path.startswith("/staff/"):
            if STAFF not in builder.trees():
                self._not_found(head, "Staff briefings are shown only when the preview is "
                                "started with <code>commitgen serve --staff</code>.")
                return
            tree_name, rest = STAFF, path[len("/staff"):]
        relative = f"{tree_name}/{rest.strip('/')}"
        if builder.has_pdf(relative) and resolve(builder.site / tree_name, rest) is None:
            self._pdf(relative, head)
            return
        found = resolve(builder.site / tree_name, rest)
        if found is None:
            self._not_found(head)
            return
        self._file(found, head)

    def _host_allowed(self) -> bool:
        bound = str(self.server.server_address[0])
        if not is_loopback(bound):
            return True
        host = (self.headers.get("Host") or "").strip().lower()
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        return name in LOOPBACK_HOSTS or name.startswith("127.")

    def _file(self, path: Path, head: bool) -> None:
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        data = path.read_bytes()
        if kind == "text/html":
            data = self._with_live_reload(data.decode("utf-8", errors="replace"))
        if kind.startswith("text/") or kind in ("application/json", "image/svg+xml"):
            kind += "; charset=utf-8"
        self._send(HTTPStatus.OK, data, kind, head)

    def _with_live_reload(self, page: str) -> bytes:
        state = self.server.builder.state
        addition = overlay(state) + live_script(state.generation)
        at = page.rfind("</body>")
        page = page[:at] + addition + page[at:] if at >= 0 else page + addition
        return page.encode("utf-8")

    def _pdf(self, relative: str, head: bool) -> None:
        try:
            path = self.server.builder.pdf(relative)
        except BuildFailure as exc:
            body = ("<!doctype html><meta charset='utf-8'><title>PDF failed</title>"
                    f"<h1>The PDF could not be made</h1><pre>{html.escape(str(exc))}</pre>")
            self._send(HTTPStatus.INTERNAL_SERVER_ERROR, self._with_live_reload(body),
                       "text/html; charset=utf-8", head)
            return
        self._send(HTTPStatus.OK, path.read_bytes(), "application/pdf", head)

    def _not_found(self, head: bool, why: str = "") -> None:
        state = self.server.builder.state
        if not state.has_site:
            title = "Waiting for a build without errors"
            text = ("commitgen shows the charters here as soon as the policies build; "
                    "the problems are listed below.")
        else:
            title, text = "Not found", why or "There is no such page in this preview."
        body = (f"<!doctype html><html lang='en'><meta charset='utf-8'><meta name='viewport' "
                f"content='width=device-width, initial-scale=1'><title>{title}</title><body "
                f"style='font-family:system-ui,sans-serif;margin:2rem'><h1>{title}</h1>"
                f"<p>{text}</p><p><a href='/'>All charters</a></p></body></html>")
        self._send(HTTPStatus.NOT_FOUND, self._with_live_reload(body),
                   "text/html; charset=utf-8", head)

    def _own(self, name: str, head: bool) -> None:
        state = self.server.builder.state
        if name == "events":
            self._events(state)
        elif name == "live.js":
            self._send(HTTPStatus.OK, LIVE_JS.encode(), "text/javascript; charset=utf-8", head)
        elif name == "state":
            self._send(HTTPStatus.OK, json.dumps(_state_json(state)).encode(),
                       "application/json; charset=utf-8", head)
        else:
            self._not_found(head)

    def _events(self, state: PreviewState) -> None:
        """Server-sent events: the generation now, then every new one."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        builder = self.server.builder
        sent = -1
        try:
            while not self.server.stopping.is_set():
                generation = builder.state.generation
                if generation != sent:
                    self.wfile.write(f"data: {generation}\n\n".encode())
                    sent = generation
                else:
                    self.wfile.write(b": keep-alive\n\n")
                self.wfile.flush()
                self._wait_for_change(sent)
        except (BrokenPipeError, ConnectionResetError, OSError):
            return

    def _wait_for_change(self, generation: int) -> None:
        builder, stopping = self.server.builder, self.server.stopping
        with builder.changed:
            builder.changed.wait_for(
                lambda: builder.state.generation != generation or stopping.is_set(),
                timeout=KEEP_ALIVE)

    def _send(self, status: HTTPStatus, data: bytes, kind: str, head: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if not head:
            self.wfile.write(data)


def _state_json(state: PreviewState) -> dict[str, Any]:
    return {"generation": state.generation, "failed": state.failed,
            "has_site": state.has_site, "failure": state.failure,
            "seconds": round(state.seconds, 3),
            "problems": [d.to_dict() for d in state.problems]}


#: reloads the page when the preview's generation changes (a rebuild, good or failed)
LIVE_JS = """\
(() => {
  const me = document.currentScript;
  const shown = me ? me.dataset.generation : null;
  const events = new EventSource("/__commitgen/events");
  events.onmessage = (event) => {
    if (shown !== null && event.data !== shown) {
      events.close();
      location.reload();
    }
  };
})();
"""
