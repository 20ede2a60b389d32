"""The README's set-up works as written: CI runs its two commands verbatim, and the
constraints pin every declared dependency to a version inside the declared range."""

from __future__ import annotations

import re
import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def _quick_start_commands() -> list[str]:
    """The shell commands under README's "**1." and "**2." steps."""
    commands = []
    for step in ("**1.", "**2."):
        after = README[README.index(step):]
        block = re.search(r"```sh\n(.*?)```", after, flags=re.S)
        assert block, f"README step {step} has a shell block"
        commands.append(block.group(1).strip())
    return commands


def test_ci_runs_the_readme_commands_verbatim() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    for command in _quick_start_commands():
        assert command in ci, f"README command not run by .ci/run: {command}"


def test_the_readme_installs_with_the_constraints_into_a_virtual_environment() -> None:
    install, tests = _quick_start_commands()
    assert install.startswith("python3 -m venv .venv && ")
    assert "-c constraints.txt" in install and "commitgen build" in install
    assert "pytest" in tests


def _pins() -> dict[str, str]:
    pins = {}
    for line in (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, version = line.split("==")
            pins[canonicalize_name(name)] = version
    return pins


def test_constraints_pin_every_dependency_inside_its_range() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    pins = _pins()
    for text in declared:
        requirement = Requirement(text)
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} is not pinned in constraints.txt"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"constraints.txt pins {name}=={pins[name]} outside {requirement.specifier}")


def test_the_distribution_name_is_ours_and_licensed() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["name"] == "commitgen-charters"
    assert project["scripts"] == {"commitgen": "commitgen.cli:main"}
    assert "MIT License" in (REPO / "LICENSE").read_text(encoding="utf-8")
    assert "pip install commitgen " not in README and "pip install commitgen\n" not in README
