"""The versioned site of a test session, built and served by a process of its own.

The first pytest process that collects a test of the versioned site starts it (tests/conftest.py),
so the site is built while the tests that need no site run beside it, on every core; every
pytest-xdist worker then reads the same site from the same server: built once per session,
however many workers read it. The session's controller stops it at the end
(``pytest_unconfigure``), and a watchdog stops it if that process is gone (a killed run).

Run as ``python -m tests.browser.site_server FOLDER CONTROLLER_PID``; it writes into FOLDER
``site.json`` (the site's folder and root URL) once the site is served, or ``failed.txt`` (the
build's error) and exits.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import traceback
from pathlib import Path

from tradesite.processes import alive

ROOT = Path(__file__).resolve().parents[2]
READY, FAILED, PID, LOG = "site.json", "failed.txt", "server.pid", "server.log"


def start(folder: Path, controller: int) -> bool:
    """Start the server for the session unless a process of it already did. True if this call did."""
    try:
        os.close(os.open(folder / "started", os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return False
    with open(folder / LOG, "wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "tests.browser.site_server", str(folder), str(controller)],
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # stopped as a group: the build's own children too
        )
    (folder / PID).write_text(str(proc.pid), encoding="utf-8")
    return True


def _alive(pid: int) -> bool:
    if not alive(pid):
        return False
    try:  # our own child that ended is a zombie until reaped: not alive
        return os.waitpid(pid, os.WNOHANG) == (0, 0)
    except ChildProcessError:
        return True


def wait(folder: Path, timeout: float = 1800.0) -> dict:
    """The served site ({"root", "base"}) once it is up; an error naming the log if the build failed."""
    deadline = time.monotonic() + timeout
    while True:
        if (folder / READY).is_file():
            return json.loads((folder / READY).read_text(encoding="utf-8"))
        if (folder / FAILED).is_file():
            raise RuntimeError(f"the test site's build failed ({folder / LOG}):\n{(folder / FAILED).read_text()}")
        pid = (folder / PID).read_text() if (folder / PID).is_file() else ""
        if pid and not _alive(int(pid)) and not (folder / READY).is_file():
            log = (folder / LOG).read_text(errors="replace")[-3000:] if (folder / LOG).is_file() else ""
            raise RuntimeError(f"the test site's server (pid {pid}) ended before serving the site:\n{log}")
        if time.monotonic() > deadline:
            raise TimeoutError(f"the test site was not served within {timeout:.0f} s ({folder / LOG})")
        time.sleep(0.25)


def stop(folder: Path) -> None:
    """Stop the server (and any build of it still running)."""
    if (folder / PID).is_file():
        try:
            os.killpg(int((folder / PID).read_text()), signal.SIGTERM)
        except (ProcessLookupError, PermissionError):
            pass


def _watch(controller: int) -> None:
    while True:
        if not _alive(controller):  # the session was killed: end with the build's children (our group)
            os.killpg(os.getpgrp(), signal.SIGKILL)
        time.sleep(1)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main(folder: Path, controller: int) -> int:
    threading.Thread(target=_watch, args=(controller,), daemon=True).start()
    from tradesite.settings import Settings
    from tradesite.site.versioned import serve, versions

    # Built for the very port it is served on: Material's instant navigation follows only links
    # of its sitemap's port.
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    try:
        root = versions.build_all(folder / "site", base=base, settings=Settings.from_env())
        httpd = serve.server(root, port)
    except BaseException:
        (folder / FAILED).write_text(traceback.format_exc(), encoding="utf-8")
        return 1
    tmp = folder / f"{READY}.tmp"
    tmp.write_text(json.dumps({"root": str(root), "base": base}), encoding="utf-8")
    os.replace(tmp, folder / READY)
    httpd.serve_forever()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]), int(sys.argv[2])))


# -- the pytest side (tests/conftest.py, tests/browser/conftest.py) -----------------------------

#: The keys of the folder and the controller's pid in an xdist worker's ``config.workerinput``.
FOLDER_KEY = "tradesite_site_folder"
CONTROLLER_KEY = "tradesite_controller"


def folder_of(config) -> Path:
    """The session's folder for the site: made by the controller, passed to each xdist worker."""
    given = getattr(config, "workerinput", None)
    return Path(given[FOLDER_KEY] if given else config._tradesite_site_folder)


def controller_of(config) -> int:
    given = getattr(config, "workerinput", None)
    return int(given[CONTROLLER_KEY]) if given else os.getpid()


def reused() -> Path | None:
    """``TRADESITE_TEST_SITE=build/site``: a site built by ``tradesite site build`` read instead of
    one built for the session (quicker while working on the tests; CI always builds)."""
    given = os.environ.get("TRADESITE_TEST_SITE")
    return Path(given) if given and not os.environ.get("CI") else None
