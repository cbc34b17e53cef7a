"""Issue 20: a publish hands git only the root's files that changed (tradesite.site.versioned.branch)."""

from __future__ import annotations

import subprocess

from tradesite.site.versioned import branch


def git(repo, *args, **kw) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True, **kw).stdout


def files(root, contents: dict[str, str]):
    out = []
    for rel, text in contents.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        out.append((rel, path))
    return out


def test_blob_id_is_git_s():
    data = b"exports \xe2\x88\x92 imports = balance\n"
    assert branch.blob_id(data) == subprocess.run(
        ["git", "hash-object", "--stdin"], input=data, capture_output=True, check=True
    ).stdout.decode().strip()


def test_replace_writes_only_what_changed_and_spares_another_step_s_files(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.name", "test")
    git(repo, "config", "user.email", "test@example.org")
    first = files(tmp_path / "one", {"api/a.csv": "1\n", "api/b.csv": "2\n", "api/later/x.json": "{}\n",
                                     "series/s/index.html": "<p>s</p>\n", "other/keep.txt": "kept\n"})
    assert branch.replace(repo, "gh-pages", "first", ["api", "series", "other"], first) == {
        "written": 5, "kept": 0, "deleted": 0}
    blob_b = git(repo, "rev-parse", "gh-pages:api/b.csv").strip()

    second = files(tmp_path / "two", {"api/a.csv": "1\n", "api/b.csv": "2, revised\n", "series/t/index.html": "<p>t</p>\n"})
    counts = branch.replace(repo, "gh-pages", "second", ["api", "series"], second, spare=("api/later",))
    assert counts == {"written": 2, "kept": 1, "deleted": 1}  # b changed, t new; a kept; series/s gone
    tree = set(git(repo, "ls-tree", "-r", "--name-only", "gh-pages").split())
    assert tree == {"api/a.csv", "api/b.csv", "api/later/x.json", "series/t/index.html", "other/keep.txt"}
    assert git(repo, "show", "gh-pages:api/b.csv") == "2, revised\n"
    assert git(repo, "rev-parse", "gh-pages:api/b.csv").strip() != blob_b
    assert git(repo, "log", "--format=%s", "gh-pages").split("\n")[:2] == ["second", "first"]

    # nothing changed: no commit at all
    assert branch.replace(repo, "gh-pages", "third", ["api", "series"], second, spare=("api/later",)) == {
        "written": 0, "kept": 3, "deleted": 0}
    assert git(repo, "log", "-1", "--format=%s", "gh-pages").strip() == "second"
