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

It also checks the seeded failures (tests/data/seeded/): each phrasing of a failure the
rules exist for, written into a clean policy, and the code it must raise; it prints the
recall per failure, by language and with or without Vietnamese diacritics.
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


SEEDED = REPO / "tests" / "data" / "seeded"


@dataclass
class Phrasing:
    """One way a vendor writes a failure, and what ``check`` printed for it."""

    failure: str
    id: str
    language: str
    diacritics: bool
    expect: list[str]
    found: dict[str, str]  # code -> the severity it was printed with

    @property
    def caught(self) -> bool:
        return all(code in self.found for code in self.expect)

    @property
    def as_error(self) -> bool:
        return self.caught and all(self.found[code] == "error" for code in self.expect)


def phrasing_policy(folder: Path, language: str, sections: dict[str, Any]) -> dict[str, Any]:
    """The clean policy of ``language`` with the phrasing's sections in place of its own."""
    clean = yaml.safe_load((folder / f"clean.{language}.yaml").read_text(encoding="utf-8"))
    return {**clean, **sections}


def check_phrasing(folder: Path, failure: str, item: dict[str, Any], work: Path) -> Phrasing:
    """Write one phrasing into the clean policy and check it."""
    from commitgen.checking import check_paths
    from commitgen.rules.config import RulesConfig

    path = work / f"{item['id']}.yaml"
    policy = phrasing_policy(folder, item["language"], item["set"])
    path.write_text(yaml.safe_dump(policy, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    found: dict[str, str] = {}
    for problem in check_paths([path], root=work, rules=RulesConfig()).diagnostics:
        if problem.severity.value != "note":
            found.setdefault(problem.code, problem.severity.value)
    return Phrasing(failure, item["id"], item["language"], item.get("diacritics", True),
                    list(item["expect"]), found)


def seeded_files(folder: Path = SEEDED) -> list[Path]:
    return sorted(p for p in folder.glob("*.yaml") if not p.name.startswith("clean."))


def score_seeded(folder: Path = SEEDED) -> list[Phrasing]:
    """Every phrasing of every seeded failure, checked."""
    import tempfile

    out = []
    with tempfile.TemporaryDirectory() as work:
        for path in seeded_files(folder):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            out += [check_phrasing(folder, path.stem, item, Path(work))
                    for item in data["phrasings"]]
    return out


def seeded_report(phrasings: list[Phrasing], folder: Path = SEEDED) -> str:
    """Recall per failure, by language and with or without diacritics."""
    lines = ["| failure | phrasings | caught | recall | as an error | en | vi | vi without "
             "diacritics |", "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for path in seeded_files(folder):
        mine = [p for p in phrasings if p.failure == path.stem]

        def part(items: list[Phrasing]) -> str:
            return f"{sum(p.caught for p in items)}/{len(items)}" if items else "—"

        caught = sum(p.caught for p in mine)
        lines.append(
            f"| {path.stem} | {len(mine)} | {caught} | {_ratio(caught, len(mine))} | "
            f"{sum(p.as_error for p in mine)}/{len(mine)} | "
            f"{part([p for p in mine if p.language == 'en'])} | "
            f"{part([p for p in mine if p.language == 'vi' and p.diacritics])} | "
            f"{part([p for p in mine if p.language == 'vi' and not p.diacritics])} |")
    total = sum(p.caught for p in phrasings)
    lines.append(f"| all | {len(phrasings)} | {total} | {_ratio(total, len(phrasings))} | "
                 f"{sum(p.as_error for p in phrasings)}/{len(phrasings)} | | | |")
    missed = [p for p in phrasings if not p.caught]
    if missed:
        lines += ["", "Missed:"] + [f"  {p.failure} {p.id} (expected {', '.join(p.expect)})"
                                    for p in missed]
    return "\n".join(lines)


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

## The failures this tool exists to prevent, as vendors write them

Six failures turn a loyal customer into a lost one: a charge that is not in the public
fee list (a renewal fee, a fee by another name, a fee mentioned only inside another
fee's conditions or a compensation deduction), no route to management (a ladder that
stops at a "senior specialist", an account manager or straight at an ombudsman, or whose
top is reachable only through the switchboard), changes without notice ("at any time",
"on publication", "bất cứ lúc nào mà không cần phải thông báo trước", a notice counted in
a few business days), goodwill left to improvisation (at someone's discretion, or only
for a customer who is leaving), vague promises ("as soon as possible", "every effort",
"sớm nhất có thể", "trong thời gian hợp lý") and text that contradicts the typed field it
describes ("we reply within 48 hours" beside `respond_within: 24 hours`, "bồi thường
100.000 đồng" beside an amount of 200,000 VND, "thông báo trước 15 ngày" beside a notice
of 30 days). `tests/data/seeded/` writes each of them in
several ways — English, Vietnamese, and Vietnamese typed without diacritics — each into
an otherwise clean policy, with the code `check` must print (`README.md` there says
how). The tests fail when one is missed. **Recall** is caught / phrasings; **as an
error** counts the phrasings whose expected finding is an error (a build fails on it):
a goodwill rule is a warning by default, since it lives in the staff briefing (see
`commitgen check --explain CG210`), and so is a notice period that is too short
(CG135, configurable with `rules: {min_notice: …}`).

The phrasings were written alongside the rules they test, so a full score says the
rules catch these phrasings, not every phrasing a vendor may invent: a new way of
writing one of these failures that slips through belongs in these files.

```
{seeded}
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
        print(PAGE.replace("{report}", report(score, charters)).replace(
            "{seeded}", seeded_report(score_seeded())), end="")
    else:
        print(report(score, charters))
        print()
        print(seeded_report(score_seeded()))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    sys.exit(main())
