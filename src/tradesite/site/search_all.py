"""``search-all.json`` at the root of the versioned site: every release's search index in one.

Each version keeps Material's own search (``/RELEASE/search/search_index.json``, lunr in a
web worker); this file lets a reader widen a search to every release from the search
dialog (``docs/javascripts/tradesite-search.js`` fetches it only when asked). It is built
from the deployed versions listed in mike's ``versions.json`` (``latest`` is an alias, a copy
of the newest, so it is not read twice) and holds only what a result needs::

    {"config": <Material's search config of the newest version>,
     "releases": [{"id": "2026-01", "month": "January 2026"}, ...],   newest first
     "docs": [[release, location, title, text], ...]}                  [..., boost] when boosted

``release`` is the position in ``releases``, ``location`` the URL inside that version
(``countries/#china``), in each version's own order (a page before its sections, which
Material's worker relies on to group sections under their page). Titles and texts are plain
text: Material's HTML tags are stripped and entities decoded, so the client writes them
with ``textContent`` and never as HTML.
"""

from __future__ import annotations

import contextlib
import html
import json
import os
import re
from pathlib import Path

from .. import releases as rel
from ..errors import TradesiteError

NAME = "search-all.json"
VERSIONS = "versions.json"
INDEX = "search/search_index.json"

#: Tags after which words are separate (a table cell, a list item); others (code, em) join.
_BLOCK = re.compile(r"</?(?:p|li|ul|ol|dl|dt|dd|table|thead|tbody|tr|td|th|caption|div|br|hr|h[1-6]|pre|blockquote|figure|figcaption)\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


def plain(text: str) -> str:
    """Material's index text (an HTML fragment) as plain text: tags gone, entities decoded."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub("", _BLOCK.sub(" ", text or "")))).strip()


def release_ids(versions: list[dict]) -> list[str]:
    """The release ids of mike's versions.json entries, newest first (aliases are not versions)."""
    ids = [str(v["version"]) for v in versions]
    for r in ids:
        if not rel.RELEASE_RE.match(r):
            raise TradesiteError(f"{VERSIONS}: version {r!r} is not a release; expected the month as YYYY-MM, e.g. 2025-03")
    return sorted(ids, reverse=True)


def build(indexes: dict[str, dict]) -> dict:
    """The all-release index from each release's parsed search_index.json (id -> index)."""
    if not indexes:
        raise TradesiteError(f"{VERSIONS}: no version deployed, so there is nothing for {NAME}")
    ids = sorted(indexes, reverse=True)
    docs = []
    for n, r in enumerate(ids):
        for doc in indexes[r].get("docs", []):
            entry = [n, doc["location"], plain(doc.get("title", "")), plain(doc.get("text", ""))]
            if doc.get("boost"):
                entry.append(doc["boost"])
            docs.append(entry)
    return {
        "config": indexes[ids[0]]["config"],
        "releases": [{"id": r, "month": rel.month_name(r)} for r in ids],
        "docs": docs,
    }


def dumps(index: dict) -> str:
    """Compact JSON (no spaces): it is fetched whole, once, by a reader who asked for it."""
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))


def _load(text: str, where: str) -> dict:
    try:
        index = json.loads(text)
    except json.JSONDecodeError as exc:
        raise TradesiteError(f"{where}: not JSON ({exc.msg} at line {exc.lineno}); expected Material's search index") from None
    if not isinstance(index, dict) or "docs" not in index or "config" not in index:
        raise TradesiteError(f"{where}: expected Material's search index (an object with 'config' and 'docs')")
    return index


def from_site(root: Path) -> dict:
    """The all-release index of a built versioned site folder (versions.json at its root)."""
    root = Path(root)
    listing = root / VERSIONS
    if not listing.is_file():
        raise TradesiteError(f"{listing}: missing; {NAME} is built from the versions mike lists there")
    indexes = {}
    for r in release_ids(json.loads(listing.read_text(encoding="utf-8"))):
        path = root / r / INDEX
        if not path.is_file():
            raise TradesiteError(f"{path}: missing; every version's search index goes into {NAME} (is the search plugin on in mkdocs.yml?)")
        indexes[r] = _load(path.read_text(encoding="utf-8"), str(path))
    return build(indexes)


def write(root: Path) -> Path:
    """Write ``search-all.json`` at the root of a built versioned site (whole, or not at all)."""
    path = Path(root) / NAME
    tmp = path.with_name(f".{NAME}.tmp")
    tmp.write_text(dumps(from_site(root)), encoding="utf-8")
    os.replace(tmp, path)
    return path


def commit(repo: Path, branch: str) -> None:
    """Refresh ``search-all.json`` on ``branch`` (gh-pages) for the versions deployed there."""
    from mike import commands, git_utils

    with contextlib.chdir(repo):
        indexes = {}
        for r in release_ids([{"version": str(v.version)} for v in commands.list_versions(branch)]):
            where = f"{branch}:{r}/{INDEX}"
            try:
                text = git_utils.read_file(branch, f"{r}/{INDEX}", universal_newlines=True)
            except git_utils.GitError:
                raise TradesiteError(f"{where}: missing; every version's search index goes into {NAME}") from None
            indexes[r] = _load(text, where)
        with git_utils.Commit(branch, f"Refresh {NAME} (search across every release)") as c:
            c.add_file(git_utils.FileInfo(NAME, dumps(build(indexes))))
