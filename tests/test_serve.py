"""``commitgen serve`` over real HTTP on the loopback interface: the pages, the problems of
a broken save shown in the page while the last good build stays, recovery, PDFs on
demand, staff pages only on request, no file outside the build folder, and a clean stop
on Ctrl-C. The reload in a real browser is in tests/test_serve_browser.py."""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from commitgen.preview.builder import PreviewState
from commitgen.preview.session import Preview
from commitgen.runtime import Runtime
from tests.conftest import MINIMAL, REPO, as_in_a_terminal, make_project, pdf_text


def _request(preview: Preview, path: str, method: str = "GET",
             headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    host, port = preview.server.server_address[:2]
    connection = http.client.HTTPConnection(str(host), int(port), timeout=60)
    try:
        connection.request(method, path, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def _get(preview: Preview, path: str) -> tuple[int, str]:
    status, _, body = _request(preview, path)
    return status, body.decode("utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project", [MINIMAL])


@pytest.fixture
def preview(project: Path) -> Iterator[Preview]:
    with Preview(project, Runtime.from_environment(cwd=project), port=0) as running:
        running.builder.rebuild()
        yield running


def _edit(project: Path, old: str, new: str) -> None:
    policy = project / "policies" / "minimal.yaml"
    text = policy.read_text(encoding="utf-8")
    assert old in text
    policy.write_text(text.replace(old, new), encoding="utf-8")


def _main(page: str) -> str:
    """The document itself, without what the preview adds before </body>."""
    return page.split('<script src="/__commitgen/live.js"')[0].split(
        '<style>\n#commitgen-problems')[0]


def test_serves_the_index_and_the_charters_with_live_reload(preview: Preview) -> None:
    status, index = _get(preview, "/")
    assert status == 200
    assert 'href="minimal/vi/index.html"' in index
    status, page = _get(preview, "/minimal/en/")
    assert status == 200
    assert "<h1" in page and "Test service" in page
    assert f'<script src="/__commitgen/live.js" data-generation="' \
           f'{preview.builder.state.generation}"></script></body>' in page
    assert "commitgen-problems" not in page  # no problems, no panel
    status, script = _get(preview, "/__commitgen/live.js")
    assert status == 200 and "EventSource" in script and "location.reload()" in script


def test_the_build_folder_is_the_html_of_a_build_without_pdfs(preview: Preview,
                                                               project: Path) -> None:
    files = {p.relative_to(preview.builder.site).as_posix()
             for p in preview.builder.site.rglob("*") if p.is_file()}
    assert "public/minimal/en/index.html" in files
    assert "public/minimal/en/charter.json" in files
    assert not [f for f in files if f.endswith(".pdf")]
    assert not [f for f in files if f.startswith("staff/")]  # not asked for
    assert not (project / "output").exists()  # the project's output is not touched


def test_a_broken_save_shows_the_errors_over_the_last_good_page(preview: Preview,
                                                                 project: Path) -> None:
    _, good = _get(preview, "/minimal/en/")
    _edit(project, "resolve_within: 4 hours", "resolve_within: soon")
    _edit(project, "name: {vi: Dịch vụ thử nghiệm, en: Test service}",
          "name: {vi: Dịch vụ thử nghiệm, en: Renamed service}")
    state = preview.builder.rebuild()
    assert state.failed and state.has_site
    status, page = _get(preview, "/minimal/en/")
    assert status == 200
    assert _main(page) == _main(good)  # still the last good build
    assert "Renamed service" not in page
    panel = page.split('id="commitgen-problems"', 1)[1]
    assert "1 error in your last save" in panel
    assert "<code>policies/minimal.yaml:23:21</code>" in panel
    assert "<strong>worst_cases[0].resolve_within</strong>" in panel
    assert "&quot;soon&quot; is not a time a customer can hold you to" in panel
    assert "hint: see docs/format.md#duration" in panel
    state_json = json.loads(_get(preview, "/__commitgen/state")[1])
    assert state_json["failed"] and [p["line"] for p in state_json["problems"]
                                      if p["severity"] == "error"] == [23]
    _edit(project, "resolve_within: soon", "resolve_within: 4 hours")
    assert not preview.builder.rebuild().failed
    _, fixed = _get(preview, "/minimal/en/")
    assert "Renamed service" in fixed and "commitgen-problems" not in fixed


def test_a_template_error_is_shown_too(preview: Preview, project: Path) -> None:
    (project / "templates").mkdir()
    (project / "templates" / "charter.html.j2").write_text("{{ charter.no_such }}", "utf-8")
    state = preview.builder.rebuild()
    assert state.failed and "template error" in state.failure
    _, page = _get(preview, "/minimal/en/")
    assert "Test service" in page and "template error" in page


def test_problems_in_text_are_escaped_in_the_page(preview: Preview, project: Path) -> None:
    _edit(project, "resolve_within: 4 hours", 'resolve_within: "<script>alert(1)</script>"')
    preview.builder.rebuild()
    _, page = _get(preview, "/minimal/en/")
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_before_any_good_build_the_page_says_so(tmp_path: Path) -> None:
    root = make_project(tmp_path / "broken", [MINIMAL])
    _edit(root, "id: minimal", "id: Not A Slug")
    with Preview(root, Runtime.from_environment(cwd=root), port=0) as preview:
        state = preview.builder.rebuild()
        assert state.failed and not state.has_site
        status, page = _get(preview, "/")
    assert status == 404
    assert "Waiting for a build without errors" in page
    assert "policies/minimal.yaml:2:5" in page


@pytest.mark.parametrize("path", [
    "/../../../../etc/passwd",
    "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/minimal/%2E%2E/%2E%2E/%2E%2E/%2E%2E/etc/hostname",
    "/minimal%2f..%2f..%2f..%2fetc%2fhostname",
    "/..%5c..%5cetc%5chostname",
    "/.commitgen-output",
    "/minimal/en/%00index.html",
    "/%ff%fe",
    "/staff/",
    "/staff/minimal/en/briefing.html",
])
def test_nothing_outside_the_public_tree_is_served(preview: Preview, path: str) -> None:
    status, _, body = _request(preview, path)
    assert status == 404, path
    assert b"root:" not in body and b"STAFF-SECRET" not in body


def test_a_symlink_out_of_the_build_folder_is_not_followed(preview: Preview,
                                                          tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("outside", encoding="utf-8")
    (preview.builder.site / "public" / "leak.txt").symlink_to(secret)
    (preview.builder.site / "public" / "leakdir").symlink_to(tmp_path, target_is_directory=True)
    assert _request(preview, "/leak.txt")[0] == 404
    assert _request(preview, "/leakdir/secret.txt")[0] == 404


def test_another_host_name_is_refused(preview: Preview) -> None:
    status, _, _ = _request(preview, "/", headers={"Host": "attacker.example:8000"})
    assert status == 403
    assert _request(preview, "/", headers={"Host": "localhost:1234"})[0] == 200


def test_staff_pages_only_on_request(project: Path) -> None:
    with Preview(project, Runtime.from_environment(cwd=project), port=0,
                 staff=True) as preview:
        preview.builder.rebuild()
        status, briefing = _get(preview, "/staff/minimal/en/briefing.html")
        assert status == 200 and "STAFF-SECRET-EN" in briefing
        assert _get(preview, "/staff/")[0] == 200
        _, public = _get(preview, "/minimal/en/")
    assert "STAFF-SECRET" not in public


def test_head_requests_answer_without_a_body(preview: Preview) -> None:
    status, headers, body = _request(preview, "/minimal/en/index.html", method="HEAD")
    assert status == 200 and body == b""
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert headers["Cache-Control"] == "no-store"


def _read_event(response: http.client.HTTPResponse) -> str:
    while True:
        line = response.readline().decode()
        if line.startswith("data: "):
            return line[len("data: "):].strip()


def test_open_pages_hear_of_every_rebuild(preview: Preview, project: Path) -> None:
    host, port = preview.server.server_address[:2]
    connection = http.client.HTTPConnection(str(host), int(port), timeout=30)
    connection.request("GET", "/__commitgen/events")
    response = connection.getresponse()
    assert response.getheader("Content-Type") == "text/event-stream"
    first = int(_read_event(response))
    assert first == preview.builder.state.generation
    _edit(project, "resolve_within: 4 hours", "resolve_within: soon")
    preview.builder.rebuild()
    assert int(_read_event(response)) == first + 1
    connection.close()


def test_a_save_rebuilds_by_itself(preview: Preview, project: Path) -> None:
    seen: list[tuple[set[Path], PreviewState]] = []
    watching = threading.Thread(target=preview.watch,
                                args=(lambda paths, state: seen.append((paths, state)),),
                                daemon=True)
    watching.start()
    time.sleep(1.0)  # the watcher is set up
    _edit(project, "name: {vi: Dịch vụ thử nghiệm, en: Test service}",
          "name: {vi: Dịch vụ thử nghiệm, en: Saved service}")
    deadline = time.monotonic() + 60
    while not seen and time.monotonic() < deadline:
        time.sleep(0.05)
    preview.stop.set()
    watching.join(timeout=10)
    assert seen, "no rebuild after a save"
    paths, state = seen[0]
    assert paths == {project / "policies" / "minimal.yaml"}
    assert not state.failed
    assert "Saved service" in _get(preview, "/minimal/en/")[1]


def test_output_and_other_files_do_not_trigger_rebuilds(project: Path) -> None:
    from commitgen.preview.watcher import is_relevant
    from commitgen.project import load_project

    loaded, _ = load_project(project)
    for name, relevant in [("commitgen.yaml", True), ("policies/a.yaml", True),
                           ("policies/.a.yaml.swp", False), ("policies/notes.txt", False),
                           ("templates/charter.html.j2", True),
                           ("templates/locale/fr/LC_MESSAGES/messages.po", True),
                           ("assets/logo.svg", True), ("output/public/index.html", False),
                           ("README.md", False)]:
        assert is_relevant(project / name, project, loaded) is relevant, name


@pytest.mark.pdf
def test_pdfs_are_made_when_opened(preview: Preview) -> None:
    status, headers, body = _request(preview, "/minimal/vi/minimal-vi.pdf")
    assert status == 200, body[:300]
    assert headers["Content-Type"] == "application/pdf"
    assert body.startswith(b"%PDF-")
    path = preview.builder.folder / "got.pdf"
    path.write_bytes(body)
    assert "Dịch vụ thử nghiệm" in pdf_text(path)
    again = _request(preview, "/minimal/vi/minimal-vi.pdf")[2]
    assert again == body  # the same file, from the cache


def _serve(project: Path, *args: str, env: dict[str, str]) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "commitgen", "serve", "--port", "0", *args], cwd=project,
        env=env, stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        preexec_fn=as_in_a_terminal)
    assert process.stderr is not None
    lines = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        lines.append(line)
        match = re.search(r"serving (http://\S+/) ", line)
        if match:
            return process, match.group(1)
        if not line and process.poll() is not None:
            break
    process.kill()
    raise AssertionError("".join(lines))


def test_the_command_serves_and_stops_cleanly_on_ctrl_c(project: Path, tmp_path: Path) -> None:
    private = tmp_path / "tmp"
    private.mkdir()
    env = {**os.environ, "PYTHONPATH": str(REPO), "TMPDIR": str(private)}
    process, url = _serve(project, env=env)
    try:
        assert url.startswith("http://127.0.0.1:")
        host, port = url[len("http://"):-1].rsplit(":", 1)
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
        connection.request("GET", "/minimal/en/")
        assert connection.getresponse().status == 200
        connection.close()
        assert any(p.name.startswith("commitgen-preview-") for p in private.iterdir())
    finally:
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert "Traceback" not in err
    assert err.rstrip().endswith("stopped")
    assert not [p for p in private.iterdir() if p.name.startswith("commitgen-preview-")]


def test_another_address_is_a_loud_warning(project: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen(
        [sys.executable, "-m", "commitgen", "serve", "--host", "0.0.0.0", "--port", "0"],
        cwd=project, env=env, stderr=subprocess.PIPE, text=True, preexec_fn=as_in_a_terminal)
    assert process.stderr is not None
    first = process.stderr.readline()
    process.send_signal(signal.SIGINT)
    process.communicate(timeout=60)
    assert first.startswith("WARNING: serving on 0.0.0.0")
    assert "anyone who can reach this machine can read these drafts" in first


def test_a_busy_port_is_a_clear_error(preview: Preview, project: Path,
                                      run_cli: Any) -> None:
    port = preview.server.server_address[1]
    result = run_cli("serve", "--port", str(port), cwd=project)
    assert result.exit_code == 3
    assert f"cannot serve on 127.0.0.1:{port}" in result.stderr
    assert "try another --port" in result.stderr
