"""Control characters are reported where they are, never echoed: a raw one at its line
and column (not PyYAML's "position 843"), one written as an escape in double quotes at
its value."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import MINIMAL, RunCli


def _policy(tmp_path: Path, text: str) -> None:
    (tmp_path / "p.yaml").write_bytes(text.encode("utf-8"))


def test_a_raw_control_character_is_located(tmp_path: Path, run_cli: RunCli) -> None:
    text = MINIMAL.read_text(encoding="utf-8")
    text = text.replace("title: {vi: Gián đoạn dịch vụ, en: Service outage}",
                        "title: {vi: Gián đoạn dịch vụ, en: Service\x00 outage}")
    assert len(text.split("\x00")[0]) > 600  # PyYAML would say "position 6xx"
    _policy(tmp_path, text)
    result = run_cli("check", "p.yaml", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        "p.yaml:19:47: a control character (\\x00, NUL) cannot be in a YAML file [CG004]")
    assert "position" not in result.output and "\x00" not in result.output


def test_lines_are_counted_as_yaml_counts_them(tmp_path: Path, run_cli: RunCli) -> None:
    _policy(tmp_path, "id: x\r\nversion: '1'\ra: b\u2028c: \x1b[2J\x7f\n")
    result = run_cli("check", "p.yaml", cwd=tmp_path)
    assert [line.split(" [")[0] for line in result.stdout.splitlines()
            if line.startswith("p.yaml") and "[CG090]" not in line] == [
        "p.yaml:4:4: a control character (\\x1b, ESC) cannot be in a YAML file",
        "p.yaml:4:8: a control character (\\x7f, DEL) cannot be in a YAML file"]


def test_many_control_characters_are_counted_not_all_listed(tmp_path: Path,
                                                           run_cli: RunCli) -> None:
    _policy(tmp_path, "id: x\n" + "\x07" * 500 + "\n")
    result = run_cli("check", "p.yaml", cwd=tmp_path)
    assert result.stdout.count("[CG004]") == 10
    assert "cannot be in a YAML file (and 490 more)" in result.stdout


def test_an_escaped_control_character_is_located_at_its_value(tmp_path: Path,
                                                              run_cli: RunCli) -> None:
    text = MINIMAL.read_text(encoding="utf-8").replace(
        'version: "1.0"', 'version: "1.0\\e[2J\\e[32m all checks passed"')
    _policy(tmp_path, text)
    result = run_cli("check", "p.yaml", cwd=tmp_path)
    assert result.exit_code == 1
    assert ("p.yaml:3:10: version: a control character (\\x1b, ESC) in a text, written as "
            "an escape [CG004]") in result.stdout
    assert "all checks passed" not in result.output and "\x1b" not in result.output


def test_tabs_and_line_breaks_in_texts_are_fine(tmp_path: Path, run_cli: RunCli) -> None:
    text = MINIMAL.read_text(encoding="utf-8").replace(
        "en: You cannot sign in.}", 'en: "You cannot\\tsign in.\\nAt all."}')
    _policy(tmp_path, text)
    assert run_cli("check", "p.yaml", cwd=tmp_path).exit_code == 0
