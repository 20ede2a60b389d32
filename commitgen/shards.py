"""Split a build across machines and put the pieces back together.

``commitgen build --shard K/N`` checks every policy, renders the HTML of all of them (it
is cheap) and keeps the documents of its own share of the policies only — their pages,
JSON and PDFs — plus the files every shard has in common (the index pages, fonts,
assets). Policies are shared out by their number of documents (the largest first, each
to the shard with the least work so far, ties by id), so the split is the same on every
machine for the same input. Each shard's output holds a manifest, :data:`MANIFEST`:
which shard it is, every file the whole build has, and the hash of each file it holds.

:func:`merge` (``commitgen merge``) checks that the N shards of one build are all there
and agree on every file they share, and writes their union as one output folder, byte
for byte the output of a single-machine build.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from commitgen.diagnostics import BuildFailure
from commitgen.project import Project
from commitgen.publish import MARKER, copy_files, staging
from commitgen.render.documents import RenderPlan
from commitgen.runtime import Runtime

MANIFEST = ".commitgen-shard.json"

#: progress(stage, done, total, label), as :func:`commitgen.build.build` reports it
Progress = Callable[[str, int, int, str], None]
_SPEC = re.compile(r"^\s*([0-9]+)\s*/\s*([0-9]+)\s*$")


@dataclass(frozen=True)
class Shard:
    """Shard ``number`` of ``count`` (1-based)."""

    number: int
    count: int

    @classmethod
    def parse(cls, text: str) -> Shard:
        """``"2/4"`` → the second of four; ValueError with a message otherwise."""
        match = _SPEC.match(text)
        if not match:
            raise ValueError(f"expected K/N such as 1/4, got {text!r}")
        number, count = int(match.group(1)), int(match.group(2))
        if not 1 <= number <= count:
            raise ValueError(f"the shard number must be between 1 and {count}, got {number}")
        return cls(number, count)

    def __str__(self) -> str:
        return f"{self.number}/{self.count}"


def share_out(weights: dict[str, int], count: int) -> dict[str, int]:
    """Policy id → shard number (1-based): the heaviest first, each to the shard with the
    least weight so far (the lowest number on a tie). Deterministic."""
    load = [0] * count
    shards: dict[str, int] = {}
    for policy, weight in sorted(weights.items(), key=lambda item: (-item[1], item[0])):
        target = min(range(count), key=lambda index: (load[index], index))
        load[target] += weight
        shards[policy] = target + 1
    return shards


def _owner(path: str, policies: Iterable[str]) -> str | None:
    """The policy a file of the build belongs to (``public/<id>/…``), or None if shared."""
    parts = path.split("/")
    return parts[1] if len(parts) > 2 and parts[1] in policies else None


def plan_files(plan: RenderPlan, stage: Path) -> list[str]:
    """Every file the plan makes, relative to the tree (PDFs included)."""
    pdfs = [job.target.relative_to(stage).as_posix() for job in plan.pdfs]
    return sorted({*plan.files, *plan.copies, *pdfs})


def select(plan: RenderPlan, policies: Sequence[str], shard: Shard, stage: Path
           ) -> tuple[RenderPlan, list[str]]:
    """The part of ``plan`` that ``shard`` makes, and the files of the whole build."""
    everything = plan_files(plan, stage)
    weights = {policy: sum(_owner(f, policies) == policy for f in everything)
               for policy in policies}
    mine = {p for p, number in share_out(weights, shard.count).items()
            if number == shard.number}

    def kept(path: str) -> bool:
        owner = _owner(path, policies)
        return owner is None or owner in mine

    part = RenderPlan(files={p: d for p, d in plan.files.items() if kept(p)},
                      copies={p: s for p, s in plan.copies.items() if kept(p)},
                      pdfs=[j for j in plan.pdfs
                            if kept(j.target.relative_to(stage).as_posix())])
    return part, everything


def build_shard(project: Project, runtime: Runtime, shard: Shard, jobs: int | None = None,
                progress: Progress | None = None) -> list[str]:
    """Build ``shard``'s part of the project into its output folder (atomically, like a
    build) with its manifest; returns the files it made."""
    from commitgen.build import check_for_build, render_html, render_pdfs, write_plan

    result = check_for_build(project, runtime.today)
    policies = [loaded.policy.id for loaded in result.policies]
    with staging(project.output_dir) as stage:
        plan = render_html(project, runtime, result, stage)
        part, everything = select(plan, policies, shard, stage)
        write_plan(stage, part)
        if progress is None:
            render_pdfs(project, runtime, part.pdfs, stage, jobs)
        else:
            render_pdfs(project, runtime, part.pdfs, stage, jobs, progress)
        write_manifest(stage, shard, everything)
        return sorted(json.loads((stage / MANIFEST).read_text(encoding="utf-8"))["files"])


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_manifest(stage: Path, shard: Shard, everything: list[str]) -> None:
    """Record the shard, the whole build's files and the hash of each file it holds."""
    held = sorted(p.relative_to(stage).as_posix() for p in stage.rglob("*")
                  if p.is_file() and p.name not in (MANIFEST, MARKER))
    manifest = {"shard": shard.number, "of": shard.count, "build": everything,
                "files": {path: _digest(stage / path) for path in held}}
    (stage / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n",
                                  encoding="utf-8")


