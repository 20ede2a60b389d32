"""The version rules of ``check``: a worse change before the notice period (at the
boundary), changed content under a released version, versions and effective dates going
backwards; history from releases and from git. Dates are relative to the fixture."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import RunCli, make_project
from tests.versions_support import EFFECTIVE, NOTICE_DAYS, new_version, release_on

RENEWAL_FEE = ("channels:", "fees:\n  - id: renewal\n    name: {vi: Phí gia hạn, en: Renewal "
               "fee}\n    amount: 500000 VND\n    when: {vi: Mỗi lần gia hạn., en: At each "
               "renewal.}\nchannels:")
HIGHER_PAYOUT = ("amount: 200000 VND", "amount: 300000 VND")
DAY = dt.timedelta(days=1)
PUBLISHED = EFFECTIVE + 40 * DAY  # the day the new version is published
EARLIEST = PUBLISHED + DAY + NOTICE_DAYS * DAY  # notice counts from the next day


@pytest.fixture
def released(tmp_path: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project whose version 1.0 was released on its effective date."""
    project = make_project(tmp_path / "p", [])
    (project / "policies" / "minimal.yaml").write_text(new_version("1.0", EFFECTIVE),
                                                        encoding="utf-8")
    release_on(run_cli, project, EFFECTIVE, monkeypatch)
    return project


def _check(run_cli: RunCli, project: Path, today: dt.date, monkeypatch: pytest.MonkeyPatch,
           *args: str) -> list[dict[str, object]]:
    monkeypatch.setenv("COMMITGEN_TODAY", today.isoformat())
    result = run_cli("check", "--format", "json", "-C", str(project), *args)
    problems: list[dict[str, object]] = json.loads(result.output)["problems"] \
        if result.output.startswith("{") else json.loads(result.output)
    assert result.exit_code == (1 if any(p["severity"] == "error" for p in problems) else 0)
    return problems


def _write(project: Path, text: str) -> None:
    (project / "policies" / "minimal.yaml").write_text(text, encoding="utf-8")


