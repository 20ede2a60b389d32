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
from commitgen.model.money import Money
from commitgen.render.environment import make_environment
from tests.conftest import EXAMPLES, RunCli, pdf_text

#: staff fields holding money: each gets a unique amount, looked for as formatted text
MONEY_KEYS = {"up_to", "grant_without_approval", "min_lifetime_value", "limit"}
#: staff fields whose value is typed and not worth marking
TYPED_KEYS = {"min_tenure", "internal_deadline"}


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(Decimal, lambda d, v: d.represent_scalar("tag:yaml.org,2002:float",
                                                                 str(v)))


def _plant(node: Any, counter: itertools.count, markers: list[list[str]],
           key: str = "") -> Any:
    """Mark every staff value; ``markers`` gets, per value, the spellings to look for."""
    if isinstance(node, dict):
        return {k: (node[k] if k in TYPED_KEYS or (k == "case" and "steps" in node)
                    else _plant(node[k], counter, markers, k)) for k in node}
    if isinstance(node, list):
        return [_plant(item, counter, markers, key) for item in node]
    number = next(counter)
    if key == "email":
        markers.append([f"qzx{number:04d}@staff.example"])
        return markers[-1][0]
    if key == "phone":
        markers.append([f"+84 97{number:07d}"])
        return markers[-1][0]
    if key in MONEY_KEYS:
        money = Money.parse(node)
        amount = Money(Decimal(7_000_000 + 1_003 * number), money.currency)
        markers.append([make_environment(lang, lang, None).from_string("{{ m|money }}").render(
            m=amount) for lang in ("vi", "en")])
        return str(amount)
    if isinstance(node, str):
        markers.append([f"QZX{number:04d}"])
        return f"{node} {markers[-1][0]}"
    return node


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[list[str]]]:
    root = tmp_path_factory.mktemp("leak")
    (root / "policies").mkdir()
    counter = itertools.count()
    markers: list[list[str]] = []
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


@pytest.mark.pdf
def test_staff_markers_never_reach_public_output(planted: tuple[Path, list[list[str]]],
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
            elif path.suffix in {".woff", ".woff2", ".otf", ".ttf"}:
                continue  # the theme's fonts: copies of the installed font files
            elif path.is_file():
                parts.append(path.read_text(encoding="utf-8"))
        return "\n".join(parts)

    public_text, staff_text = contents(public), contents(staff)
    def found(spellings: list[str], text: str) -> bool:
        return any(s.replace("\xa0", " ") in text for s in spellings)

    public_text = public_text.replace("\xa0", " ")
    staff_text = staff_text.replace("\xa0", " ")
    leaked = [m for m in markers if found(m, public_text)]
    assert leaked == []
    missing = [m for m in markers if not found(m, staff_text)]
    assert missing == [], "every staff value should be in a briefing"
    staff_pdfs = "".join(pdf_text(p) for p in staff.rglob("*.pdf")).replace("\xa0", " ")
    assert sum(found(m, staff_pdfs) for m in markers) > len(markers) // 2
