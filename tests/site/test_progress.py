"""Progress of a long build: one plain line per release and per phase in a log (CI), one line
rewritten in place on a terminal, with how many are done of how many and the time left."""

from __future__ import annotations

import io

from tradesite.site.versioned.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_log_gets_one_line_per_release_and_per_phase():
    log = io.StringIO()
    p = Progress(3, log)
    p.phase("building releases")
    for r in ("2021-03", "2021-05", "2021-08"):
        p.done(r)
    p.phase("index of every release")
    p.finish("built 3 versions")
    lines = log.getvalue().splitlines()
    assert len(lines) == 6 and "\r" not in log.getvalue()
    assert lines[1].startswith("building releases: 1 of 3 releases (2021-03) after ")
    assert lines[3].startswith("building releases: 3 of 3 releases (2021-08)")
    assert lines[-1].startswith("built 3 versions (in ")


def test_a_terminal_sees_one_line_rewritten_with_the_time_left():
    term = Terminal()
    p = Progress(4, term)
    p.phase("building releases")
    p.done("2021-03")
    text = term.getvalue()
    assert text.count("\n") == 0 and "\r" in text
    assert "1 of 4 releases (2021-03)" in text and "left" in text
