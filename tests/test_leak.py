"""Nothing under ``staff`` reaches a public file — HTML, JSON, index or PDF text.

Every plain string under ``staff`` in every example gets a unique marker; the
examples are built; no marker may appear under output/public, and every marker
must appear in the staff briefings (so the test also proves the markers were
rendered at all).
"""

from __future__ import annotations

import itertools
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from commitgen.loading.strict_yaml import parse_yaml
from tests.conftest import EXAMPLES, RunCli, pdf_text

#: staff fields whose value is typed (money, durations, contacts, references): no marker
TYPED_KEYS = {"up_to", "grant_without_approval", "min_lifetime_value", "limit", "min_tenure",
              "internal_deadline", "email", "phone", "case_id"}


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(Decimal, lambda d, v: d.represent_scalar("tag:yaml.org,2002:float",
                                                                 str(v)))


def _plant(node: Any, counter: itertools.count, markers: list[str], key: str = "") -> Any:
    if isinstance(node, dict):
        return {k: (node[k] if k in TYPED_KEYS or (k == "case" and isinstance(node[k], str)
                                                    and "steps" in node)
                    else _plant(node[k], counter, markers, k)) for k in node}
    if isinstance(node, list):
        return [_plant(item, counter, markers, key) for item in node]
    if isinstance(node, str):
        marker = f"QZX{next(counter):04d}"
        markers.append(marker)
        return f"{node} {marker}"
    return node


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    root = tmp_path_factory.mktemp("leak")
    (root / "policies").mkdir()
    counter = itertools.count()
    markers: list[str] = []
    for source in sorted(EXAMPLES.glob("*.yaml")):
        doc, problems = parse_yaml(source.read_text(encoding="utf-8"))
        assert not problems
        data = dict(doc.data)
        data["staff"] = _plant(data["staff"], counter, markers)
        (root / "policies" / source.name).write_text(
            yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False),
            encoding="utf-8")
    assert len(markers) > 30
    return root, markers


def test_staff_markers_never_reach_public_output(planted: tuple[Path, list[str]],
                                                 run_cli: RunCli) -> None:
    root, markers = planted
    result = run_cli("build", "-q", cwd=root)
    assert result.exit_code == 0, result.output
    public, staff = root / "output" / "public", root / "output" / "staff"

    def contents(folder: Path) -> str:
        parts = []
        for path in sorted(folder.rglob("*")):
            if path.suffix == ".pdf":
                parts.append(pdf_text(path))
            elif path.is_file():
                parts.append(path.read_text(encoding="utf-8"))
        return "\n".join(parts)

    public_text, staff_text = contents(public), contents(staff)
    leaked = [m for m in markers if m in public_text]
    assert leaked == []
    missing = [m for m in markers if m not in staff_text]
    assert missing == [], "every staff string should be in a briefing"
    staff_pdfs = "".join(pdf_text(p) for p in staff.rglob("*.pdf"))
    assert sum(m in staff_pdfs for m in markers) > len(markers) // 2
