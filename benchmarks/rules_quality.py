"""How far `commitgen check` can be trusted: precision and recall per code on real charters.

    python benchmarks/rules_quality.py [--corpus tests/data/corpus] [--json | --markdown]

``--markdown`` prints docs/rules-quality.md (a test keeps that page equal to it).

The corpus is real published charters transcribed into the format (one policy file each,
with its source and date in the header) and ``labels.yaml``, what a careful reviewer
expects of each: findings that are real problems (``expect``), texts a naive linter
flags but a reviewer would not (``traps``), findings about an absence in a text the
stored copy cuts short (``unjudged``: neither right nor wrong) and real problems no rule
is meant to catch yet (``no_rule``: listed, not scored).

Every error and warning ``check`` prints is scored (notes fail nothing and are not):

* right: it matches an expected finding (same code, at that field or inside it);
* false alarm: it matches nothing expected and is not unjudged (a trap or any other text);
* missed: an expected finding that ``check`` did not print.

Precision = right / (right + false alarms); recall = found / expected. This is a quality
report, not a timed test: tests/test_rules_quality.py fails on any miss or false alarm.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "tests" / "data" / "corpus"


@dataclass
class Score:
    """The outcome for one charter (or, summed, for the corpus)."""

    right: list[tuple[str, str, str]] = field(default_factory=list)  # (file, code, field)
    false_alarms: list[tuple[str, str, str]] = field(default_factory=list)
    missed: list[tuple[str, str, str]] = field(default_factory=list)
    unjudged: list[tuple[str, str, str]] = field(default_factory=list)
    no_rule: list[tuple[str, str, str]] = field(default_factory=list)  # (file, label, category)


def _inside(found: str, at: str) -> bool:
    return found == at or found.startswith((at + ".", at + "["))


def score_charter(path: Path, labels: dict[str, Any], score: Score) -> None:
    """Check one charter and score what ``check`` prints against its labels."""
    from commitgen.checking import check_paths
    from commitgen.diagnostics import Severity
    from commitgen.rules.config import RulesConfig

    name = path.stem
    problems = [d for d in check_paths([path], root=path.parent, rules=RulesConfig()).diagnostics
                if d.severity is not Severity.NOTE]
    expected = list(labels.get("expect") or [])
    unjudged = list(labels.get("unjudged") or [])
    matched: set[int] = set()
    for problem in problems:
        hit = next((i for i, e in enumerate(expected)
                    if e["code"] == problem.code and _inside(problem.field_path, e["at"])), None)
        if hit is not None:
            if hit not in matched:  # one expected finding may be printed per language
                score.right.append((name, problem.code, problem.field_path))
            matched.add(hit)
        elif any(u["code"] == problem.code and _inside(problem.field_path, u["at"])
                 for u in unjudged):
            score.unjudged.append((name, problem.code, problem.field_path))
        else:
            score.false_alarms.append((name, problem.code, problem.field_path))
    score.missed += [(name, e["code"], e["at"]) for i, e in enumerate(expected)
                     if i not in matched]
    score.no_rule += [(name, n["label"], n["category"]) for n in labels.get("no_rule") or []]


def score_corpus(corpus: Path = CORPUS) -> Score:
    labels = yaml.safe_load((corpus / "labels.yaml").read_text(encoding="utf-8"))
    files = {p.stem: p for p in sorted(corpus.glob("*.yaml")) if p.name != "labels.yaml"}
    if set(labels) != set(files):
        raise SystemExit(f"labels.yaml and the charters differ: {sorted(set(labels) ^ set(files))}")
    score = Score()
    for name, path in files.items():
        score_charter(path, labels[name], score)
    return score


def _ratio(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f} %" if whole else "—"


def report(score: Score, charters: int) -> str:
    right = Counter(code for _, code, _ in score.right)
    wrong = Counter(code for _, code, _ in score.false_alarms)
    missed = Counter(code for _, code, _ in score.missed)
    lines = [f"{charters} real charters; findings scored: {len(score.right)} right, "
             f"{len(score.false_alarms)} false alarms, {len(score.missed)} missed, "
             f"{len(score.unjudged)} unjudged (absences in texts cut short)",
             "", "| code | right | false alarms | missed | precision | recall |",
             "| --- | --- | --- | --- | --- | --- |"]
    for code in sorted(set(right) | set(wrong) | set(missed)):
        lines.append(f"| {code} | {right[code]} | {wrong[code]} | {missed[code]} | "
                     f"{_ratio(right[code], right[code] + wrong[code])} | "
                     f"{_ratio(right[code], right[code] + missed[code])} |")
    total_right, total_wrong = len(score.right), len(score.false_alarms)
    lines.append(f"| all | {total_right} | {total_wrong} | {len(score.missed)} | "
                 f"{_ratio(total_right, total_right + total_wrong)} | "
                 f"{_ratio(total_right, total_right + len(score.missed))} |")
    if score.false_alarms:
        lines += ["", "False alarms:"] + [f"  {f} {c} {at}" for f, c, at in score.false_alarms]
    if score.missed:
        lines += ["", "Missed:"] + [f"  {f} {c} {at}" for f, c, at in score.missed]
    categories = Counter(category for _, _, category in score.no_rule)
    lines += ["", f"Real problems no rule is meant to catch yet: {len(score.no_rule)} ("
              + ", ".join(f"{c} {n}" for c, n in sorted(categories.items())) + ")"]
    return "\n".join(lines)


PAGE = """# How far the rules of `commitgen check` can be trusted

<!-- Generated by `python benchmarks/rules_quality.py --markdown > docs/rules-quality.md`;
do not edit by hand. -->

A rule that cries wolf gets switched off, and a rule that misses a real problem gives
false comfort. So the rules are measured on real published charters — customer-service
charters, guarantees, complaint procedures and terms of English and Vietnamese
companies, councils and utilities — each transcribed word for word into the format, with
its source address and date in the file (`tests/data/corpus/`). Beside them,
`labels.yaml` says what a careful reviewer expects: the real problems a finding should
name, the texts a naive linter flags but a reviewer would not (a vague word followed by
a hard maximum, a duty asked of the customer, a conduct statement), and the absences that
cannot be judged because the published text is cut short.

Every error and warning `check` prints on a charter is **right** (a problem the reviewer
expects, same code, same field), a **false alarm** (anything else) or **unjudged** (an
absence in a text cut short). **Precision** is right / (right + false alarms): how often
a finding is worth acting on. **Recall** is found / expected: how many of the expected
problems are caught. The test suite fails when an expected finding is missed or a new
false alarm appears.

Some real problems have no rule yet (a remedy left to "fairly and sympathetically", an
unpublished procedure); they are listed in `labels.yaml` and counted below, not scored.

## The figures

```
{report}
```
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--json", action="store_true", help="the scored findings as JSON")
    parser.add_argument("--markdown", action="store_true", help="docs/rules-quality.md")
    args = parser.parse_args(argv)
    score = score_corpus(args.corpus)
    charters = len([p for p in args.corpus.glob("*.yaml") if p.name != "labels.yaml"])
    if args.json:
        print(json.dumps({"right": score.right, "false_alarms": score.false_alarms,
                          "missed": score.missed, "unjudged": score.unjudged}, indent=1))
    elif args.markdown:
        print(PAGE.replace("{report}", report(score, charters)), end="")
    else:
        print(report(score, charters))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    sys.exit(main())
