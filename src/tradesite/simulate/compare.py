"""Is what the ingest read back what the simulation intended? (one line per difference)"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..schema import COLUMNS


def differences(intended: pd.DataFrame, read: pd.DataFrame, limit: int = 5) -> list[str]:
    """Lines naming the cells where two tidy tables differ (empty when they are the same)."""
    a = intended[COLUMNS].sort_values("location", kind="stable").reset_index(drop=True)
    b = read[COLUMNS].sort_values("location", kind="stable").reset_index(drop=True)
    out: list[str] = []
    if len(a) != len(b) or not (a["location"].values == b["location"].values).all():
        only_a = sorted(set(a["location"]) - set(b["location"]))[:limit]
        only_b = sorted(set(b["location"]) - set(a["location"]))[:limit]
        return [f"{len(a)} rows intended, {len(b)} read; intended only: {only_a}; read only: {only_b}"]
    text = [c for c in COLUMNS if c != "value"]
    same = (a[text].astype(str).values == b[text].astype(str).values).all(axis=1)
    va, vb = a["value"].to_numpy(float), b["value"].to_numpy(float)
    same &= np.isclose(va, vb, rtol=0, atol=1e-9) | (np.isnan(va) & np.isnan(vb))
    for i in np.flatnonzero(~same)[:limit]:
        cols = [c for c in COLUMNS if str(a.at[i, c]) != str(b.at[i, c])]
        out.append(
            f"{a.at[i, 'source_file']}, {a.at[i, 'location']}: "
            + ", ".join(f"{c} intended {a.at[i, c]!r}, read {b.at[i, c]!r}" for c in cols)
        )
    return out
