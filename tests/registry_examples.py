"""Run a registry entry's bad and good examples (docs/rules.md, "How the examples run")."""

from __future__ import annotations

import copy
import datetime as dt
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from commitgen.checking import check_in_project
from commitgen.diagnostics import Diagnostic
from commitgen.loading.strict_yaml import parse_yaml
from commitgen.project import load_project
from commitgen.rules.docs import example_policy
from commitgen.rules.registry import Rule

_TEXT_KEYS = {"vi", "en", "fr"}
_ENTRY_KEYS = ("id", "case")


def _strict(text: str) -> Any:
    document, problems = parse_yaml(text)
    assert not problems, problems
    return document.data


def _key(item: Any) -> tuple[str, Any] | None:
    if isinstance(item, dict):
        for key in _ENTRY_KEYS:
            if isinstance(item.get(key), str):
                return key, item[key]
    return None


def merge(base: Any, change: Any) -> Any:
    """``change`` merged into ``base`` (the rules are in docs/rules.md)."""
    if isinstance(change, dict) and isinstance(base, dict):
        if "type" in change or (change and set(change) <= _TEXT_KEYS):
            return change  # a scheme or channel with a type, or a text: replaced whole
        out = copy.deepcopy(base)
        for key, value in change.items():
            if value is None:
                out.pop(key, None)
            else:
                out[key] = merge(base.get(key), value)
        return out
    if (isinstance(change, list) and isinstance(base, list) and change
            and all(_key(item) for item in change)):
        by_key = {_key(item): item for item in base if _key(item)}
        named = [merge(by_key.get(_key(item)), item) for item in change]
        mentioned = {_key(item) for item in change}
        return named + [item for item in base if _key(item) not in mentioned]
    return change


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


_Dumper.add_representer(Decimal, lambda d, v: d.represent_scalar(
    "tag:yaml.org,2002:float", format(v, "f")))


def _sections_replaced(base: str, sections: str) -> str:
    """``base`` with the top-level sections written in ``sections`` replaced by them."""
    keys = {line.split(":")[0] for line in sections.splitlines()
            if line and not line[0].isspace() and not line.startswith("#")}
    kept: list[str] = []
    skipping = False
    for line in base.splitlines(keepends=True):
        if line.strip() and not line[0].isspace():
            skipping = line.split(":")[0] in keys
        if not skipping:
            kept.append(line)
    return "".join(kept) + sections + "\n"


def run_example(rule: Rule, example: str, folder: Path) -> list[Diagnostic]:
    """Every problem of the example policy changed by ``example``, checked as a project."""
    policies = folder / "policies"
    policies.mkdir(parents=True)
    base_text = example_policy()
    target = policies / "example.yaml"
    if rule.example == "sections":
        target.write_text(_sections_replaced(base_text, example), encoding="utf-8")
    elif rule.example == "encoding":
        if example is rule.bad:  # Windows-1258 writes tones as combining marks
            target.write_bytes(unicodedata.normalize("NFD", base_text).encode(
                "cp1258", errors="replace"))
        else:
            target.write_text(base_text, encoding="utf-8")
    elif rule.example == "template":
        target.write_text(base_text, encoding="utf-8")
        (folder / "templates").mkdir()
        (folder / "templates" / "page.html.j2").write_text(example + "\n", encoding="utf-8")
    elif rule.example == "stylesheet":
        target.write_text(base_text, encoding="utf-8")
        (folder / "templates").mkdir()
        (folder / "templates" / "print.css").write_text(example + "\n", encoding="utf-8")
    elif rule.example == "project":
        target.write_text(base_text, encoding="utf-8")
        (folder / "commitgen.yaml").write_text(example + "\n", encoding="utf-8")
    else:
        if rule.example == "history":  # the example policy is released first
            target.write_text(base_text, encoding="utf-8")
            _release(folder)
        merged = merge(_strict(base_text), _strict(example))
        text = yaml.dump(merged, Dumper=_Dumper, allow_unicode=True, sort_keys=False)
        if rule.example == "second-policy":
            target.write_text(base_text, encoding="utf-8")
            target = policies / "second.yaml"
        target.write_text(text, encoding="utf-8")
    project, problems = load_project(folder)
    if project is None:
        return problems
    return check_in_project(project, relative_to=folder, today=RELEASED).diagnostics


RELEASED = dt.date(2026, 7, 1)


def _release(folder: Path) -> None:
    """Release the example policy as published on :data:`RELEASED`."""
    from commitgen.runtime import Runtime
    from commitgen.versions.release import release

    project, problems = load_project(folder)
    assert project is not None, problems
    release(project, Runtime(folder, today=RELEASED))
