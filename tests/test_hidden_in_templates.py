"""Override templates, stylesheets and translation catalogues are untrusted like policies:
a bidi override, a zero-width space or an ESC in them is reported at its line and column
(CG005, CG004), escaped in every message, and stops the build."""

from __future__ import annotations

import json
from pathlib import Path

from commitgen.printable import is_hidden
from commitgen.validation.characters import MAX_LISTED
from tests.conftest import MINIMAL, RunCli, make_project

TEMPLATE = ('{% extends "theme/charter.html.j2" %}\n'
            "{% block about %}<p>Licence\u202e 123</p>\x1b[2J{% endblock %}\n")
CATALOGUE = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
             'msgid "Page %(page)s of %(pages)s"\n'
             'msgstr "Page\u200b %(page)s of\u200e %(pages)s"\n')
STYLESHEET = "\ufeff.cover h1 { letter-spacing: 0; }\n.a { color: red;\x00 }\n"


def _project(root: Path, files: dict[str, str | bytes]) -> Path:
    make_project(root, [MINIMAL])
    for name, text in files.items():
        path = root / "templates" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return root


def test_each_hidden_character_is_located_and_escaped(tmp_path: Path,
                                                      run_cli: RunCli) -> None:
    root = _project(tmp_path / "p", {
        "charter.html.j2": TEMPLATE, "print.css": STYLESHEET,
        "locale/en/LC_MESSAGES/messages.po": CATALOGUE})
    result = run_cli("check", cwd=root)
    assert result.exit_code == 1, result.output
    found = [line for line in result.output.splitlines() if "[CG00" in line]
    assert found == [
        "templates/charter.html.j2:2:28: an invisible character (\\u202e, RIGHT-TO-LEFT "
        "OVERRIDE) in a template: it hides or reorders what readers see [CG005]",
        "templates/charter.html.j2:2:37: a control character (\\x1b, ESC) in a template "
        "[CG004]",
        "templates/locale/en/LC_MESSAGES/messages.po:6:13: an invisible character (\\u200b, "
        "ZERO WIDTH SPACE) in a translation catalogue: it hides or reorders what readers "
        "see [CG005]",
        "templates/locale/en/LC_MESSAGES/messages.po:6:26: warning: an invisible character "
        "(\\u200e, LEFT-TO-RIGHT MARK) in a translation catalogue [CG005]",
        "templates/print.css:2:17: a control character (\\x00, NUL) in a stylesheet [CG004]",
    ], result.output  # the byte-order mark that starts print.css is fine
    assert not any(is_hidden(c) for c in result.output if c != "\n")
    sarif = run_cli("check", "--format", "sarif", cwd=root).stdout
    assert not any(is_hidden(c) for c in sarif if c != "\n")
    results = json.loads(sarif)["runs"][0]["results"]
    assert {r["ruleId"] for r in results} >= {"CG004", "CG005"}
    result = run_cli("build", "-q", cwd=root)
    assert result.exit_code == 1, result.output
    assert not (root / "output").exists()


def test_a_direction_mark_alone_is_a_warning(tmp_path: Path, run_cli: RunCli) -> None:
    catalogue = CATALOGUE.replace("\u200b", "")
    root = _project(tmp_path / "p", {"locale/en/LC_MESSAGES/messages.po": catalogue})
    assert run_cli("check", cwd=root).exit_code == 0
    result = run_cli("check", "--strict", cwd=root)
    assert result.exit_code == 1
    assert "messages.po:6:25: warning: an invisible character (\\u200e" in result.output


def test_many_are_listed_up_to_a_count(tmp_path: Path, run_cli: RunCli) -> None:
    lines = "".join(f"<p>{n}\u200b</p>\n" for n in range(MAX_LISTED + 5))
    root = _project(tmp_path / "p", {"page.html.j2": lines})
    result = run_cli("check", cwd=root)
    found = [line for line in result.output.splitlines() if "[CG005]" in line]
    assert len(found) == MAX_LISTED, result.output
    assert found[0].startswith("templates/page.html.j2:1:5: ")
    assert found[-1].startswith(f"templates/page.html.j2:{MAX_LISTED}:")
    assert "(and 5 more in this file)" in found[-1]


def test_a_file_too_large_to_check_is_refused(tmp_path: Path, run_cli: RunCli) -> None:
    big = "/* padding */\n" * (1024 * 1024 // 14 + 1)
    root = _project(tmp_path / "p", {"print.css": big + "@page { size: 1mm; }\n"})
    result = run_cli("check", cwd=root)
    assert result.exit_code == 1, result.output
    assert ("templates/print.css: the stylesheet is larger than 1 MiB: too large to check "
            "[CG310]") in result.output