@pytest.mark.parametrize(("effective", "refused"), [(EARLIEST - DAY, True), (EARLIEST, False)])
def test_worse_change_needs_the_notice_period(effective: dt.date, refused: bool, released: Path,
                                              run_cli: RunCli,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    _write(released, new_version("1.1", effective, RENEWAL_FEE))
    problems = _check(run_cli, released, PUBLISHED, monkeypatch)
    found = [p for p in problems if p["code"] == "CG150"]
    if not refused:
        assert found == []
        return
    [problem] = found
    assert problem["field"] == "effective" and problem["line"] == 4
    assert f"the earliest it can take effect is {EARLIEST}" in str(problem["message"])
    assert "new fee (Phí gia hạn): — → 500000 VND" in str(problem["message"])
    assert f"set effective: {EARLIEST} or later" in str(problem["hint"])


def test_a_better_change_may_take_effect_at_once(released: Path, run_cli: RunCli,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    _write(released, new_version("1.1", PUBLISHED, HIGHER_PAYOUT))
    assert _check(run_cli, released, PUBLISHED, monkeypatch) == []


def test_a_released_version_counts_from_its_release_date(
        released: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(released, new_version("1.1", EARLIEST, RENEWAL_FEE))
    release_on(run_cli, released, PUBLISHED, monkeypatch)
    # checked later, the publication date is still the release date: still fine
    assert _check(run_cli, released, PUBLISHED + 20 * DAY, monkeypatch) == []


def test_changed_content_needs_a_new_version(released: Path, run_cli: RunCli,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    _write(released, new_version("1.0", EFFECTIVE, HIGHER_PAYOUT))
    [problem] = _check(run_cli, released, PUBLISHED, monkeypatch)
    assert (problem["code"], problem["field"]) == ("CG151", "version")
    assert f"released on {EFFECTIVE} with other content" in str(problem["message"])


def test_version_going_backwards(released: Path, run_cli: RunCli,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    _write(released, new_version("0.9", EARLIEST, HIGHER_PAYOUT))
    codes = {p["code"] for p in _check(run_cli, released, PUBLISHED, monkeypatch)}
    assert codes == {"CG152"}


def test_effective_date_going_backwards(released: Path, run_cli: RunCli,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    _write(released, new_version("1.1", EFFECTIVE - DAY, HIGHER_PAYOUT))
    [problem] = _check(run_cli, released, PUBLISHED, monkeypatch)
    assert (problem["code"], problem["field"]) == ("CG153", "effective")


def test_a_tampered_release_is_an_error(released: Path, run_cli: RunCli,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    snapshot = released / "releases" / "minimal" / "v1.0" / "policy.yaml"
    snapshot.write_text(snapshot.read_text().replace("200000", "900000"), encoding="utf-8")
    [problem] = _check(run_cli, released, PUBLISHED, monkeypatch)
    assert problem["code"] == "CG040"
    assert "was changed after it was published: policy.yaml" in str(problem["message"])


def test_history_from_git(tmp_path: Path, run_cli: RunCli,
                          monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path / "g", [])
    _write(project, new_version("1.0", EFFECTIVE))

    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
                       cwd=project, check=True, capture_output=True)

    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "1.0")
    _write(project, new_version("1.1", PUBLISHED + 7 * DAY, RENEWAL_FEE))
    [problem] = _check(run_cli, project, PUBLISHED, monkeypatch, "--against", "HEAD")
    assert problem["code"] == "CG150"
    assert "version 1.0" in str(problem["message"])
    # without --against and without releases, nothing is known about earlier versions
    assert _check(run_cli, project, PUBLISHED, monkeypatch) == []


def test_the_version_in_force_on_a_day(released: Path) -> None:
    from commitgen.loading.sources import load_policy
    from commitgen.project import load_project
    from commitgen.versions.in_force import NotInForce, in_force
    from commitgen.versions.releases import read_releases

    _write(released, new_version("1.1", EARLIEST, HIGHER_PAYOUT))
    loaded, _ = load_policy(released / "policies" / "minimal.yaml", "minimal.yaml")
    project, _ = load_project(released)
    assert loaded is not None and project is not None
    releases = read_releases(project.releases_dir, released)[0]["minimal"]
    before = in_force(loaded.policy, releases, EARLIEST - DAY)
    assert (before.policy.version, before.until) == ("1.0", EARLIEST - DAY)
    assert "amount: 200000 VND" in (released / "releases/minimal/v1.0/policy.yaml").read_text()
    assert in_force(loaded.policy, releases, EARLIEST).policy.version == "1.1"
    with pytest.raises(NotInForce, match="the first took effect on 2026-01-01"):
        in_force(loaded.policy, releases, EFFECTIVE - DAY)


def test_compensate_on_a_day_uses_the_version_then_in_force(released: Path,
                                                           run_cli: RunCli) -> None:
    _write(released, new_version("1.1", EARLIEST, HIGHER_PAYOUT))
    args = ("compensate", "minimal", "outage", "-C", str(released), "--lang", "en")
    before = run_cli(*args, "--on", (EARLIEST - DAY).isoformat())
    assert before.exit_code == 0, before.output
    until = f"{(EARLIEST - DAY).day} {(EARLIEST - DAY):%B %Y}"
    assert f"Under version 1.0 of the charter, which applied until {until}." in before.output
    assert "200,000\xa0VND" in before.output and "300,000" not in before.output
    after = run_cli(*args, "--on", EARLIEST.isoformat())
    assert after.exit_code == 0, after.output
    assert "300,000\xa0VND" in after.output and "Under version" not in after.output
    answer = json.loads(run_cli(*args, "--format", "json", "--on",
                                (EARLIEST - DAY).isoformat()).output)
    assert answer["version"] == {"version": "1.0", "effective": EFFECTIVE.isoformat(),
                                 "until": (EARLIEST - DAY).isoformat(), "current": False}
    vi = run_cli(*args[:-1], "vi", "--on", (EARLIEST - DAY).isoformat())
    assert "Theo phiên bản 1.0 của bản cam kết, áp dụng đến hết ngày" in vi.output
