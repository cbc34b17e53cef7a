"""The GitHub Actions workflows: valid against the workflow schema, least privilege,
actions pinned to full commit SHAs, deploys never racing. Every file in
.github/workflows/ is checked, whoever wrote it."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import yaml

from tradesite import paths

WORKFLOWS = sorted((paths.ROOT / ".github" / "workflows").glob("*.y*ml"))
USES = re.compile(r"^\s*(?:-\s*)?uses:\s*(\S+)(.*)$", re.M)
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")


def load(path):
    # PyYAML reads the key `on` as True; the schema check reads the file itself.
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_the_expected_workflows_exist():
    assert {"ci.yml", "publish.yml"} <= {p.name for p in WORKFLOWS}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_valid_against_the_github_workflow_schema(path):
    done = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", str(path)],
        capture_output=True, text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_to_a_full_commit_sha_with_a_version_comment(path):
    uses = USES.findall(path.read_text(encoding="utf-8"))
    for action, rest in uses:
        if action.startswith(("./", "docker://")):
            continue
        assert PINNED.match(action), f"{path.name}: {action} is not pinned to a 40-hex commit SHA"
        assert re.match(r"\s*#\s*v\d", rest), f"{path.name}: {action} lacks a '# vX.Y.Z' comment"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_least_privilege_permissions(path):
    wf = load(path)
    top = wf.get("permissions")
    assert top is not None, f"{path.name}: no top-level permissions (the default token may write)"
    assert top == {} or all(v in ("read", "none") for v in top.values()), f"{path.name}: top-level permissions {top} write"
    for name, job in wf["jobs"].items():
        perms = job.get("permissions") or {}
        writes = {k for k, v in perms.items() if v == "write"}
        assert writes <= {"contents", "issues", "pull-requests"}, f"{path.name}: job {name} writes {writes}"


def test_only_publish_pushes_and_it_never_races():
    wf = load(paths.ROOT / ".github" / "workflows" / "publish.yml")
    assert wf["concurrency"] == {"group": "publish-gh-pages", "cancel-in-progress": False}
    assert wf["permissions"] == {}
    assert wf["jobs"]["publish"]["permissions"] == {"contents": "write"}
    trigger = wf[True]["workflow_dispatch"]["inputs"]["release"]  # PyYAML: `on` -> True
    assert trigger["required"] is True
    # the input reaches the shell through env, never spliced into a script
    for step in wf["jobs"]["publish"]["steps"]:
        assert "inputs." not in step.get("run", ""), step
    ci = load(paths.ROOT / ".github" / "workflows" / "ci.yml")
    assert ci["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in ci["jobs"].values())


def test_ci_runs_the_same_script_as_local_ci():
    ci = (paths.ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8")
    assert "bash .ci/run" in ci
    run = (paths.ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3 -m pip install -e '.[test]' && python3 -m pytest" in run  # the README's command
    assert "python3 -m pip install -e '.[test]' && python3 -m pytest" in (paths.ROOT / "README.md").read_text(encoding="utf-8")
