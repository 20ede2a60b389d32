"""The rules on real charters (tests/data/corpus, scored by benchmarks/rules_quality.py):
every finding a reviewer expects is printed, and no other error or warning appears."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO, RunCli

_spec = importlib.util.spec_from_file_location("rules_quality",
                                               REPO / "benchmarks" / "rules_quality.py")
assert _spec is not None and _spec.loader is not None
quality = importlib.util.module_from_spec(_spec)
sys.modules["rules_quality"] = quality  # dataclasses look their module up
_spec.loader.exec_module(quality)

CORPUS = REPO / "tests" / "data" / "corpus"
LABELS = yaml.safe_load((CORPUS / "labels.yaml").read_text(encoding="utf-8"))
CHARTERS = sorted(p for p in CORPUS.glob("*.yaml") if p.name != "labels.yaml")


def test_every_charter_is_labelled() -> None:
    assert {p.stem for p in CHARTERS} == set(LABELS)


@pytest.mark.parametrize("path", CHARTERS, ids=lambda p: p.stem)
def test_a_real_charter_gets_the_findings_a_reviewer_expects(path: Path) -> None:
    labels = LABELS[path.stem]
    score = quality.Score()
    quality.score_charter(path, labels, score)
    assert score.missed == []
    known = [(path.stem, k["code"], k["at"]) for k in labels.get("known_false_alarms") or []]
    assert sorted(score.false_alarms) == sorted(known)


@pytest.mark.parametrize("path", CHARTERS, ids=lambda p: p.stem)
def test_the_source_and_date_are_in_the_file(path: Path) -> None:
    header = path.read_text(encoding="utf-8").split("\nid:")[0]
    assert "# Source: http" in header and "# Date of text:" in header


def test_the_report_prints_precision_and_recall_per_code(capsys: pytest.CaptureFixture[str],
                                                       ) -> None:
    assert quality.main([]) == 0
    out = capsys.readouterr().out
    assert "| code | right | false alarms | missed | precision | recall |" in out
    assert "| CG101 |" in out and "| all |" in out


def test_the_docs_page_shows_the_measured_figures(capsys: pytest.CaptureFixture[str]) -> None:
    """docs/rules-quality.md is the report as computed now, never restated by hand."""
    assert quality.main(["--markdown"]) == 0
    page = (REPO / "docs" / "rules-quality.md").read_text(encoding="utf-8")
    assert page == capsys.readouterr().out, "run: python benchmarks/rules_quality.py " \
        "--markdown > docs/rules-quality.md"


SEEDED = REPO / "tests" / "data" / "seeded"
PHRASINGS = [(path.stem, item) for path in quality.seeded_files(SEEDED)
             for item in yaml.safe_load(path.read_text(encoding="utf-8"))["phrasings"]]


@pytest.mark.parametrize("language", ["en", "vi"])
def test_the_clean_policies_are_clean(tmp_path: Path, language: str) -> None:
    phrasing = quality.check_phrasing(SEEDED, "clean", {
        "id": f"clean-{language}", "language": language, "expect": [], "set": {}}, tmp_path)
    assert phrasing.found == {}


def test_every_failure_is_seeded_in_both_languages_and_without_diacritics() -> None:
    for path in quality.seeded_files(SEEDED):
        items = [item for stem, item in PHRASINGS if stem == path.stem]
        assert len(items) >= 5, path.stem
        assert {"en", "vi"} <= {item["language"] for item in items}, path.stem
        assert any(item.get("diacritics") is False for item in items), path.stem


@pytest.mark.parametrize(("failure", "item"), PHRASINGS,
                         ids=[f"{stem}-{item['id']}" for stem, item in PHRASINGS])
def test_a_seeded_failure_is_caught(tmp_path: Path, failure: str,
                                    item: dict[str, object]) -> None:
    phrasing = quality.check_phrasing(SEEDED, failure, item, tmp_path)
    assert phrasing.caught, f"expected {phrasing.expect}, check printed {phrasing.found}"


def test_the_report_prints_recall_per_seeded_failure(capsys: pytest.CaptureFixture[str]
                                                     ) -> None:
    assert quality.main([]) == 0
    out = capsys.readouterr().out
    assert "| failure | phrasings | caught | recall |" in out
    assert "| hidden-fee |" in out and "| goodwill |" in out


REPLAYS = sorted((SEEDED / "replay").glob("*.yaml"))


@pytest.mark.parametrize("path", REPLAYS, ids=lambda p: p.stem)
def test_the_failures_replayed_as_a_vendor_writes_them_fail_check(
        run_cli: RunCli, path: Path) -> None:
    """One located, plainly worded finding per failure: an error for the fee, the ladder and
    the notice (the build fails), a warning for goodwill (see --explain CG210); each
    code explains itself."""
    result = run_cli("check", "--format", "json", str(path), cwd=REPO)
    assert result.exit_code != 0
    found = json.loads(result.stdout)
    assert sorted((d["code"], d["severity"]) for d in found if d["severity"] != "note") == [
        ("CG110", "error"), ("CG120", "error"), ("CG154", "error"), ("CG210", "warning")]
    assert all(d["line"] > 0 and d["column"] > 0 for d in found)
    for code in ("CG110", "CG120", "CG154", "CG210"):
        explained = run_cli("check", "--explain", code, cwd=REPO)
        assert explained.exit_code == 0 and code in explained.output
