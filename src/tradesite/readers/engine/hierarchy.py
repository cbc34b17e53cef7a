"""Where each line of an item table sits: its ancestors, from the depth the file gives it.

The depth comes from the format (a cell's indent or leading spaces, a label column, a word's
x position, bold categories over plain commodities); what a depth means is decided here,
once for every format:

* the two top lines of a goods table, "Total Balance of Payments Basis" and "Net
  Adjustments", are level 0 beside the Census-basis total (:func:`top_line`);
* a root line (``Total``, ``TOTAL``, ``GRAND TOTAL``, ``U.S. Total``, ``Total Census
  Basis``) is the parent of every line after it, up to the next section (:data:`ROOTS`);
* below the root, a line is the child of the nearest line above it that is less deep;
* a line ``Other`` closes its group: a line after it at its depth is its group's sibling
  (exh14a.xlsx and page 30 of trad0325.pdf indent Norway under the European Union, after
  the EU's 'Other' line; it is a country of Europe, as exhibit 14 prints it);
* a group marked by the line after it (exh1s: a NAICS group followed by "(Domestic)") holds
  the lines below it up to the next such group or a line of :data:`UNDER_ROOT`
  ("Re-exports", "Timing Adjustments"), which are parts of the root again;
* a memo line ("Foreign Trade Zone", "for reference only") heads no lines, however the
  lines below it are indented;
* a blank row closes the groups above it (exh2s).
"""

from __future__ import annotations

from dataclasses import dataclass, field

ROOTS = ("total census basis", "total, census basis", "total", "grand total", "u.s. total")
UNDER_ROOT = ("re-export", "timing adjustments")
OTHER = "Other"


def top_line(label: str) -> bool:
    """The balance-of-payments total and the net adjustments: level 0 above the root."""
    low = label.lower()
    return ("balance of payment" in low and low.startswith("total")) or low.startswith("net adjust")


def is_root(label: str) -> bool:
    return label.lower() in ROOTS


@dataclass
class Place:
    parents: list[str]
    kind: str  # 'top' (balance-of-payments top line), 'root' or 'part'


@dataclass
class Hierarchy:
    memo: tuple[str, ...] = ()
    root: list[str] = field(default_factory=list)
    stack: list[tuple[int, str]] = field(default_factory=list)
    grouped: bool = False  # a group marked by the line after it is open

    def reset(self) -> None:
        """A new section or block: nothing above the next line."""
        self.root, self.stack, self.grouped = [], [], False

    def close_groups(self) -> None:
        """A blank row: the groups above it are closed, the root stays."""
        self.stack = []

    def place(self, label: str, depth: int, heads_group: bool = False) -> Place:
        """The ancestors of a line at ``depth``; ``heads_group``: the next line marks it as a group."""
        if top_line(label):
            return Place([], "top")
        if is_root(label):
            self.root, self.stack, self.grouped = [label], [], False
            return Place([], "root")
        if heads_group:
            self.stack, self.grouped = [(-1, label)], True
            return Place(list(self.root), "part")
        if self.grouped and label.lower().startswith(UNDER_ROOT):
            self.stack, self.grouped = [], False  # the groups end: a part of the root again
        if self.stack and self.stack[-1] == (depth, OTHER):
            depth -= 1
        while self.stack and self.stack[-1][0] >= depth:
            self.stack.pop()
        parents = self.root + [s for _, s in self.stack]
        if label not in self.memo:
            self.stack.append((depth, label))
        return Place(parents, "part")
