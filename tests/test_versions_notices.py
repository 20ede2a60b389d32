"""Change notices: what changes, better or worse, from when, with the computed example, in
every language with the locale's formats; the staff notice in the staff tree only; the
versions in charter.json. HTML only (the fast tier); PDFs: tests/test_versions_publish.py."""

from __future__ import annotations

import datetime as dt
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from commitgen.build import check_for_build, render_html
from commitgen.project import load_project
from commitgen.runtime import Runtime
from tests.conftest import RunCli, make_project
from tests.versions_support import EFFECTIVE, new_version, release_on

LATER = EFFECTIVE + dt.timedelta(days=60)
BANDS = """    compensation:
      type: bands
      measure: {name: {vi: Tỷ lệ sẵn sàng, en: Availability}, unit: "%", fact: availability}
      of: monthly_fee
      bands:
        - {at_least: 99.9, percent: 0}
        - {at_least: 99.0, below: 99.9, percent: 10}
        - {below: 99.0, percent: 25}
      payment:"""
LEAVING = ("notice: 30 days\n  leave_without_penalty:\n    how: {vi: Gọi tổng đài 1900 1234., "
           "en: Call us on 1900 1234.}\n    refund: {vi: Hoàn phí trả trước chưa dùng., en: "
           "Unused prepaid fees are refunded.}")
FIXED = """    compensation:
      type: fixed
      amount: 200000 VND
      payment:"""


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def text_of(html: bytes) -> str:
    parser = _Text()
    parser.feed(html.decode())
    return " ".join(" ".join(parser.parts).split())


@pytest.fixture
def files(tmp_path: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    project = make_project(tmp_path / "p", [])
    policy = project / "policies" / "minimal.yaml"
    policy.write_text(new_version("1.0", EFFECTIVE, (FIXED, BANDS)), encoding="utf-8")
    release_on(run_cli, project, EFFECTIVE, monkeypatch)
    # the edge moves from 99.0 to 98.0: found only by computing; the deadline gets shorter;
    # customers may leave without penalty before a worse change
    policy.write_text(new_version("1.1", LATER, (FIXED, BANDS.replace("99.0", "98.0")),
                                  ("resolve_within: 4 hours", "resolve_within: 2 hours"),
                                  ("notice: 30 days", LEAVING)),
                      encoding="utf-8")
    loaded, problems = load_project(project)
    assert loaded is not None, problems
    result = check_for_build(loaded, LATER - dt.timedelta(days=40))
    runtime = Runtime.from_environment({}, cwd=project)
    return render_html(loaded, runtime, result, tmp_path / "stage").files


def test_customer_notice_in_each_language(files: dict[str, bytes]) -> None:
    vi = text_of(files["public/minimal/notices/1.1/vi/index.html"])
    assert ("Từ ngày 2 tháng 3 năm 2026, phiên bản 1.1 của bản cam kết này thay thế phiên "
            "bản 1.0.") in vi
    assert "Kém có lợi hơn cho bạn" in vi and "Có lợi hơn cho bạn" in vi
    assert ("Ví dụ, với tỷ lệ sẵn sàng 98 %, cước hằng tháng của bạn 1.000.000 đồng: trước đây "
            "250.000 đồng, từ ngày 2 tháng 3 năm 2026 là 100.000 đồng.") in vi
    en = text_of(files["public/minimal/notices/1.1/en/index.html"])
    assert "From 2 March 2026, version 1.1 of this charter replaces version 1.0." in en
    assert ("For example, with availability 98 %, your monthly fee 1,000,000 VND: 250,000 VND "
            "until now, 100,000 VND from 2 March 2026.") in en
    assert "Put right within : Service outage — 4 hours → 2 hours" in en
    assert "director@example.com" in en  # what the customer can do: who to write to
    assert ("Until 1 March 2026 you may end your contract without any fee or penalty. Call us "
            "on 1900 1234. Unused prepaid fees are refunded.") in en
    assert ("Đến hết ngày 1 tháng 3 năm 2026, bạn có thể chấm dứt hợp đồng mà không mất bất "
            "kỳ khoản phí hay tiền phạt nào. Gọi tổng đài 1900 1234.") in vi
    assert "You may leave without penalty before a change that is worse for you" in en
    charter = text_of(files["public/minimal/en/index.html"])
    assert ("If a change is worse for you: You may end your contract without any fee or "
            "penalty before it takes effect. Call us on 1900 1234.") in charter


def test_staff_notice_is_internal(files: dict[str, bytes]) -> None:
    staff = text_of(files["staff/minimal/vi/changes-1.1.html"])
    assert "Nội bộ: chỉ dành cho nhân viên" in staff
    assert ("Đến hết ngày 1 tháng 3 năm 2026, khách hàng có thể chấm dứt hợp đồng mà không mất "
            "phí hay tiền phạt: tuyệt đối không thu") in staff
    assert not [name for name in files if name.startswith("public/") and "changes-" in name]


def test_charter_json_lists_the_versions(files: dict[str, bytes]) -> None:
    data = json.loads(files["public/minimal/en/charter.json"])
    assert [(v["version"], v["until"]) for v in data["versions"]] == [
        ("1.0", "2026-03-01"), ("1.1", None)]
    assert len(data["fingerprint"]) == 64
