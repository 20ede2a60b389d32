"""``build --shard K/N`` and ``merge``: the shards of a build, put together, are the
single-machine build byte for byte; a merge refuses shards that do not belong together."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commitgen.shards import MANIFEST, Shard, share_out
from tests.conftest import EXAMPLES, RunCli, make_project, tree_bytes


def test_shard_specs() -> None:
    assert Shard.parse("2/4") == Shard(2, 4) and str(Shard.parse(" 1 / 3 ")) == "1/3"
    for bad in ("0/2", "3/2", "2", "a/b", "1/0"):
        with pytest.raises(ValueError):
            Shard.parse(bad)


def test_a_bad_shard_is_a_usage_error(run_cli: RunCli, tmp_path: Path) -> None:
    make_project(tmp_path, [EXAMPLES / "saas-support.yaml"])
    result = run_cli("build", "--shard", "3/2", cwd=tmp_path)
    assert result.exit_code == 2
    assert "the shard number must be between 1 and 2" in result.output


@given(st.dictionaries(st.from_regex(r"[a-z]{1,8}", fullmatch=True),
                       st.integers(min_value=1, max_value=40), min_size=1, max_size=30),
       st.integers(min_value=1, max_value=6))
def test_every_policy_goes_to_exactly_one_shard_evenly(weights: dict[str, int],
                                                       count: int) -> None:
    shards = share_out(weights, count)
    assert set(shards) == set(weights)
    assert set(shards.values()) <= set(range(1, count + 1))
    assert share_out(dict(reversed(list(weights.items()))), count) == shards  # no order
    loads = [sum(w for p, w in weights.items() if shards[p] == n) for n in range(1, count + 1)]
    if len(weights) >= count:
        assert max(loads) - min(loads) <= max(weights.values())


def _build_shards(tmp_path: Path, run_cli: RunCli, count: int) -> list[Path]:
    """Each shard on its own 'machine': a fresh copy of the project."""
    outputs = []
    for number in range(1, count + 1):
        root = make_project(tmp_path / f"machine-{number}", sorted(EXAMPLES.glob("*.yaml")))
        result = run_cli("build", "-q", "-j", "1", "--shard", f"{number}/{count}", cwd=root)
        assert result.exit_code == 0, result.output
        outputs.append(root / "output")
    return outputs


@pytest.mark.pdf
@pytest.mark.parametrize("count", [2, 3])
def test_merged_shards_are_the_single_build(count: int, tmp_path: Path, run_cli: RunCli,
                                            built_examples: Path) -> None:
    shards = _build_shards(tmp_path, run_cli, count)
    pdfs = [len(list(shard.rglob("*.pdf"))) for shard in shards]
    assert all(pdfs) and sum(pdfs) == len(list(built_examples.rglob("*.pdf")))  # no overlap
    manifest = json.loads((shards[0] / MANIFEST).read_text(encoding="utf-8"))
    assert (manifest["shard"], manifest["of"]) == (1, count)
    result = run_cli("merge", *map(str, reversed(shards)), "-o", "site", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert f"merged {count} shards → site/" in result.stdout
    assert tree_bytes(tmp_path / "site") == tree_bytes(built_examples)


@pytest.mark.pdf
def test_merge_refuses_shards_that_do_not_belong_together(tmp_path: Path,
                                                          run_cli: RunCli) -> None:
    one, two = _build_shards(tmp_path, run_cli, 2)

    def merge(*folders: Path) -> str:
        result = run_cli("merge", *map(str, folders), "-o", "site", cwd=tmp_path)
        assert result.exit_code == 3, result.output
        assert not (tmp_path / "site").exists()
        return result.stderr

    assert "missing: 2" in merge(one)
    assert "given twice: 1" in merge(one, one, two)
    assert "has no .commitgen-shard.json" in merge(one, tmp_path)
    index = two / "public" / "index.html"
    index.write_bytes(index.read_bytes() + b"<!-- edited -->")
    assert "public/index.html" in merge(one, two)
    shutil.rmtree(two)
    shutil.copytree(one, two)
    assert "given twice: 1" in merge(one, two)


@pytest.mark.pdf
def test_merge_replaces_only_an_output_commitgen_made(tmp_path: Path, run_cli: RunCli) -> None:
    shards = _build_shards(tmp_path, run_cli, 2)
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "mine.txt").write_text("keep", encoding="utf-8")
    result = run_cli("merge", *map(str, shards), "-o", "site", cwd=tmp_path)
    assert result.exit_code == 3
    assert (tmp_path / "site" / "mine.txt").read_text(encoding="utf-8") == "keep"
