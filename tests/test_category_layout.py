"""A charter's categories in print: a category's name stays on the page of its table (a
scheme with seven categories put "Six-month season ticket" alone at the foot of a page)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import DATA, RunCli, make_project


@pytest.mark.pdf
def test_a_category_name_is_never_last_on_a_page(tmp_path: Path, run_cli: RunCli) -> None:
    project = make_project(tmp_path / "p", [DATA / "schemes" / "delay-repay.yaml"])
    result = run_cli("build", "-q", "-j", "1", cwd=project)
    assert result.exit_code == 0, result.output
    pdf = project / "output/public/delay-repay/en/delay-repay-en.pdf"
    names = {"Single ticket", "Return ticket", "Weekly season ticket", "Monthly season ticket",
             "Three-month season ticket", "Six-month season ticket", "Annual season ticket"}
    found = set()
    for page in PdfReader(pdf).pages:
        lines = [line.strip() for line in page.extract_text().splitlines()
                 if line.strip() and line.strip() != "South Western Railway trains"
                 and not line.startswith("Version ")]
        found |= names & set(lines)
        assert lines and lines[-1] not in names, lines[-3:]
    assert found == names
