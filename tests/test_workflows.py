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


def ci_fetch_step() -> str:
    """The lines of .ci/run that fetch the official files where ../shared/data is absent."""
    run = (paths.ROOT / ".ci" / "run").read_text(encoding="utf-8")
    m = re.search(r"^shared=.*?^fi$", run, re.M | re.S)
    assert m, ".ci/run: no step that fetches the official files where ../shared/data is absent"
    return m.group(0)


@pytest.mark.parametrize("present", [False, True])
def test_ci_fetches_the_official_files_where_shared_is_absent(tmp_path, present):
    """.ci/run on a machine without ../shared/data runs `tradesite fetch-committed ../shared/data/raw`
    (with stand-ins for python3 and tradesite that record their arguments: made for the test); with it
    in place, nothing is fetched. Failed on 1f8c8c0: .ci/run had no such step."""
    shared = tmp_path / "shared" / "data"
    if present:
        (shared / "raw").mkdir(parents=True)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name in ("python3", "tradesite"):
        (bin_dir / name).write_text(f'#!/bin/sh\necho "{name} $*" >> "{tmp_path}/calls"\n', encoding="utf-8")
        (bin_dir / name).chmod(0o755)
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "TRADESITE_SHARED": str(shared)}
    subprocess.run(["bash", "-euo", "pipefail", "-c", ci_fetch_step()], env=env, check=True, cwd=paths.ROOT)
    calls = (tmp_path / "calls").read_text(encoding="utf-8").splitlines() if (tmp_path / "calls").exists() else []
    assert calls == ([] if present else ["python3 -m pip install -q -e .", f"tradesite fetch-committed {shared}/raw"])


def test_the_release_watch_records_the_new_files_checksums():
    """A new release's files are added to data/SHA256SUMS, which the pull request carries (the tests
    check every committed release against it: tests/test_provenance.py)."""
    wf = load(paths.ROOT / ".github" / "workflows" / "release-watch.yml")
    steps = wf["jobs"]["update"]["steps"]
    names = [s.get("name", "") for s in steps]
    record = steps[names.index("Record the new files' sha256")]
    assert names.index("Ingest") < names.index("Record the new files' sha256") < names.index(
        "Test (every test, with the new release bundled)")
    assert "sha256sum >> ../../main/data/SHA256SUMS" in record["run"] and record["working-directory"] == "shared/data"
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact"))
    assert "main/data/SHA256SUMS" in upload["with"]["path"]
    pr = next(s for s in wf["jobs"]["pull-request"]["steps"] if s.get("uses", "").startswith("peter-evans/"))
    assert "data/SHA256SUMS" in pr["with"]["add-paths"]
