"""Theme assets, scripts and vendored libraries served once for every version of the site.

Each release is a complete site at its own permanent URL, but Material's bundle, its styles and
search worker, our scripts and styles and the vendored Vega are the same bytes in most of them
(3.4 MB a version). After MkDocs has built a version, :func:`share` moves every such file to
``/_static/<sha256[:12]>/<name>`` at the site root and points the version's pages there.

* A file's folder is named by its content, so it never changes once written: a host may cache it
  for ever, a new release adds only the files that changed, and an older version keeps the exact
  scripts it was built with.
* Links stay relative (``../../_static/…`` from ``/2025-03/countries/``), so the site works under
  any path; the 404 page, which MkDocs writes with absolute paths, gets absolute ones.
* A shared script that names another shared file by a quoted file name
  (``"vega-embed.bundle.js"``) is rewritten to that file's shared place, resolved relative to its
  own folder, before its own content is hashed.
* What nothing references is left out: source maps and the lunr language files (the site's
  search is in English, which the search worker has built in).
* Pages lose the blank lines and indentation MkDocs' templates leave (outside ``<pre>`` and
  ``<textarea>``): about 7 % of a version's HTML, text and layout unchanged.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

STATIC = "_static"
#: Folders of a built version whose files are shared (the version keeps everything else).
SHARED_FOLDERS = ("assets", "javascripts", "stylesheets")
#: Shared-folder files no page needs (see the module docstring).
DROPPED = re.compile(r"(\.map$|^assets/javascripts/lunr/)")
#: A quoted relative URL into a shared folder, in HTML attributes and Material's __config JSON.
_REF = re.compile(
    r"""(?P<q>["'])(?P<url>(?:\.\./|\./)*(?:/[^"'\s]*?/)?(?:{})/[^"'\s?#]+)(?P=q)""".format("|".join(SHARED_FOLDERS))
)
TEXT_SUFFIXES = (".js", ".css")
#: Text whose whitespace is content: left as it is.
_VERBATIM = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>)", re.S | re.I)
_INDENT = re.compile(r"\n[ \t\n]*")


def lean(html: str) -> str:
    """A page without the blank lines and indentation between its lines (a line break stays one,
    so inline text reads the same)."""
    parts = _VERBATIM.split(html)
    return "".join(p if i % 2 else _INDENT.sub("\n", p) for i, p in enumerate(parts))


HASH_LENGTH = 12


@dataclass
class Shared:
    """What :func:`share` did to one version: version path -> path under the site root."""

    moved: dict[str, str] = field(default_factory=dict)
    dropped: list[str] = field(default_factory=list)
    added_bytes: int = 0


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:HASH_LENGTH]


def _shared_files(version: Path) -> list[str]:
    out = []
    for folder in SHARED_FOLDERS:
        root = version / folder
        if root.is_dir():
            out += [p.relative_to(version).as_posix() for p in sorted(root.rglob("*")) if p.is_file()]
    return out


def place(files: dict[str, bytes], static_root: Path) -> dict[str, str]:
    """Put shared files (path in the version -> bytes) under ``static_root`` (the site's
    ``_static``); returns path in the version -> path from the site root (``_static/<h>/<name>``)."""
    placed: dict[str, str] = {}
    basenames: dict[str, str] = {}
    for path in files:
        base = posixpath.basename(path)
        if base in basenames and files[basenames[base]] != files[path]:
            raise ValueError(
                f"two shared files are named {base!r} ({basenames[base]}, {path}); "
                "give one another name: shared scripts find each other by name"
            )
        basenames[base] = path
    todo = dict(files)
    while todo:
        progress = False
        for path, data in sorted(todo.items()):
            if path.endswith(TEXT_SUFFIXES):
                text = data.decode("utf-8")
                deps = [p for p in files if p != path and f'"{posixpath.basename(p)}"' in text]
                if any(d not in placed for d in deps):
                    continue
                for dep in deps:  # relative to this file's own folder, _static/<h>/
                    text = text.replace(f'"{posixpath.basename(dep)}"', f'"../{placed[dep].split("/", 1)[1]}"')
                data = text.encode("utf-8")
            target = f"{STATIC}/{_digest(data)}/{posixpath.basename(path)}"
            dest = static_root.parent / target
            if not dest.is_file():
                dest.parent.mkdir(parents=True, exist_ok=True)
                tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
                tmp.write_bytes(data)
                os.replace(tmp, dest)
            placed[path] = target
            del todo[path]
            progress = True
        if not progress:
            raise ValueError(f"shared files refer to each other in a cycle: {', '.join(sorted(todo))}")
    return placed


