"""What one full restyle of a page costs, the work Material's start-up forces several times.

    python3 scripts/bench_restyle.py build/site /series/map/ /series/topics/goods/ /api/ [--n=15]

Opens each page of a built site in Debian's chromium (a phone's viewport, no throttling), waits for
it to settle, then times, as the minimum of N repetitions (minima hold on a shared, loaded machine
where Lighthouse's blocking time swings by 100 ms): a full style recalculation (toggling the
attribute Material's palette sets on <body> at start-up, ``[data-md-color-switching] *`` in its
CSS), a full style and layout, and loading the root's search index as Material does (JSON parse
and a structured clone to its worker). Lighthouse's mobile run multiplies main-thread time by 4.

What it found (Dec 2026, Chromium's trace of the load beside it): Material's bundle restyles the
whole page five times in its start-up (a forced layout for the scroll position, the search
dialog's scroll offsets, the palette's getComputedStyle twice, the palette marker's removal a
frame later), so a page's blocking time grows with its element count times its cost per element;
the goods topic (1,700 elements) and the map (1,500; its 340 SVG elements over half the cost)
were the dearest. The search index costs about 2 ms.
"""

import functools
import http.server
import os
import socketserver
import sys
import threading

from playwright.sync_api import sync_playwright

args = [a for a in sys.argv[1:] if not a.startswith("--n")]
site, pages = args[0], args[1:]
N = int(next((a.split("=", 1)[1] for a in sys.argv[1:] if a.startswith("--n=")), os.environ.get("N", "15")))
class H(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *a): pass
httpd = socketserver.ThreadingTCPServer(("127.0.0.1", 0), functools.partial(H, directory=site))
port = httpd.server_address[1]
threading.Thread(target=httpd.serve_forever, daemon=True).start()
JS = """async (N) => {
  const b = document.body, t = [], l = [];
  await new Promise(r => setTimeout(r, 1500));
  for (let i = 0; i < N; i++) {
    let s = performance.now();
    b.toggleAttribute('data-md-color-switching');
    void getComputedStyle(b.querySelector('header')).backgroundColor;   // style only
    t.push(performance.now() - s);
    s = performance.now();
    b.style.setProperty('--ts-probe', String(i)); document.documentElement.style.fontSize = (i % 2 ? '125%' : '125.01%');
    void b.offsetHeight;   // style + layout of everything
    l.push(performance.now() - s);
  }
  document.documentElement.style.fontSize = '';
  const text = await (await fetch(new URL('search/search_index.json', new URL(document.querySelector('#__config') ? JSON.parse(document.querySelector('#__config').textContent).base + '/' : '/', location.href)))).text();
  const j = [];
  for (let i = 0; i < Math.min(N, 8); i++) { const s = performance.now(); structuredClone(JSON.parse(text)); j.push(performance.now() - s); }
  const min = a => Math.min(...a);
  return {elements: document.getElementsByTagName('*').length, recalc: min(t), relayout: min(l), index_kb: text.length / 1024, index: min(j)};
}"""
with sync_playwright() as pw:
    b = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
    ctx = b.new_context(viewport={"width": 412, "height": 823}, device_scale_factor=1.75, is_mobile=True, has_touch=True)
    for path in pages:
        page = ctx.new_page()
        page.goto(f"http://127.0.0.1:{port}{path}", wait_until="load")
        r = page.evaluate(JS, N)
        print(f"{path[:60]:60} elements={r['elements']:5d}  full recalc={r['recalc']:5.1f} ms  style+layout={r['relayout']:5.1f} ms  search index {r['index_kb']:.0f} KB parse+clone={r['index']:5.1f} ms")
        page.close()
    b.close()
httpd.shutdown()
