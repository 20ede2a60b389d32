"""Every generated sentence reads as a careful writer would write it, in both languages and
in every combination of fields: the bundled policies, the real schemes of tests/data/schemes
and a policy holding every compensation example of docs/format.md (each type, with and
without reductions, notice, proof, late payment, categories and parts), rendered as HTML
(no PDF) and read as text."""

from __future__ import annotations

import copy
import re
import shutil
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import pytest
import yaml

from commitgen.build import check_for_build, render_html
from commitgen.project import load_project
from commitgen.runtime import Runtime
from tests.conftest import DATA, EXAMPLES, MINIMAL, make_project

FORMAT = Path(__file__).parents[1] / "docs" / "format.md"

#: what no careful writer leaves in a sentence: (what it is, pattern); a pattern with a
#: group is a fault only when the group is a lowercase letter
FAULTS = [
    ("a lowercase parenthesis after a full stop", r"\.\s+\((\w)"),
    ("'see the table' in place of a statement", r"see the table|xem bảng"),
    ("a space before a full stop or comma", r"\w [.,](?!\w)"),
    ("doubled punctuation", r"(?<![.…])\.\.(?!\.)|,\.|\.,|:\s*:|\.\s*:"),
    ("a parenthesis with a space inside", r"\(\s|\s\)"),
    ("empty parentheses", r"\(\s*\)"),
    ("a sentence that starts in lower case", r"[^\W\d_]{2}\. (\w)"),
]
#: in public documents, one colon per sentence or clause at most (a time or a web address
#: aside)
TWO_COLONS = re.compile(r":[^.?!¶:;]*:")


def _docs_compensations() -> list[object]:
    blocks = re.findall(r"```yaml\n(compensation:\n.*?)```", FORMAT.read_text("utf-8"),
                        flags=re.S)
    return [yaml.safe_load(block)["compensation"] for block in blocks]


def _every_example_policy(folder: Path) -> Path:
    """The minimal policy with one worst case per compensation example of the format
    reference (on claim where the example says so, with a claim to match)."""
    data = yaml.safe_load(MINIMAL.read_text(encoding="utf-8"))
    first = data["worst_cases"][0]
    cases = [first]
    for number, compensation in enumerate(_docs_compensations(), 1):
        case = {**copy.deepcopy(first), "id": f"example-{number}",
                "compensation": compensation,
                "title": {"vi": f"Trường hợp {number}", "en": f"Case {number}"}}
        if "on_claim" in str(compensation):
            case["claim"] = {"how": {"vi": "Gọi tổng đài.", "en": "Call the hotline."},
                             "within": "30 days"}
        cases.append(case)
    data["id"] = "every-example"
    data["business_time"] = {"time_zone": "Asia/Ho_Chi_Minh", "holidays": "VN", "hours": [
        {"days": "mon-fri", "opens": "08:00", "closes": "17:00"}]}
    data["worst_cases"] = cases
    path = folder / "every-example.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Every public charter and staff briefing, by output path, as text."""
    scratch = tmp_path_factory.mktemp("sentences")
    policies = [*sorted(EXAMPLES.glob("*.yaml")), _every_example_policy(scratch)]
    policies += [path for path in sorted((DATA / "schemes").glob("*.yaml"))
                 if not path.name.endswith(".cases.yaml")]
    root = make_project(scratch / "project", policies)
    # the real schemes are modelled as published: their own rule findings are not ours
    (root / "commitgen.yaml").write_text(
        "rules:\n  disable: [CG103, CG120, CG140]\n", encoding="utf-8")
    project, _ = load_project(root)
    assert project is not None
    result = check_for_build(project)
    plan = render_html(project, Runtime.from_environment(cwd=root), result, root / "stage")
    yield {path: _text(plan.files[path].decode()) for path in plan.files
           if path.endswith(("index.html", "briefing.html", "partners.html"))
           and path.count("/") == 3}
    shutil.rmtree(scratch, ignore_errors=True)


def _text(html: str) -> str:
    """The words of the page's main part: inline tags vanish, blocks end with ¶."""
    match = re.search(r"<main.*?</main>", html, flags=re.S)
    html = match.group(0) if match else html
    html = re.sub(r"</?(span|strong|a|em|b|i|abbr|time|bdi|code)\b[^>]*>", "", html)
    html = re.sub(r"<[^>]+>", " ¶ ", html)
    return re.sub(r"\s+", " ", unescape(html))


def test_every_case_of_the_format_reference_is_rendered(documents: dict[str, str]) -> None:
    compensations = _docs_compensations()
    assert {c["type"] for c in compensations} >= {  # type: ignore[index]
        "fixed", "per_period", "percentage", "bands", "grid", "service_extension", "refund",
        "none", "combined", "by_category"}
    for language in ("en", "vi"):
        text = documents[f"public/every-example/{language}/index.html"]
        assert text.count("¶ 1 ¶") >= 1  # the cases are there, numbered
        assert len(compensations) >= 10


@pytest.mark.parametrize(("name", "pattern"), FAULTS, ids=[name for name, _ in FAULTS])
def test_no_sentence_a_careful_writer_would_correct(documents: dict[str, str], name: str,
                                                    pattern: str) -> None:
    faults = [f"{path}: …{text[max(0, m.start() - 60):m.end() + 40]}…"
              for path, text in documents.items() for m in re.finditer(pattern, text)
              if not m.groups() or m.group(1).islower()]
    assert faults == [], name + ":\n" + "\n".join(faults)


def test_one_colon_per_sentence_in_public_documents(documents: dict[str, str]) -> None:
    faults = []
    for path, text in documents.items():
        if not path.startswith("public/"):
            continue
        for m in TWO_COLONS.finditer(text):
            around = text[max(0, m.start() - 3):m.end() + 3]
            if re.search(r"\d:\d|https?:|tel:|mailto:", around):
                continue
            faults.append(f"{path}: …{text[max(0, m.start() - 60):m.end() + 40]}…")
    assert faults == [], "\n".join(faults)


def test_reductions_read_as_sentences(documents: dict[str, str]) -> None:
    en = documents["public/fibre-internet/en/index.html"]
    assert ("Half is owed in this case: We called you at least 4 hours before the slot to "
            "rebook and you accepted the new time. This applies only if we told you at least "
            "4 hours in advance.") in en
    vi = documents["public/fibre-internet/vi/index.html"]
    assert "Bồi thường một nửa trong trường hợp sau: Chúng tôi đã gọi cho bạn" in vi