def _read_manifest(folder: Path) -> dict[str, object]:
    path = folder / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BuildFailure(f"{folder} is not the output of `commitgen build --shard K/N` "
                           f"(it has no {MANIFEST})") from None
    except (OSError, ValueError) as exc:
        raise BuildFailure(f"cannot read {path}: {exc}") from None
    if not isinstance(data, dict) or not {"shard", "of", "build", "files"} <= set(data):
        raise BuildFailure(f"{path} is not a shard manifest")
    return data


def merge(folders: Sequence[Path], output: Path) -> list[str]:
    """Check the shards in ``folders`` and write their union to ``output`` (atomically;
    an output folder is replaced only if commitgen made it). Returns the files written."""
    manifests = [(folder, _read_manifest(folder)) for folder in folders]
    counts = {int(str(m["of"])) for _, m in manifests}
    if len(counts) != 1:
        raise BuildFailure("the shards come from splits of different sizes: "
                           + ", ".join(f"{f} is {m['shard']}/{m['of']}" for f, m in manifests))
    count = counts.pop()
    numbers = sorted(int(str(m["shard"])) for _, m in manifests)
    if numbers != list(range(1, count + 1)):
        missing = sorted(set(range(1, count + 1)) - set(numbers))
        twice = sorted({n for n in numbers if numbers.count(n) > 1})
        raise BuildFailure(f"the {count} shards of one build are needed, each once"
                           + (f"; missing: {', '.join(map(str, missing))}" if missing else "")
                           + (f"; given twice: {', '.join(map(str, twice))}" if twice else ""))
    builds = {json.dumps(m["build"]) for _, m in manifests}
    if len(builds) != 1:
        raise BuildFailure("the shards were built from different inputs (their lists of "
                           "files differ): build every shard from the same commit")
    expected = list(manifests[0][1]["build"])  # type: ignore[call-overload]
    sources: dict[str, tuple[Path, str]] = {}
    for folder, manifest in manifests:
        files = manifest["files"]
        assert isinstance(files, dict)
        for path, digest in files.items():
            if path in sources and sources[path][1] != digest:
                raise BuildFailure(f"{path} differs between {sources[path][0]} and {folder}: "
                                   "build every shard from the same commit")
            if _digest(folder / path) != digest:
                raise BuildFailure(f"{folder / path} changed after its shard was built")
            sources.setdefault(path, (folder, digest))
    extra = sorted(set(sources) - set(expected))
    if extra:
        raise BuildFailure(f"{extra[0]} is in a shard but not part of the build")
    missing_files = sorted(set(expected) - set(sources))
    if missing_files:
        raise BuildFailure(f"{len(missing_files)} files of the build are in no shard, e.g. "
                           f"{missing_files[0]}")
    with staging(output) as stage:
        copy_files(stage, {path: folder / path for path, (folder, _) in sources.items()})
    return sorted(sources)
