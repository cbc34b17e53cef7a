"""Where a build may write: an empty or new ``--out``, or an earlier build of the same command,
which it replaces; anything else is refused untouched (issue 22). Kept apart from
:mod:`.versions` so that ``tradesite build`` checks its folder without importing the whole
versioned site (pandas, altair, the explorer: about 0.4 CPU-s a build)."""

from __future__ import annotations

import glob
import json
import re
import shutil
from pathlib import Path

from ...errors import UsageError
from ...processes import alive

#: written at the root of every site :func:`build_all` makes: what tells an earlier build (which
#: --out may replace) from a folder of the user's (which it refuses to touch)
MARKER = ".tradesite-site"
#: what the root of a versioned site holds besides its version folders (a build older than
#: :data:`MARKER` is recognised by holding nothing else)
ROOT_NAMES = {
    "index.html",
    "versions.json",
    "feed.xml",
    "sitemap.xml",
    "search-all.json",
    "series",
    "api",
    ".series.old",
    ".api.old",
    "404.html",
    ".nojekyll",
    MARKER,
    "search",
    "pagefind",
    "_static",
    "calendar.ics",
    ".search.old",
}
#: the work folder of a build beside its --out: '.site.work-4242-x1y2z3' (removed when the build
#: ends, however; one left by a build killed outright goes at the next build once its process is gone)
WORK = re.compile(r"^\.(?P<name>.+)\.work-(?P<pid>\d+)-\w+$")


def earlier_build(out: Path) -> bool:
    """Whether ``out`` holds a site :func:`build_all` made (and may replace)."""
    if (out / MARKER).is_file():
        return True
    try:
        listed = json.loads((out / "versions.json").read_text(encoding="utf-8"))
        names = {str(v["version"]) for v in listed} | {str(a) for v in listed for a in v.get("aliases", [])}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return False
    return all(p.name in names | ROOT_NAMES for p in out.iterdir())


def check_out(out: Path, earlier=None, command: str = "tradesite site build") -> None:
    """``out`` may be written: nothing there yet, an empty folder, or an earlier build of
    ``command`` (``earlier(out)`` says so; default :func:`earlier_build`), which the new one
    replaces. Anything else is refused, untouched."""
    if not out.exists():
        return
    if not out.is_dir():
        raise UsageError(f"--out {out}: expected a folder for the site, found a file; pass another --out")
    inside = sorted(p.name for p in out.iterdir())
    if inside and not (earlier or earlier_build)(out):
        shown = ", ".join(inside[:3]) + (f" and {len(inside) - 3} more" if len(inside) > 3 else "")
        raise UsageError(
            f"--out {out}: expected an empty folder or an earlier `{command}` (which it "
            f"replaces), found {len(inside)} other thing{'s' * (len(inside) != 1)} ({shown}); nothing "
            "was touched: pass an empty or new folder as --out"
        )


def clean_stale_work(parent: Path, name: str) -> None:
    """Remove the work folders of earlier builds of ``name`` whose process is gone (killed outright)."""
    for p in parent.glob(f".{glob.escape(name)}.work-*"):
        m = WORK.match(p.name)
        if m and m["name"] == name and p.is_dir() and not alive(int(m["pid"])):
            shutil.rmtree(p, ignore_errors=True)
