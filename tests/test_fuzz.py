"""Fuzzing the loader, validation and the HTML stage (hypothesis): random bytes, random
YAML and random values in a real policy never give a traceback or a hang; every problem
is located, escaped and quotes no more than a short excerpt of a value; a policy that
passes ``check`` renders (or fails the build with the template named, never a crash)."""

from __future__ import annotations

import copy
import datetime as dt
import string
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commitgen.build import render_html
from commitgen.checking import check_in_project
from commitgen.diagnostics import CODE_FILE, BuildFailure, Diagnostic
from commitgen.printable import EXCERPT_LENGTH, is_hidden
from commitgen.project import load_project
from commitgen.runtime import Runtime
from tests.conftest import EXAMPLES, MINIMAL

SETTINGS = settings(deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture])
#: a check of one policy takes well under a second; this bound catches a hang
CHECK_SECONDS = 20
#: what a message may be at most: our words, a few excerpts of values and a field path
LONGEST_MESSAGE = 1000


def _leaves(node: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield (*path, key)
            yield from _leaves(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield (*path, index)
            yield from _leaves(value, (*path, index))


POLICIES = {path.name: yaml.safe_load(path.read_text(encoding="utf-8"))
            for path in (MINIMAL, EXAMPLES / "saas-support.yaml")}
FIELDS = sorted((name, path) for name, data in POLICIES.items() for path in _leaves(data))

#: values people write, and values at the edges of what the pipeline handles
EDGE_TEXT = st.sampled_from([
    "9999-12-31", "0001-01-01", "2026-02-30", "9999-12-31 23:59", "24:00", "23:60",
    "999999999 days", "999999999 business days", "0 minutes", "-5 days", "1 minute",
    "99999999999999999999 VND", "0.0000000001 VND", "1e308", "1000000000000000 USD",
    "100000%", "-0", "NaN", "inf", "9999999 months", "mon-fri", "VN", "00:00-00:00",
    "x" * 5000, "\u202eevil", "a\u200bb", "{{ 7*7 }}", "<script>alert(1)</script>",
    "counter(pages)", '") ; } body { background: red',
])
#: a long value, which a message may quote only as an excerpt
LONG_TEXT = st.text(st.characters(categories=["L", "N"]), min_size=2 * EXCERPT_LENGTH + 1,
                    max_size=1000)
SCALARS = st.one_of(
    EDGE_TEXT, LONG_TEXT, st.text(max_size=300), st.integers(), st.integers(min_value=-10**30,
                                                                  max_value=10**30),
    st.floats(allow_nan=False), st.booleans(), st.none(),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
)
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.text(string.ascii_lowercase + "_", min_size=1, max_size=12), inner,
                    max_size=4)), max_leaves=12)


def _set(data: Any, path: tuple[str | int, ...], value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def _dump(value: Any) -> str:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False)


def _check(root: Path) -> list[Diagnostic]:
    project, problems = load_project(root)
    if project is None:
        return problems
    started = time.monotonic()
    result = check_in_project(project, relative_to=root, today=dt.date(2026, 6, 1))
    assert time.monotonic() - started < CHECK_SECONDS
    return [*problems, *result.diagnostics]


def _project(tmp_path: Path, text: str | bytes, name: str) -> Path:
    root = tmp_path / name
    (root / "policies").mkdir(parents=True)
    policy = root / "policies" / "p.yaml"
    if isinstance(text, bytes):
        policy.write_bytes(text)
    else:
        policy.write_text(text, encoding="utf-8")
    return root


def _well_reported(problems: list[Diagnostic], values: Sequence[str] = ()) -> None:
    for problem in problems:
        shown = f"{problem.message} {problem.hint} {problem.field_path}"
        assert problem.line >= 1 or problem.code == CODE_FILE, problem
        assert not any(is_hidden(char) for char in shown), problem
        assert len(problem.message) <= LONGEST_MESSAGE, problem
        for value in values:  # a long value is quoted as an excerpt, never whole
            assert value[:EXCERPT_LENGTH + 1] not in shown, problem


_counter = iter(range(10**9))


@settings(SETTINGS, max_examples=150)
@given(raw=st.one_of(st.binary(max_size=400),
                     st.text(alphabet=st.sampled_from(list(":-[]{}#&*!|>'\"%@`,? \n\tax01")),
                             max_size=200).map(str.encode)))
def test_random_bytes_are_located_problems(raw: bytes, tmp_path: Path) -> None:
    _well_reported(_check(_project(tmp_path, raw, f"bytes-{next(_counter)}")))


@settings(SETTINGS, max_examples=100)
@given(document=VALUES)
def test_random_yaml_documents_are_located_problems(document: Any, tmp_path: Path) -> None:
    _well_reported(_check(_project(tmp_path, _dump(document), f"doc-{next(_counter)}")))


@settings(SETTINGS, max_examples=100)
@given(field=st.sampled_from(FIELDS), value=VALUES)
def test_any_value_in_any_field_is_a_located_problem_or_fine(
        field: tuple[str, tuple[str | int, ...]], value: Any, tmp_path: Path) -> None:
    name, path = field
    data = copy.deepcopy(POLICIES[name])
    _set(data, path, value)
    long = [v for v in _strings(value) if len(v) > EXCERPT_LENGTH * 2 and v.isprintable()]
    _well_reported(_check(_project(tmp_path, _dump(data), f"field-{next(_counter)}")), long)


def _strings(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [*value, *(s for v in value.values() for s in _strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


@settings(SETTINGS, max_examples=12)
@given(path=st.sampled_from([p for n, p in FIELDS if n == MINIMAL.name]), value=EDGE_TEXT)
def test_a_policy_that_passes_check_renders(path: tuple[str | int, ...], value: str,
                                            tmp_path: Path) -> None:
    data = copy.deepcopy(POLICIES[MINIMAL.name])
    _set(data, path, value)
    root = _project(tmp_path, _dump(data), f"render-{next(_counter)}")
    project, _ = load_project(root)
    assert project is not None
    result = check_in_project(project, relative_to=root, today=dt.date(2026, 6, 1))
    if result.has_errors:
        _well_reported(result.diagnostics)
        return
    stage = root / "stage"
    stage.mkdir()
    try:
        render_html(project, Runtime(cwd=root, today=dt.date(2026, 6, 1)), result, stage)
    except BuildFailure as failure:  # a limit or a template: named, never a crash
        assert "template" in str(failure) or "limit" in str(failure), failure
