"""Replace folders of the gh-pages branch with freshly built ones, writing only what changed.

A publish rebuilds the root (the explorer's thousands of pages, the API's files, the index of
every release) whole, but from one release to the next most of those files come out byte for
byte the same. Handing git every file again makes it compress and store every byte again (a
third of a gigabyte at 60 releases); comparing each file's git blob id with the branch's tree
hands it only the changed and new files, and the names of the gone ones.
"""

from __future__ import annotations

import contextlib
import hashlib
import subprocess
from collections.abc import Iterable
from pathlib import Path

from ...errors import TradesiteError


def blob_id(data: bytes) -> str:
    """The id git gives a file's content (``git hash-object``)."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def tree(repo: Path, branch: str, folders: Iterable[str]) -> dict[str, str]:
    """Path -> blob id of every file under ``folders`` on ``branch`` (empty before its first commit)."""
    folders = list(folders)
    if not folders:
        return {}
    done = subprocess.run(
        ["git", "ls-tree", "-r", "-z", "--full-tree", branch, "--", *folders], cwd=repo, capture_output=True
    )
    if done.returncode != 0:
        exists = subprocess.run(["git", "rev-parse", "--verify", "-q", branch], cwd=repo, capture_output=True)
        if exists.returncode != 0:
            return {}
        raise TradesiteError(f"{repo}: git ls-tree {branch} failed: {done.stderr.decode(errors='replace').strip()}")
    out = {}
    for entry in done.stdout.split(b"\0"):
        if entry:
            meta, _, path = entry.partition(b"\t")
            out[path.decode("utf-8")] = meta.split()[2].decode()
    return out


def _under(path: str, folders: Iterable[str]) -> bool:
    return any(path == f or path.startswith(f"{f}/") for f in folders)


def replace(
    repo: Path,
    branch: str,
    message: str,
    folders: Iterable[str],
    files: Iterable[tuple[str, Path | bytes | str]],
    spare: tuple[str, ...] = (),
) -> dict[str, int]:
    """Make ``folders`` on ``branch`` hold exactly ``files`` (path on the branch, and a file on disk
    or the content itself; a file outside ``folders`` is written beside them), in one commit,
    writing only the files whose content differs, and no commit when none does (publishing a
    release again changes nothing); the files and folders ``spare`` names (another step's,
    inside ``folders``) are left alone. Returns how many files were written, kept and deleted."""
    from mike import git_utils

    folders = list(folders)
    files = list(files)
    before = tree(repo, branch, folders + [rel for rel, _ in files if not _under(rel, folders)])
    changed: list[tuple[str, bytes]] = []  # only these are held in memory (the root is 300 MB at 120 releases)
    for rel, content in files:
        data = _bytes(content)
        if before.get(rel) != blob_id(data):
            changed.append((rel, data))
    seen = {rel for rel, _ in files}
    gone = sorted(p for p in before if _under(p, folders) and p not in seen and not _under(p, spare))
    if changed or gone:
        with contextlib.chdir(repo), git_utils.Commit(branch, message) as c:
            c.delete_files(gone)
            for rel, data in changed:
                c.add_file(git_utils.FileInfo(rel, data))
    return {"written": len(changed), "kept": len(seen) - len(changed), "deleted": len(gone)}


def _bytes(content: Path | bytes | str) -> bytes:
    if isinstance(content, Path):
        return content.read_bytes()
    return content.encode("utf-8") if isinstance(content, str) else content