def _rewrite(html: str, page_dir: str, placed: dict[str, str], version_url_path: str, version_rel: str) -> str:
    """Point a page's references to shared files at their place under the site root."""
    site_path = version_url_path[: len(version_url_path) - len(version_rel) - 1] if version_rel else version_url_path
    here = posixpath.join(version_rel, page_dir) if page_dir else (version_rel or ".")

    def swap(m: re.Match) -> str:
        url = m.group("url")
        if url.startswith("/"):  # the 404 page: absolute, under the version's path
            if not url.startswith(version_url_path):
                return m.group(0)
            rel, absolute = url[len(version_url_path) :], True
        else:
            rel, absolute = posixpath.normpath(posixpath.join(page_dir, url)), False
        target = placed.get(rel)
        if target is None:
            return m.group(0)
        new = site_path + target if absolute else posixpath.relpath(target, here)
        return f"{m.group('q')}{new}{m.group('q')}"

    return _REF.sub(swap, html)


def share(version: Path, static_root: Path, version_url_path: str, version_rel: str | None = None) -> Shared:
    """Move ``version``'s shared files to ``static_root`` (the site's ``_static`` folder) and point
    its HTML pages there. ``version_url_path``: the version's path on the host ('/2025-03/'), which
    the 404 page's absolute links start with; ``version_rel``: the version's folder under the site
    root (default: its name; '' for the pages at the root itself)."""
    version_rel = Path(version).name if version_rel is None else version_rel
    version = Path(version)
    result = Shared()
    files: dict[str, bytes] = {}
    for rel in _shared_files(version):
        if DROPPED.search(rel):
            result.dropped.append(rel)
        else:
            files[rel] = (version / rel).read_bytes()
    before = sum(p.stat().st_size for p in static_root.rglob("*") if p.is_file()) if static_root.is_dir() else 0
    placed = place(files, static_root)
    for page in sorted(p for p in version.rglob("*.html") if STATIC not in p.relative_to(version).parts):
        rel_dir = page.parent.relative_to(version).as_posix()
        rel_dir = "" if rel_dir == "." else rel_dir
        text = page.read_text(encoding="utf-8")
        new = lean(_rewrite(text, rel_dir, placed, version_url_path, version_rel))
        if new != text:
            page.write_text(new, encoding="utf-8")
    for rel in [*files, *result.dropped]:
        (version / rel).unlink()
    for folder in SHARED_FOLDERS:  # folders left empty
        for d in sorted((version / folder).rglob("*"), reverse=True) if (version / folder).is_dir() else []:
            if d.is_dir() and not any(d.iterdir()):
                d.rmdir()
        if (version / folder).is_dir() and not any((version / folder).iterdir()):
            (version / folder).rmdir()
    result.moved = placed
    result.added_bytes = (
        sum(p.stat().st_size for p in static_root.rglob("*") if p.is_file()) - before if static_root.is_dir() else 0
    )
    return result


def copy_into(static_root: Path, dest_root: Path) -> int:
    """Copy shared files that ``dest_root/_static`` lacks (they never change once written);
    returns how many were copied."""
    n = 0
    for src in sorted(static_root.rglob("*")):
        if src.is_file():
            dest = dest_root / STATIC / src.relative_to(static_root)
            if not dest.is_file():
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, dest)
                n += 1
    return n
