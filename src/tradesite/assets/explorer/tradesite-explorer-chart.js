/* The explorer's charts in the browser: a series page (transforms, range, every vintage) and
   compare (several series). Loaded by tradesite-explorer.js when a reader reaches for a chart or
   its URL asks for a view. The chart is drawn here exactly as site/render/linechart.py draws the page's
   first view (same layout, classes and theme colours, a gap wherever a period is missing), with a
   tooltip on hover, keyboard focus and touch. Data text goes through textContent and attributes
   only. The pure functions (CSV, vintages, transforms, layout) are tested with node --test. */
(function (root) {
  "use strict";

  var core = typeof module === "object" && module.exports ? require("./tradesite-explorer.js") : root.tradesiteExplorer;
  var fmt = core.fmt, words = core.words, frequency = core.frequency, shift = core.shift;

  /** A heading's words without Material's permalink ("¶", a.headerlink). */
  function headingText(h) {
    if (!h) return "";
    var text = "";
    h.childNodes.forEach(function (n) {
      if (!n.classList?.contains("headerlink")) text += n.textContent;
    });
    return text.trim();
  }

  // ---- data: the API's CSV files

  /** Rows of a CSV (RFC 4180: quoted fields, doubled quotes) as objects keyed by the header. */
  function parseCsv(text) {
    var rows = [], row = [], cell = "", quoted = false, i, c;
    text = text.replace(/^\uFEFF/, "");
    for (i = 0; i < text.length; i++) {
      c = text.charAt(i);
      if (quoted) {
        if (c === '"' && text.charAt(i + 1) === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
      } else if (c === '"') quoted = true;
      else if (c === ",") { row.push(cell); cell = ""; } else if (c === "\n" || c === "\r") {
        if (c === "\r" && text.charAt(i + 1) === "\n") i++;
        row.push(cell); rows.push(row); row = []; cell = "";
      } else cell += c;
    }
    if (cell || row.length) { row.push(cell); rows.push(row); }
    var head = rows.shift() || [];
    return rows.filter(function (r) { return r.length > 1 || r[0]; }).map(function (r) {
      var o = {};
      head.forEach(function (h, k) { o[h] = r[k] === undefined ? "" : r[k]; });
      return o;
    });
  }

  /** Change points of a vintages CSV: {period, value, first, last, status}, by period then release. */
  function points(rows) {
    return rows.map(function (r) {
      return { period: r.period, value: +r.value, first: r.first_release, last: r.last_release, status: r.status };
    }).sort(function (a, b) { return a.period < b.period ? -1 : a.period > b.period ? 1 : a.first < b.first ? -1 : a.first > b.first ? 1 : 0; });
  }
  /** The releases a series' values changed in (each draws a vintage), oldest first. */
  function releases(pts) {
    var seen = {};
    pts.forEach(function (p) { seen[p.first] = true; });
    return Object.keys(seen).sort();
  }
  /** period -> point: each period as known at release ``r`` (``first <= r``, ``last`` "" or
      ``>= r``), or its newest value without ``r``. */
  function asOf(pts, r) {
    var out = {};
    pts.forEach(function (p) {
      if (r ? p.first <= r && (!p.last || p.last >= r) : !p.last) out[p.period] = p;
    });
    return out;
  }

  // ---- transforms: each output period from the input periods it needs; one missing, no value

  var NAMES = {
    level: "Level", change: "Change from the previous period", pct: "Percent change from the previous period",
    yoy: "Percent change from a year earlier", ma3: "Three-month moving average", quarter: "Quarterly totals",
    year: "Annual totals", ytd: "Year to date"
  };
  var PERIOD_TYPE = { monthly: "month", quarterly: "quarter", annual: "year" };

  /** A unit whose periods add up (dollars, barrels), not a price or a rate ("per"). */
  function summable(unit) { return !/\bper\b/.test(unit); }

  /** The transforms a series can show: the page's own, and sums of a flow's months or quarters. */
  function transforms(freq, unit) {
    var out = ["level", "change", "pct", "yoy"];
    if (freq === "monthly") out.push("ma3");
    if (summable(unit) && freq === "monthly") out.push("quarter");
    if (summable(unit) && freq !== "annual") out.push("year", "ytd");
    return out;
  }

  /** The periods of a year (months or quarters) up to ``p`` or all of them, of ``p``'s frequency. */
  function within(year, freq, last) {
    var out = [], n = core.PER_YEAR[freq], k;
    for (k = 1; k <= (last || n); k++) out.push(freq === "monthly" ? year + "-" + (k < 10 ? "0" : "") + k : year + "-Q" + k);
    return out;
  }

  /** The output period an input period ``p`` belongs to under ``t`` (quarter, year: its total). */
  function outputOf(p, t) {
    var f = frequency(p);
    if (t === "quarter" && f === "monthly") return p.slice(0, 4) + "-Q" + Math.ceil(+p.slice(5, 7) / 3);
    if (t === "year") return p.slice(0, 4);
    return p;
  }
  /** The input periods output period ``q`` needs under ``t``. */
  function inputs(q, t, freq) {
    var y = q.slice(0, 4), perYear = core.PER_YEAR[freq];
    switch (t) {
      case "change": case "pct": return [q, shift(q, -1)];
      case "yoy": return [q, shift(q, -perYear)];
      case "ma3": return [q, shift(q, -1), shift(q, -2)];
      case "quarter": return frequency(q) === "quarterly" && freq === "monthly"
        ? [0, 1, 2].map(function (k) { return shift(y + "-" + ("0" + ((+q.charAt(6) - 1) * 3 + 1)).slice(-2), k); }) : [q];
      case "year": return freq === "annual" ? [q] : within(y, freq);
      case "ytd": return within(y, freq, freq === "monthly" ? +q.slice(5, 7) : +q.charAt(6));
      default: return [q];
    }
  }
  function round(v, d) { var k = Math.pow(10, d); return Math.round(v * k) / k; }

  /** One line transformed: [{period, value, inputs}] in period order, only where every input
      period is present (and a ratio's base is not zero). Sums and changes keep the inputs'
      precision; ratios and averages are rounded to six decimals. */
  function transform(values, freq, t) {
    var seen = {}, out = [], d = core.decimals(Object.keys(values).map(function (p) { return values[p]; }));
    var dmax = Math.max.apply(null, [0].concat(Object.keys(values).map(function (p) { return core.places(values[p]); })));
    Object.keys(values).sort().forEach(function (p) {
      var q = outputOf(p, t);
      if (seen[q]) return;
      seen[q] = true;
      var need = inputs(q, t, freq), v = need.map(function (n) { return values[n]; });
      if (v.some(function (x) { return x === undefined || x === null || Number.isNaN(x); })) return;
      var y;
      if (t === "change") y = round(v[0] - v[1], dmax);
      else if (t === "pct" || t === "yoy") { if (v[1] === 0) return; y = round(100 * (v[0] / v[1] - 1), 6); }
      else if (t === "ma3") y = round((v[0] + v[1] + v[2]) / 3, 6);
      else if (t === "quarter" || t === "year" || t === "ytd") y = round(v.reduce(function (a, b) { return a + b; }, 0), dmax);
      else y = v[0];
      out.push({ period: q, value: y, inputs: need });
    });
    out.sort(function (a, b) { return core.monthIndex(a.period) - core.monthIndex(b.period); });
    out.decimals = t === "pct" || t === "yoy" ? 1 : d;
    return out;
  }
  function unitOf(unit, t) { return t === "pct" || t === "yoy" ? "percent" : t === "change" ? unit + ", change" : unit; }
  function periodType(p, t) {
    if (t === "ytd") return "year_to_date";
    if (t === "ma3") return "three_month_average";
    return PERIOD_TYPE[frequency(p)];
  }

  /** The first and the last month an axis period covers, as month indexes. */
  function months(p) {
    var f = frequency(p), y = +p.slice(0, 4) * 12;
    var start = f === "annual" ? y : f === "quarterly" ? y + (+p.charAt(6) - 1) * 3 : y + (+p.slice(5, 7)) - 1;
    return [start, start + core.span(p) - 1];
  }
  /** Whether period ``p`` lies in the range ``from`` .. ``to`` (either may be empty). */
  function inRange(p, from, to) {
    var m = months(p);
    return (!from || m[0] >= months(from)[0]) && (!to || m[1] <= months(to)[1]);
  }

  // ---- the line chart's layout (site/render/linechart.py, the same numbers)

  var SIZES = { wide: [720, 300], narrow: [340, 240] }, CHAR = 6.6, DOTS_BELOW = 40, TOLERANCE = 0.25;

  function niceStep(span, count) {
    if (span <= 0) return 1;
    var raw = span / Math.max(count, 1), step = Math.pow(10, Math.floor(Math.log10(raw)));
    var m = [1, 2, 5, 10].filter(function (k) { return step * k >= raw * (1 - 1e-12); })[0];
    return step * (m || 10);
  }
  /** Round values from at or below ``lo`` to at or above ``hi``. */
  function ticks(lo, hi, count) {
    if (lo === hi) {
      if (lo === 0) { lo = -1; hi = 1; } else { lo -= Math.abs(lo) * 0.1; hi += Math.abs(hi) * 0.1; }
    }
    var step = niceStep(hi - lo, count), out = [], i;
    for (i = Math.floor(lo / step + 1e-9); i <= Math.ceil(hi / step - 1e-9); i++) out.push(Math.round(i * step * 1e10) / 1e10);
    return out;
  }
  /** An axis label: as many decimals as the step needs. */
  function tickLabel(v, step) {
    return fmt(v, step < 1 ? Math.max(0, -Math.floor(Math.log10(step) + 1e-9)) : 0);
  }
  /** A coordinate to a tenth, as Python's f"{v:.1f}" (an exact tie to the even tenth). */
  function f1(v) {
    var r;
    if (Number.isInteger(v * 4) && !Number.isInteger(v * 2)) {
      const n = Math.floor(v * 10);
      r = (n % 2 === 0 ? n : n + 1) / 10;
    } else r = Number(v.toFixed(1));
    return String(r === 0 ? 0 : r);
  }

  /** Ramer-Douglas-Peucker within a quarter pixel (site/render/svg_lean.simplify). */
  function simplify(pts) {
    if (pts.length < 3) return pts;
    var keep = pts.map(function () { return false; }), stack = [[0, pts.length - 1]];
    keep[0] = keep[pts.length - 1] = true;
    while (stack.length) {
      const ab = stack.pop(), a = ab[0], b = ab[1], x1 = pts[a][0], y1 = pts[a][1];
      let dx = pts[b][0] - x1, dy = pts[b][1] - y1, norm = Math.hypot(dx, dy) || 1, far = 0, at = -1;
      for (let i = a + 1; i < b; i++) {
        const d = Math.abs(dy * (pts[i][0] - x1) - dx * (pts[i][1] - y1)) / norm;
        if (d > far) { far = d; at = i; }
      }
      if (at >= 0 && far > TOLERANCE) { keep[at] = true; stack.push([a, at], [at, b]); }
    }
    return pts.filter(function (_p, i) { return keep[i]; });
  }

  /** Runs of consecutive periods: a period more than one step after the one before starts a
      new run (a gap on the chart, never a line across it). */
  function runs(pts) {
    var out = [], run = [], last = null;
    pts.forEach(function (p) {
      var x = core.monthIndex(p.period);
      if (last !== null && x - last > core.span(p.period) + 1e-9) { out.push(run); run = []; }
      run.push(p);
      last = x;
    });
    if (run.length) out.push(run);
    return out;
  }

  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

  /** Ticks of the time axis (months counted from year 0) and their labels: years, or for a span
      under two years months ("Mar 2025"), as many as fit (site/render/linechart.py x_ticks). */
  function xTicks(x0, x1, width, size) {
    var out = [];
    if (x1 - x0 >= 24) {
      const room = Math.max(1, Math.floor(width / (size === "wide" ? 38 : 34)));
      const first = Math.floor(x0 / 12), last = Math.floor(x1 / 12) + 1, count = last - first + 1;
      const step = [1, 2, 5, 10, 20, 25, 50, 100].filter(function (s) { return count / s <= room; })[0] || 100;
      for (let year = first; year <= last; year++) {
        if (!(year % step) && year * 12 >= x0 && year * 12 <= x1) out.push([year * 12, String(year)]);
      }
      return out;
    }
    var mroom = Math.max(1, Math.floor(width / (size === "wide" ? 70 : 64)));
    var m0 = Math.ceil(x0), m1 = Math.floor(x1), n = m1 - m0 + 1;
    var mstep = [1, 2, 3, 6, 12].filter(function (s) { return n / s <= mroom; })[0] || 12;
    for (let m = m0; m <= m1; m++) {
      if (!(m % mstep)) out.push([m, MONTHS[((m % 12) + 12) % 12] + " " + Math.floor(m / 12)]);
    }
    return out;
  }

  /** Everything a layout of the chart draws: ticks, labels, and each line's path data and dots,
      in the SVG's coordinates; ``x``, ``y`` map a month index and a value there. */
  function layout(lines, size) {
    var wh = SIZES[size], width = wh[0], height = wh[1], values = [], xs = [], steps = [];
    lines.forEach(function (l) {
      l.points.forEach(function (p) { values.push(p.value); xs.push(core.monthIndex(p.period)); steps.push(core.span(p.period)); });
    });
    if (!values.length) return null;
    var yt = ticks(Math.min.apply(null, values), Math.max.apply(null, values), size === "wide" ? 5 : 4);
    var ystep = yt.length > 1 ? yt[1] - yt[0] : 1, ylabels = yt.map(function (t) { return tickLabel(t, ystep); });
    var left = 8 + CHAR * Math.max.apply(null, ylabels.map(function (t) { return t.length; }));
    var top = 8, right = 12, bottom = 22, pw = width - left - right, ph = height - top - bottom;
    var x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs), y0 = yt[0], y1 = yt[yt.length - 1];
    if (x0 === x1) { x0 -= Math.min.apply(null, steps); x1 += Math.min.apply(null, steps); }
    function x(v) { return left + (v - x0) / (x1 - x0) * pw; }
    function y(v) { return top + (y1 - v) / (y1 - y0) * ph; }
    var out = { width: width, height: height, left: left, top: top, pw: pw, ph: ph, x: x, y: y, grid: [], text: [], lines: [] };
    yt.forEach(function (t, k) {
      out.grid.push("M" + f1(left) + "," + f1(y(t)) + "H" + f1(left + pw));
      out.text.push({ x: f1(left - 6), y: f1(y(t)), dy: "0.32em", anchor: "end", text: ylabels[k] });
    });
    xTicks(x0, x1, pw, size).forEach(function (t) {
      var half = t[1].length * CHAR / 2;  // a label at either end stays inside the chart
      var tx = Math.min(Math.max(x(t[0]), left + half), left + pw + right - half - 1);
      out.text.push({ x: f1(tx), y: f1(top + ph + 16), anchor: "middle", text: t[1] });
      out.grid.push("M" + f1(x(t[0])) + "," + f1(top + ph) + "v4");
    });
    if (y0 < 0 && 0 < y1) out.zero = "M" + f1(left) + "," + f1(y(0)) + "H" + f1(left + pw);
    lines.forEach(function (l) {
      var sparse = l.points.length <= DOTS_BELOW, d = [], dots = [];
      runs(l.points).forEach(function (run) {
        var xy = run.map(function (p) { return [x(core.monthIndex(p.period)), y(p.value)]; });
        if (sparse || xy.length === 1) dots = dots.concat(xy);
        if (xy.length > 1) d.push("M" + simplify(xy).map(function (q) { return f1(q[0]) + "," + f1(q[1]); }).join("L"));
      });
      out.lines.push({ line: l, d: d.join(""), dots: dots });
    });
    return out;
  }

  /** The series a query names: its id or title (any case), else the title holding every word of
      it, monthly before quarterly before annual, the shortest first. */
  function match(list, q) {
    var s = q.trim().toLowerCase();
    if (!s) return null;
    var exact = list.filter(function (e) { return e.id === s || e.title.toLowerCase() === s; })[0];
    if (exact) return exact;
    var want = s.split(/[\s,]+/).filter(Boolean);
    var hits = list.filter(function (e) {
      var t = (e.title + " " + e.id).toLowerCase();
      return want.every(function (w) { return t.indexOf(w) >= 0; });
    });
    var rank = function (e) { return / monthly$/.test(e.title) ? 0 : / quarterly$/.test(e.title) ? 1 : 2; };
    hits.sort(function (a, b) { return rank(a) - rank(b) || a.title.length - b.title.length; });
    return hits[0] || null;
  }
  // ---- everything below runs in the browser only

  var api = {
    parseCsv: parseCsv, points: points, releases: releases, asOf: asOf, NAMES: NAMES, summable: summable,
    transforms: transforms, inputs: inputs, transform: transform, unitOf: unitOf, periodType: periodType,
    inRange: inRange, match: match, ticks: ticks, tickLabel: tickLabel, simplify: simplify, runs: runs, layout: layout
  };
  if (typeof module === "object" && module.exports) {
    module.exports = api;
    return;
  }

  var SVG = "http://www.w3.org/2000/svg";
  /** The theme's concepts in the order a chart of several series takes them. */
  var CONCEPTS = ["exports", "imports", "balance", "goods", "services", "positive", "negative"];

  function el(tag, attrs, text, ns) {
    var e = ns ? document.createElementNS(SVG, tag) : document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { if (attrs[k] !== undefined && attrs[k] !== null) e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function svgEl(tag, attrs, text) { return el(tag, attrs, text, true); }

  /** One layout as an <svg> element (site/render/linechart.py's markup). */
  function draw(lines, size, label) {
    var L = layout(lines, size);
    if (!L) return null;
    var svg = svgEl("svg", { "class": "ts-lc", viewBox: "0 0 " + L.width + " " + L.height, width: L.width, height: L.height,
      role: "img", "aria-label": label, "font-size": 12 });
    svg.appendChild(svgEl("path", { "class": "ts-lc-grid", d: L.grid.join("") }));
    if (L.zero) svg.appendChild(svgEl("path", { "class": "ts-lc-zero", d: L.zero }));
    var axis = svg.appendChild(svgEl("g", { "class": "ts-lc-axis" }));
    L.text.forEach(function (t) { axis.appendChild(svgEl("text", { x: t.x, y: t.y, dy: t.dy, "text-anchor": t.anchor }, t.text)); });
    L.lines.forEach(function (s) {
      var l = s.line, g = svgEl("g", { "class": "ts-lc-line" + (l.muted ? " ts-lc-muted ts-lc-faint" : "") + (l.dashed ? " ts-lc-dashed" : ""),
        style: "--c:var(--ts-chart-" + (l.muted ? "muted" : l.concept) + ")", "data-name": l.name });
      if (s.d) g.appendChild(svgEl("path", { d: s.d }));
      s.dots.forEach(function (q) { g.appendChild(svgEl("circle", { cx: f1(q[0]), cy: f1(q[1]), r: 2.5 })); });
      svg.appendChild(g);
    });
    svg.tsLayout = L;
    return svg;
  }

  /** Draw each hidden layout of a box that has become the one shown (a resize, a rotation). */
  function drawShown(box) {
    box.querySelectorAll(".ts-chart-view").forEach(function (view) {
      if (view.tsDraw && view.getClientRects().length) view.tsDraw();
    });
  }

  /** Draw ``lines`` into a chart box: the layout CSS shows now (wide or narrow), the other one
      when it is shown (half the work, and half the nodes, of drawing both at once). */
  function render(box, lines, label) {
    box.querySelectorAll(".ts-chart-empty").forEach(function (p) { p.remove(); });
    var views = box.querySelectorAll(".ts-chart-view");
    if (!views.length) {
      ["wide", "narrow"].forEach(function (size) { box.appendChild(el("div", { "class": "ts-chart-view ts-" + size })); });
      views = box.querySelectorAll(".ts-chart-view");
    }
    views.forEach(function (view) {
      var size = view.classList.contains("ts-narrow") ? "narrow" : "wide";
      view.textContent = "";
      view.tsDraw = function () {
        var svg = draw(lines, size, label);
        view.tsDraw = null;
        if (svg) view.appendChild(svg);
      };
    });
    if (typeof ResizeObserver !== "function") views.forEach(function (view) { view.tsDraw(); });
    drawShown(box);
    if (!box.tsResize && typeof ResizeObserver === "function") {
      box.tsResize = new ResizeObserver(function () { drawShown(box); });
      box.tsResize.observe(box);
    }
    if (!lines.some(function (l) { return l.points.length; })) {
      box.appendChild(el("p", { "class": "ts-chart-empty" }, "No value to draw here: choose another range or view."));
    }
    if (box.tsTip) box.tsTip.hide();
    box.tsLines = lines;
    box.classList.add("ts-drawn");
    box.setAttribute("data-rows", String(lines.reduce(function (n, l) { return n + l.points.length; }, 0)));
  }

  // ---- the tooltip: hover, keyboard (arrows, Home, End) and touch

  /** The SVG CSS shows (a hidden layout has no boxes). */
  function shownSvg(box) {
    var all = box.querySelectorAll(".ts-chart-view svg");
    for (let i = 0; i < all.length; i++) if (all[i].getClientRects().length) return all[i];
    return null;
  }

  /** Every month index a line has a value at, in order, with each line's point there. */
  function stops(lines) {
    var at = {};
    lines.forEach(function (l, k) {
      l.points.forEach(function (p) {
        var x = core.monthIndex(p.period);
        if (!at[x]) at[x] = { x: x, period: p.period, hits: [] };
        at[x].hits.push({ line: l, k: k, point: p });
      });
    });
    return Object.keys(at).map(function (x) { return at[x]; }).sort(function (a, b) { return a.x - b.x; });
  }

  function tooltip(box, describe) {
    if (box.tsTip) return box.tsTip;
    var tip = el("div", { "class": "ts-tip", role: "status", "aria-live": "polite" });
    tip.hidden = true;
    box.appendChild(tip);
    if (!box.hasAttribute("tabindex")) box.setAttribute("tabindex", "0");
    box.setAttribute("role", "group");
    box.setAttribute("aria-roledescription", "chart");
    var state = { i: -1, list: [] };

    function show(i) {
      var svg = shownSvg(box), L = svg?.tsLayout;
      state.list = stops(box.tsLines || []);
      if (!L || !state.list.length) return hide();
      i = Math.max(0, Math.min(state.list.length - 1, i));
      state.i = i;
      var s = state.list[i], old = svg.querySelector(".ts-lc-focus");
      if (old) old.remove();
      var g = svgEl("g", { "class": "ts-lc-focus" }), cx = L.x(s.x);
      g.appendChild(svgEl("path", { d: "M" + f1(cx) + "," + f1(L.top) + "v" + f1(L.ph) }));
      s.hits.forEach(function (h) {
        if (h.line.muted) return;
        g.appendChild(svgEl("circle", { cx: f1(cx), cy: f1(L.y(h.point.value)), r: 4,
          style: "--c:var(--ts-chart-" + h.line.concept + ")" }));
      });
      svg.appendChild(g);
      tip.textContent = "";
      describe(tip, s);
      tip.hidden = false;
      var rect = svg.getBoundingClientRect(), host = box.getBoundingClientRect(), scale = rect.width / L.width;
      var left = rect.left - host.left + cx * scale, w = tip.offsetWidth;
      if (L.width < SIZES.wide[0]) {  // a phone: under the plot, the lines in view
        tip.style.left = Math.max(0, Math.min(host.width - w, left - w / 2)) + "px";
        tip.style.top = rect.bottom - host.top + 4 + "px";
        return;
      }
      tip.style.left = Math.max(0, Math.min(host.width - w, left + 12 > host.width - w ? left - w - 12 : left + 12)) + "px";
      tip.style.top = Math.max(0, rect.top - host.top + L.top * scale) + "px";
    }
    function hide() {
      tip.hidden = true;
      state.i = -1;
      box.querySelectorAll(".ts-lc-focus").forEach(function (g) { g.remove(); });
    }
    function at(event) {
      var svg = shownSvg(box), L = svg?.tsLayout;
      if (!L) return;
      var rect = svg.getBoundingClientRect(), vx = (event.clientX - rect.left) * L.width / rect.width;
      var list = stops(box.tsLines || []), best = -1, dist = Infinity;
      list.forEach(function (s, k) { var d = Math.abs(L.x(s.x) - vx); if (d < dist) { dist = d; best = k; } });
      if (best >= 0) show(best);
    }
    box.addEventListener("pointermove", function (e) { if (e.pointerType === "mouse") at(e); });
    box.addEventListener("pointerdown", function (e) { if (e.pointerType !== "mouse") at(e); });
    box.addEventListener("click", at);
    box.addEventListener("pointerleave", function (e) { if (e.pointerType === "mouse" && document.activeElement !== box) hide(); });
    box.addEventListener("focus", function () { show(state.i >= 0 ? state.i : stops(box.tsLines || []).length - 1); });
    box.addEventListener("blur", hide);
    box.addEventListener("keydown", function (e) {
      var moves = { ArrowLeft: -1, ArrowRight: 1, ArrowDown: -1, ArrowUp: 1, PageDown: -12, PageUp: 12 };
      if (e.key === "Escape") return hide();
      if (e.key === "Home") show(0);
      else if (e.key === "End") show(Infinity);
      else if (moves[e.key]) show((state.i < 0 ? stops(box.tsLines || []).length - 1 : state.i) + moves[e.key]);
      else return;
      e.preventDefault();
    });
    box.tsTip = { show: show, hide: hide, at: at, state: state };
    return box.tsTip;
  }

  /** The reader's first reach woke the chart: answer it (a hover, a tap or a focus on it). */
  function wakeTip(chart, tip, event) {
    if (document.activeElement === chart) tip.show(Infinity);
    else if (event && event.type !== "focusin" && chart.contains(event.target)) tip.at(event.touches ? event.touches[0] : event);
  }

  function swatch(line) {
    return el("span", { "class": "ts-swatch" + (line.muted ? " ts-swatch-muted" : "") + (line.dashed ? " ts-swatch-dashed" : ""),
      style: "--c:var(--ts-chart-" + (line.muted ? "muted" : line.concept) + ")", "aria-hidden": "true" });
  }
  function tipLine(tip, parts, line) {
    var p = tip.appendChild(el("p"));
    if (line) p.appendChild(swatch(line));
    parts.forEach(function (t, k) { p.appendChild(k === 1 ? el("strong", {}, t) : document.createTextNode(t)); });
  }
  /** A range of releases: "March 2025 release", "March 2025 to November 2025 releases". */
  function releaseRange(ids) {
    if (ids.length === 1) return core.release(ids[0]);
    return words(ids[0]) + " to " + words(ids[ids.length - 1]) + " releases";
  }

  // ---- downloads: exactly what is drawn

  function save(name, blob) {
    var a = el("a", { href: URL.createObjectURL(blob), download: name });
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }
  function csvCell(v) {
    var s = v === null || v === undefined ? "" : String(v);
    return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }
  function toCsv(rows, columns) {
    return columns.join(",") + "\n" + rows.map(function (r) {
      return columns.map(function (c) { return csvCell(r[c]); }).join(",");
    }).join("\n") + "\n";
  }
  var PAINT = ["fill", "stroke", "stroke-width", "stroke-dasharray", "opacity", "font-family", "font-size"];
  /** The chart shown, standalone: colours resolved, a legend below it. */
  function standalone(box, legend) {
    var svg = shownSvg(box);
    if (!svg) return null;
    var copy = svg.cloneNode(true), from = svg.querySelectorAll("*"), to = copy.querySelectorAll("*");
    copy.querySelectorAll(".ts-lc-focus").forEach(function (g) { g.remove(); });
    to = copy.querySelectorAll("*");
    from = Array.prototype.filter.call(from, function (e) { return !e.closest(".ts-lc-focus"); });
    from.forEach(function (e, i) {
      var cs = getComputedStyle(e), style = PAINT.map(function (k) { return k + ":" + cs.getPropertyValue(k); }).join(";");
      to[i].setAttribute("style", style);
    });
    var L = svg.tsLayout, h = L.height, ink = getComputedStyle(svg.querySelector("text") || svg).fill;
    copy.setAttribute("style", "font-family:" + getComputedStyle(svg).fontFamily);
    legend.forEach(function (item) {
      var g = copy.appendChild(svgEl("g", { transform: "translate(" + f1(L.left) + "," + (h + 10) + ")" }));
      var probe = box.querySelector('.ts-lc-line[data-name="' + CSS.escape(item.line.name) + '"] path, .ts-lc-line[data-name="' + CSS.escape(item.line.name) + '"] circle');
      var cs = probe ? getComputedStyle(probe) : null, colour = cs ? (probe.tagName === "circle" ? cs.fill : cs.stroke) : ink;
      g.appendChild(svgEl("path", { d: "M0,0h18", style: "stroke:" + colour + ";stroke-width:2;fill:none" + (item.line.dashed ? ";stroke-dasharray:5 3" : "") }));
      g.appendChild(svgEl("text", { x: 24, dy: "0.32em", style: "fill:" + ink + ";font-size:12px" }, item.text));
      h += 18;
    });
    h += legend.length ? 8 : 0;
    copy.setAttribute("viewBox", "0 0 " + L.width + " " + h);
    copy.setAttribute("height", h);
    copy.setAttribute("xmlns", SVG);
    return { text: new XMLSerializer().serializeToString(copy), width: L.width, height: h };
  }
  function png(shot, name) {
    var img = new Image(), url = URL.createObjectURL(new Blob([shot.text], { type: "image/svg+xml" }));
    img.onload = function () {
      var c = document.createElement("canvas"), k = 2, ctx;
      c.width = shot.width * k; c.height = shot.height * k;
      ctx = c.getContext("2d");
      ctx.fillStyle = getComputedStyle(document.body).backgroundColor || "#fff";
      ctx.fillRect(0, 0, c.width, c.height);
      ctx.drawImage(img, 0, 0, c.width, c.height);
      URL.revokeObjectURL(url);
      c.toBlob(function (blob) { save(name + ".png", blob); }, "image/png");
    };
    img.src = url;
  }
  function wireDownloads(scope, box, what) {
    scope.querySelectorAll("[data-download]").forEach(function (b) {
      b.addEventListener("click", function () {
        var kind = b.getAttribute("data-download"), w = what();
        if (kind === "csv") return save(w.name + ".csv", new Blob([toCsv(w.rows, w.columns)], { type: "text/csv" }));
        if (kind === "json") return save(w.name + ".json", new Blob([JSON.stringify(Object.assign({}, w.meta, { rows: w.rows }), null, 1)], { type: "application/json" }));
        var shot = standalone(box, w.legend);
        if (!shot) return;
        if (kind === "svg") save(w.name + ".svg", new Blob([shot.text], { type: "image/svg+xml" }));
        else png(shot, w.name);
      });
    });
  }

  function option(select, value, text) { select.appendChild(el("option", { value: value }, text)); }
  function replaceUrl(search) { history.replaceState(history.state, "", location.pathname + search + location.hash); }
  function getText(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error(url + ": HTTP " + r.status);
      return r.text();
    });
  }

  /** Rows of a transformed line for the downloads and the chart (within the range). */
  function lineRows(tr, pts, t, unit, asOfRelease, from, to) {
    return tr.filter(function (o) { return inRange(o.period, from, to); }).map(function (o) {
      var used = o.inputs.map(function (n) { return pts[n]; });
      var newest = used.reduce(function (a, p) { return p.first > a ? p.first : a; }, "");
      return { period: o.period, period_type: periodType(o.period, t), value: o.value, unit: unitOf(unit, t),
        release: asOfRelease || newest, status: used.some(function (p) { return p.status === "revised"; }) ? "revised" : "unrevised" };
    });
  }

  // ---- a series page

  function seriesPage(box, event) {
    var form = box.querySelector("form.ts-controls"), chart = box.querySelector(".ts-explorer-chart");
    var freq = box.getAttribute("data-frequency"), unit = box.getAttribute("data-unit"), flow = box.getAttribute("data-flow");
    var concept = CONCEPTS.indexOf(flow) >= 0 ? flow : "balance", title = headingText(document.querySelector("h1"));
    var sel = form.elements, allowed = transforms(freq, unit), defaults = { t: "level", from: "", to: "", v: "" };
    allowed.forEach(function (t) { if (!sel.t.querySelector('option[value="' + t + '"]')) option(sel.t, t, NAMES[t]); });
    var legend = el("div", { "class": "ts-legend", hidden: "" });
    chart.parentNode.insertBefore(legend, chart.nextSibling);
    var shown = { lines: [], rows: [], legend: [] }, pts, periods, rels;

    function view() {
      return { t: sel.t.value, from: sel.from.value === periods[0] ? "" : sel.from.value,
        to: sel.to.value === periods[periods.length - 1] ? "" : sel.to.value, v: sel.v.checked ? "1" : "" };
    }
    function update(write) {
      var st = view(), lines = [], rows = [], items = [];
      if (write) replaceUrl(core.writeState(location.search, st, defaults));
      (st.v ? rels : [""]).forEach(function (r) {
        var known = asOf(pts, r), tr = transform(valuesOf(known), freq, st.t), lr = lineRows(tr, known, st.t, unit, r, st.from, st.to);
        if (r && !lr.length) return;  // a vintage with nothing in the range
        lines.push({ name: r ? core.release(r) : title, concept: concept, release: r, decimals: tr.decimals,
          points: lr.map(function (o) { return { period: o.period, value: o.value, row: o }; }) });
        rows = rows.concat(lr);
      });
      lines.forEach(function (line, k) {  // every vintage: the first and the latest in colour, the others grey
        var end = k === 0 || k === lines.length - 1;
        line.muted = !end;
        line.dashed = st.v && k === 0 && lines.length > 1;
        if (st.v && end) items.push({ line: line, text: line.name + (k === lines.length - 1 ? " (latest)" : " (earliest)") });
      });
      // the muted vintages under the first and the latest
      lines = lines.filter(function (l) { return l.muted; }).concat(lines.filter(function (l) { return !l.muted; }));
      shown = { lines: lines, rows: rows, legend: items, t: st.t };
      var drawnPeriods = rows.map(function (o) { return o.period; }).sort(function (a, b) { return core.monthIndex(a) - core.monthIndex(b); });
      var label = title + ": " + NAMES[st.t].toLowerCase() + (st.v ? ", as each of " + lines.length + " releases published it" : "") +
        (drawnPeriods.length ? ", " + words(drawnPeriods[0], st.t === "ytd") + " to " + words(drawnPeriods[drawnPeriods.length - 1], st.t === "ytd") : "");
      render(chart, lines, label);
      legend.textContent = "";
      legend.hidden = !st.v;
      if (st.v) {
        const ul = legend.appendChild(el("ul"));
        items.forEach(function (it) { var li = ul.appendChild(el("li")); li.appendChild(swatch(it.line)); li.appendChild(document.createTextNode(it.text)); });
        const middle = lines.filter(function (l) { return l.muted; });
        if (middle.length) {
          const li = ul.appendChild(el("li", { "class": "ts-legend-others" }));
          li.appendChild(swatch(middle[0]));
          li.appendChild(document.createTextNode(middle.length + " release" + (middle.length > 1 ? "s" : "") + " between, in grey: " +
            middle.map(function (l) { return words(l.release); }).join(", ")));
        }
      }
    }
    function describe(tip, s) {
      var t = shown.t, ytd = t === "ytd", unitText = unitOf(unit, t);
      tipLine(tip, [t === "ma3" ? "Three months ending " + words(s.period) : words(s.period, ytd)]);
      if (!sel.v.checked) {
        const h = s.hits[0], row = h.point.row;
        tipLine(tip, ["", fmt(h.point.value, h.line.decimals), " " + unitText], h.line);
        tipLine(tip, [core.release(row.release) + (row.status === "revised" ? " (revised)" : "")]);
        return;
      }
      var groups = [];  // releases with the same value, in release order
      s.hits.slice().sort(function (a, b) { return a.line.release < b.line.release ? -1 : 1; }).forEach(function (h) {
        var g = groups[groups.length - 1];
        if (g && g.value === h.point.value) g.ids.push(h.line.release); else groups.push({ value: h.point.value, ids: [h.line.release], line: h.line });
      });
      groups.forEach(function (g) { tipLine(tip, ["", fmt(g.value, g.line.decimals), " \u00b7 " + releaseRange(g.ids)]); });
      tip.appendChild(el("p", { "class": "ts-tip-unit" }, unitText));
    }

    return getText(box.getAttribute("data-vintages")).then(function (text) {
      pts = points(parseCsv(text));
      rels = releases(pts);
      periods = Object.keys(asOf(pts, "")).sort();
      if (!periods.length) return;
      ["from", "to"].forEach(function (n) { periods.forEach(function (p) { option(sel[n], p, words(p)); }); });
      var changed = event && event.type === "change", st = core.readState(location.search, defaults);
      if (changed) st = { t: sel.t.value, from: "", to: "", v: sel.v.checked ? "1" : "" };  // the reader's choice, before this ran
      sel.t.value = allowed.indexOf(st.t) >= 0 ? st.t : "level";
      sel.from.value = periods.indexOf(st.from) >= 0 ? st.from : periods[0];
      sel.to.value = periods.indexOf(st.to) >= 0 ? st.to : periods[periods.length - 1];
      sel.v.checked = st.v === "1";
      form.addEventListener("change", function () { update(true); });
      form.addEventListener("submit", function (e) { e.preventDefault(); });
      update(changed);
      var tip = tooltip(chart, describe);
      wireDownloads(box, chart, function () {
        var v = view();
        return { name: box.getAttribute("data-series") + (v.t === "level" ? "" : "-" + v.t) + (v.v ? "-vintages" : ""),
          rows: shown.rows, columns: ["period", "period_type", "value", "unit", "release", "status"], legend: shown.legend,
          meta: { series: box.getAttribute("data-series"), title: title, view: NAMES[v.t], from: sel.from.value, to: sel.to.value,
            vintages: !!v.v, release: v.v ? "the release each line is as of" : "the newest release whose figures the value is computed from" } };
      });
      wakeTip(chart, tip, event);
    }).catch(function (err) {
      box.setAttribute("data-error", err.message);
      var p = el("p", { "class": "ts-chart-error", role: "alert" }, "The chart's data could not be loaded (" + err.message + "); the chart above shows the newest values.");
      chart.parentNode.insertBefore(p, chart.nextSibling);
    });
  }
  function valuesOf(known) {
    var out = {};
    Object.keys(known).forEach(function (p) { out[p] = known[p].value; });
    return out;
  }

  // ---- compare: several series on one chart

  function comparePage(box, event) {
    var form = box.querySelector("form.ts-controls"), sel = form.elements, list = box.querySelector(".ts-compare-list");
    var chart = box.querySelector(".ts-explorer-chart"), apiBase = new URL(box.getAttribute("data-api"), location.href);
    var defaults = { s: "", t: "level", from: "", to: "" }, st = core.readState(location.search, defaults);
    var chosen = st.s.split(",").filter(Boolean), cache = {}, catalogue = null, shown = { rows: [], legend: [], lines: [] };
    var status = el("p", { "class": "ts-compare-status", role: "status" });
    form.parentNode.insertBefore(status, form.nextSibling);
    chart.removeAttribute("aria-label");
    ["level", "change", "pct", "yoy", "ma3", "quarter", "year", "ytd"].forEach(function (t) {
      if (!sel.t.querySelector('option[value="' + t + '"]')) option(sel.t, t, NAMES[t]);
    });
    var changed = event && event.type === "change";  // the reader's choice, before this ran
    if (!changed) {
      sel.t.value = NAMES[st.t] ? st.t : "level";
      sel.from.value = /^\d{4}-\d\d$/.test(st.from) ? st.from : "";
      sel.to.value = /^\d{4}-\d\d$/.test(st.to) ? st.to : "";
    }

    function series(id) {
      if (!cache[id]) {
        cache[id] = fetch(new URL("api/series/" + encodeURIComponent(id) + ".json", apiBase)).then(function (r) {
          if (!r.ok) throw new Error("no series " + id);
          return r.json();
        }).then(function (meta) {
          return getText(new URL(meta.vintages_csv, apiBase)).then(function (text) { meta.points = points(parseCsv(text)); return meta; });
        });
        cache[id].catch(function () { delete cache[id]; });
      }
      return cache[id];
    }
    function loadCatalogue() {
      if (!catalogue) {
        catalogue = fetch(new URL(box.getAttribute("data-list"), location.href)).then(function (r) { return r.json(); }).then(function (d) {
          var dl = box.querySelector("datalist"), frag = document.createDocumentFragment();
          d.series.forEach(function (s) { frag.appendChild(el("option", { value: s.title })); });
          if (dl) dl.appendChild(frag);
          return d.series;
        });
        catalogue.catch(function () { catalogue = null; });
      }
      return catalogue;
    }
    function add(q) {
      return loadCatalogue().then(function (all) {
        var hit = match(all, q);
        if (!hit) { status.textContent = "No series matches \u201c" + q + "\u201d."; return; }
        sel.q.value = "";
        if (chosen.indexOf(hit.id) >= 0) { status.textContent = hit.title + " is already on the chart."; return; }
        chosen.push(hit.id);
        status.textContent = "Added " + hit.title + ".";
        return update(true);
      });
    }
    sel.q.addEventListener("focus", loadCatalogue);
    if (document.activeElement === sel.q) loadCatalogue();  // focused before this ran: its suggestions now
    sel.q.addEventListener("keydown", function (e) {
      if (e.key === "Enter") { e.preventDefault(); if (sel.q.value.trim()) add(sel.q.value); }
    });
    sel.q.addEventListener("change", function () {
      var q = sel.q.value;
      if (!q) return;
      loadCatalogue().then(function (all) { if (all.some(function (s) { return s.title === q; })) add(q); });
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); if (sel.q.value.trim()) add(sel.q.value); });
    form.addEventListener("change", function (e) { if (e.target !== sel.q) update(true); });

    function update(write) {
      var t = sel.t.value, from = sel.from.value, to = sel.to.value;
      if (write) replaceUrl(core.writeState(location.search, { s: chosen.join(","), t: t, from: from, to: to }, defaults));
      if (!chosen.length) {
        list.textContent = "";
        chart.querySelectorAll(".ts-chart-view, .ts-chart-empty").forEach(function (e) { e.remove(); });
        if (chart.tsTip) chart.tsTip.hide();
        chart.classList.remove("ts-drawn");
        chart.tsLines = [];
        shown = { rows: [], legend: [], lines: [] };
        chart.appendChild(el("p", { "class": "ts-chart-empty" }, "Add a series above: its chart appears here."));
        return Promise.resolve();
      }
      return Promise.all(chosen.map(function (id) {
        return series(id).catch(function (err) { return { id: id, error: err.message }; });
      })).then(function (all) {
        var used = {}, lines = [], rows = [], legend = [];
        list.textContent = "";
        all.forEach(function (s) {
          var li = list.appendChild(el("li")), line = null;
          if (s.error) {
            li.appendChild(document.createTextNode(s.id + ": " + s.error));
          } else {
            const concept = used[s.flow] || CONCEPTS.indexOf(s.flow) < 0 ? CONCEPTS.filter(function (c) { return !used[c]; })[0] || "muted" : s.flow;
            used[concept] = true;
            const known = asOf(s.points, ""), tr = transform(valuesOf(known), s.frequency, t);
            const ok = transforms(s.frequency, s.unit).indexOf(t) >= 0 || (t === "quarter" && s.frequency === "quarterly" && summable(s.unit));
            const lr = ok ? lineRows(tr, known, t, s.unit, "", from, to) : [];
            lr.forEach(function (r) { r.series = s.id; });
            line = { name: s.title, concept: concept, decimals: tr.decimals, unit: unitOf(s.unit, t), release: "",
              points: lr.map(function (o) { return { period: o.period, value: o.value, row: o }; }) };
            lines.push(line);
            rows = rows.concat(lr);
            legend.push({ line: line, text: s.title });
            li.appendChild(swatch(line));
            li.appendChild(el("a", { href: new URL(s.page, apiBase).href }, s.title));
            if (!ok) li.appendChild(document.createTextNode(" (not shown: " + NAMES[t].toLowerCase() + " does not apply to it)"));
          }
          var rm = li.appendChild(el("button", { type: "button", "class": "ts-remove" }, "remove"));
          rm.setAttribute("aria-label", "Remove " + (s.title || s.id));
          rm.addEventListener("click", function () {
            chosen = chosen.filter(function (i) { return i !== s.id; });
            update(true);
          });
        });
        shown = { rows: rows, legend: legend, lines: lines, t: t };
        var label = "Compared, " + NAMES[t].toLowerCase() + ": " + lines.map(function (l) { return l.name; }).join("; ");
        render(chart, lines, label);
        tooltip(chart, describe);
        wakeTip(chart, chart.tsTip, event);
        event = null;
      });
    }
    function describe(tip, s) {
      tipLine(tip, [shown.t === "ma3" ? "Three months ending " + words(s.period) : words(s.period, shown.t === "ytd")]);
      s.hits.forEach(function (h) {
        tipLine(tip, [h.line.name + ": ", fmt(h.point.value, h.line.decimals), " " + h.line.unit], h.line);
      });
    }
    wireDownloads(box, chart, function () {
      return { name: "compare-" + sel.t.value, rows: shown.rows, legend: shown.legend,
        columns: ["series", "period", "period_type", "value", "unit", "release", "status"],
        meta: { series: chosen.slice(), view: NAMES[sel.t.value], from: sel.from.value, to: sel.to.value } };
    });
    list.textContent = "";
    chosen.forEach(function (id) { list.appendChild(el("li", {}, id)); });  // their place, before the titles come
    return update(!!changed);
  }

  core.modules.chart = function (box, event) {
    return box.classList.contains("ts-compare") ? comparePage(box, event) : seriesPage(box, event);
  };
})(typeof window === "undefined" ? globalThis : window);
