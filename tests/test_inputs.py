"""What the incremental build knows of its inputs without loading them."""

from __future__ import annotations

import importlib.metadata
import os
import re
from pathlib import Path

import pytest
from jinja2 import Environment

from commitgen.incremental.inputs import (
    HTML_LIBRARIES,
    PDF_LIBRARIES,
    Digests,
    installed_versions,
    native_versions,
)
from commitgen.render.environment import make_environment
from commitgen.render.theme import template_loader
from commitgen.render.theme_folders import builtin_theme_dir, template_candidates


def _name(requirement: str) -> str:
    return re.split(r"[ ;<>=!~\[]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def test_the_pdf_environment_names_every_library_weasyprint_requires() -> None:
    required = {_name(r) for r in importlib.metadata.requires("weasyprint") or []
                if "extra ==" not in r}
    assert required <= set(PDF_LIBRARIES)


def test_versions_are_read_without_importing_the_libraries() -> None:
    versions = dict(item.split(" ") for item in installed_versions(
        PDF_LIBRARIES + HTML_LIBRARIES).split(";"))
    assert versions["weasyprint"] == importlib.metadata.version("weasyprint")
    assert versions["jinja2"] == importlib.metadata.version("jinja2")
    assert "nonexistent-package -" in installed_versions(["nonexistent-package"])
    assert re.search(r"libpango-1\.0\.so\.0 1\.\d+\.\d+", native_versions())


def test_template_names_resolve_as_the_loader_loads_them(tmp_path: Path) -> None:
    (tmp_path / "macros").mkdir()
    (tmp_path / "charter.html.j2").write_text("{% extends 'theme/charter.html.j2' %}")
    (tmp_path / "macros" / "common.html.j2").write_text("{# mine #}")
    loader = template_loader(tmp_path)
    env = Environment(loader=loader)
    for name in ("charter.html.j2", "theme/charter.html.j2", "print.css",
                 "macros/common.html.j2", "theme/macros/common.html.j2"):
        _, filename, _ = loader.get_source(env, name)
        found = [path for path in template_candidates(name, tmp_path) if path.is_file()]
        assert Path(filename) == found[0], name
    assert template_candidates("../outside", tmp_path) == []
    assert template_candidates("print.css", None) == [builtin_theme_dir() / "print.css"]


def test_a_render_notes_every_template_it_loads(tmp_path: Path) -> None:
    (tmp_path / "page.html.j2").write_text(
        "{% extends 'frame.html.j2' %}{% block body %}{% include 'part.html.j2' %}"
        "{% endblock %}")
    (tmp_path / "frame.html.j2").write_text(
        "{% import 'tools.html.j2' as tools %}{% block body %}{% endblock %}")
    (tmp_path / "part.html.j2").write_text("part")
    (tmp_path / "tools.html.j2").write_text("{% macro x() %}{% endmacro %}")
    env = make_environment("en", "en", tmp_path)
    for _ in range(2):  # the second time from the environment's cache
        env.loaded = set()
        assert env.get_template("page.html.j2").render() == "part"
        assert env.loaded == {"page.html.j2", "frame.html.j2", "part.html.j2", "tools.html.j2"}


def test_a_folder_digest_changes_with_any_file(tmp_path: Path) -> None:
    (tmp_path / "a").write_text("one")
    before = Digests().tree(tmp_path)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b").write_text("two")
    after = Digests().tree(tmp_path)
    (tmp_path / "sub" / "b").write_text("three")
    assert len({before, after, Digests().tree(tmp_path)}) == 3
    assert Digests().tree(tmp_path / "missing") == "-"


def test_every_unit_depends_on_the_settings_the_code_and_the_releases(tmp_path: Path) -> None:
    """commitgen.yaml (its limits too), commitgen's code and libraries, and the published
    versions are inputs of every document: a change to any of them renders it again."""
    from commitgen.incremental.deps import CurrentInputs
    from commitgen.incremental.record import Layout
    from commitgen.runtime import Runtime

    (tmp_path / "policies").mkdir()
    (tmp_path / "policies" / "a.yaml").write_text("id: a\n")
    (tmp_path / "commitgen.yaml").write_text("limits: {template_seconds: 5}\n")

    def inputs() -> dict[str, str]:
        current = CurrentInputs(Layout(tmp_path), Runtime.from_environment({}, cwd=tmp_path),
                                Digests())
        return {**current.common("a.yaml"), **{"lists": current.common(None)["policies"]}}

    first = inputs()
    assert {"config", "code", "releases", "policy:a.yaml", "primary"} <= set(first)
    (tmp_path / "commitgen.yaml").write_text("limits: {template_seconds: 6}\n")
    second = inputs()
    assert second["config"] != first["config"]
    (tmp_path / "releases" / "a").mkdir(parents=True)
    (tmp_path / "releases" / "a" / "1.0.json").write_text("{}")
    third = inputs()
    assert third["releases"] != second["releases"]
    (tmp_path / "policies" / "a.yaml").write_text("id: a # edited\n")
    fourth = inputs()
    assert fourth["policy:a.yaml"] != third["policy:a.yaml"]
    assert fourth["lists"] != third["lists"]
    assert fourth["config"] == third["config"] and fourth["code"] == first["code"]


def test_a_kept_environment_sees_edited_templates_and_catalogues(tmp_path: Path) -> None:
    """Environments live as long as the process (``commitgen serve``): an edited template
    is compiled again, and an edited catalogue gives a new environment."""
    page = tmp_path / "page.html.j2"
    page.write_text("one {{ _('Service charter') }}")
    locale = tmp_path / "locale" / "vi" / "LC_MESSAGES"
    locale.mkdir(parents=True)
    catalogue = locale / "messages.po"
    entry = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n' \
            'msgid "Service charter"\nmsgstr "{}"\n'
    catalogue.write_text(entry.format("A"), encoding="utf-8")
    first = make_environment("vi", "vi", tmp_path)
    assert first.get_template("page.html.j2").render() == "one A"
    assert make_environment("vi", "vi", tmp_path) is first
    page.write_text("two {{ _('Service charter') }}")
    os.utime(page, ns=(1, 2_000_000_000))  # another modification time, whatever the clock
    assert make_environment("vi", "vi", tmp_path).get_template("page.html.j2").render() \
        == "two A"
    catalogue.write_text(entry.format("B"), encoding="utf-8")
    second = make_environment("vi", "vi", tmp_path)
    assert second is not first
    assert second.get_template("page.html.j2").render() == "two B"


def test_a_project_file_leading_outside_is_never_opened(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A policy or commitgen.yaml that is a symlink out of the project is digested without
    being read (the loader refuses it; the digest must not read it either)."""
    import builtins

    from commitgen.incremental import inputs
    from commitgen.incremental.record import Layout, policy_digests

    secret = tmp_path / "secret.yaml"
    secret.write_text("token: s3cr3t\n")
    root = tmp_path / "project"
    (root / "policies").mkdir(parents=True)
    (root / "policies" / "own.yaml").write_text("id: own\n")
    (root / "policies" / "leak.yaml").symlink_to(secret)
    (root / "commitgen.yaml").symlink_to(secret)
    opened: list[str] = []

    def spy(file: str, *args: object, **kwargs: object) -> object:
        opened.append(str(file))
        return builtins.open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(inputs, "open", spy, raising=False)
    digests = inputs.Digests()
    found = policy_digests(Layout(root), digests)
    assert found["leak.yaml"] == inputs.OUTSIDE
    assert found["own.yaml"] not in (inputs.OUTSIDE, inputs.ABSENT)
    assert digests.project_file(root / "commitgen.yaml", root) == inputs.OUTSIDE
    assert not [name for name in opened if "leak" in name or "commitgen.yaml" in name]
    assert any(name.endswith("own.yaml") for name in opened)  # the spy does see reads
