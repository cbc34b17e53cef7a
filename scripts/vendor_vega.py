"""Re-vendor the browser's Vega bundle (vega, vega-lite, vega-embed) from vl-convert.

The site serves this file itself (no CDN). Run after upgrading vl-convert-python:
    python3 scripts/vendor_vega.py
"""

from pathlib import Path

import vl_convert as vlc

OUT = Path(__file__).resolve().parents[1] / "src" / "tradesite" / "assets" / "vega-embed.bundle.js"

header = (
    f"/* Vega {vlc.get_vega_version()}, Vega-Lite (latest in vl-convert {vlc.__version__}), "
    f"Vega-Embed {vlc.get_vega_embed_version()}: bundled by vl_convert.javascript_bundle() "
    "(scripts/vendor_vega.py); BSD-3-Clause, (c) University of Washington Interactive Data Lab. */\n"
)
OUT.write_text(header + vlc.javascript_bundle(), encoding="utf-8")
print(f"{OUT}: {OUT.stat().st_size:,} bytes")
