/* The series explorer in the browser: what every page of the site's root loads (issue 19).
   Small on purpose: the shared helpers (one number format, periods, the view in the URL) and a
   loader. A page that needs more fetches it from this site when a reader reaches for it (hover,
   focus or touch on a chart or a control) or at once when its URL asks for a view the page does
   not show: tradesite-explorer-chart.js (series pages, compare) and tradesite-explorer-map.js.
   Until then the page is the server's: inline SVG chart or map, tables, links. */
(function (root) {
  "use strict";

  var MINUS = "\u2212";
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"];

  // ---- numbers: thousands separators, a true minus, one precision per column or series

  /** Decimal places a figure carries as published (140.5 -> 1, 1180 -> 0), at most 6. */
  function places(v) {
    var text = String(Math.round(Math.abs(v) * 1e6) / 1e6), dot = text.indexOf(".");
    return text.indexOf("e") >= 0 ? 6 : dot < 0 ? 0 : text.length - dot - 1;
  }

  /** The coarsest precision of some figures: never more than the coarsest one has. */
  function decimals(values) {
    var d = null;
    values.forEach(function (v) { if (v !== null && v !== undefined) d = d === null ? places(v) : Math.min(d, places(v)); });
    return d === null ? 0 : d;
  }

  /** A figure as the site prints it: -73252 -> "−73,252"; half away from zero, never "−0". */
  function fmt(v, d) {
    d = d === undefined ? places(v) : d;
    var scaled = Math.round(Math.abs(v) * Math.pow(10, d) + 1e-9 * Math.pow(10, d));
    var digits = String(scaled);
    while (digits.length <= d) digits = "0" + digits;
    var whole = d ? digits.slice(0, -d) : digits, frac = d ? "." + digits.slice(-d) : "";
    whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    return (v < 0 && scaled > 0 ? MINUS : "") + whole + frac;
  }

  // ---- periods: "2025", "2025-03", "2025-Q1" (the tidy tables' text)

  function frequency(p) { return p.length === 4 ? "annual" : p.charAt(5) === "Q" ? "quarterly" : "monthly"; }
  var PER_YEAR = { monthly: 12, quarterly: 4, annual: 1 };

  /** A period counted in its own steps since year 0 (months, quarters or years). */
  function ordinal(p) {
    var f = frequency(p), y = +p.slice(0, 4);
    return f === "annual" ? y : f === "quarterly" ? y * 4 + (+p.charAt(6)) - 1 : y * 12 + (+p.slice(5, 7)) - 1;
  }
  function fromOrdinal(n, f) {
    if (f === "annual") return String(n);
    var per = PER_YEAR[f], y = Math.floor(n / per), k = n - y * per + 1;
    return f === "quarterly" ? y + "-Q" + k : y + "-" + (k < 10 ? "0" : "") + k;
  }
  function shift(p, n) { return fromOrdinal(ordinal(p) + n, frequency(p)); }

  /** A period on a time axis in months: a month its start, a quarter or a year its middle
      (site/render/linechart.py's month_index). */
  function monthIndex(p) {
    var f = frequency(p), y = +p.slice(0, 4);
    return f === "annual" ? y * 12 + 5.5 : f === "quarterly" ? y * 12 + (+p.charAt(6) - 1) * 3 + 1 : y * 12 + (+p.slice(5, 7)) - 1;
  }
  /** Months a period spans on the axis (a step between two of its neighbours). */
  function span(p) { return 12 / PER_YEAR[frequency(p)]; }

  /** "March 2025", "Q1 2025", "2025"; year to date "Jan.–Mar. 2025" (site/periods.label). */
  function words(p, ytd) {
    var f = frequency(p);
    if (f === "annual") return p;
    if (f === "quarterly") return "Q" + p.charAt(6) + " " + p.slice(0, 4);
    var m = +p.slice(5, 7);
    if (ytd) return m === 1 ? "January " + p.slice(0, 4) + " (year to date)" : "Jan.\u2013" + MONTHS[m - 1].slice(0, 3) + ". " + p.slice(0, 4);
    return MONTHS[m - 1] + " " + p.slice(0, 4);
  }
  /** A release by its month: "2025-03" -> "March 2025 release". */
  function release(id) { return id ? words(id) + " release" : ""; }

  // ---- the view in the URL (?t=yoy&from=2021-01&v=1): a reload or a shared link shows it again

  /** The state named by ``defaults`` read from a query string; unknown or absent keys take
      their default. */
  function readState(search, defaults) {
    var q = new URLSearchParams(search), out = {};
    Object.keys(defaults).forEach(function (k) { out[k] = q.has(k) ? q.get(k) : defaults[k]; });
    return out;
  }
  /** The query string holding ``state`` (a key at its default is left out; other keys kept). */
  function writeState(search, state, defaults) {
    var q = new URLSearchParams(search);
    Object.keys(state).forEach(function (k) {
      var v = state[k];
      if (v === undefined || v === null || v === "" || v === defaults[k]) q.delete(k); else q.set(k, v);
    });
    var s = q.toString().replace(/%2C/g, ",");
    return s ? "?" + s : "";
  }
  /** Whether a query string sets any of ``keys`` (a view the server's page does not show). */
  function hasAny(search, keys) {
    var q = new URLSearchParams(search);
    return keys.some(function (k) { return q.has(k); });
  }

  var api = {
    MINUS: MINUS, places: places, decimals: decimals, fmt: fmt, frequency: frequency, PER_YEAR: PER_YEAR,
    ordinal: ordinal, fromOrdinal: fromOrdinal, shift: shift, monthIndex: monthIndex, span: span,
    words: words, release: release, readState: readState, writeState: writeState, hasAny: hasAny, modules: {}
  };

  if (typeof module === "object" && module.exports) {  // node --test: the pure helpers
    module.exports = api;
    return;
  }
  root.tradesiteExplorer = api;

  // ---- the loader

  var script = document.currentScript, here = script ? script.src : location.href, loading = {};
  var FILES = { chart: "tradesite-explorer-chart.js", map: "tradesite-explorer-map.js" };

  function load(kind) {
    if (!loading[kind]) {
      loading[kind] = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = new URL(FILES[kind], here).href;
        s.onload = function () { return api.modules[kind] ? resolve(api.modules[kind]) : reject(new Error(kind)); };
        s.onerror = function () { loading[kind] = null; reject(new Error("could not load " + s.src)); };
        document.head.appendChild(s);
      });
    }
    return loading[kind];
  }

  /** Start ``kind`` on ``box`` now, or at the reader's first reach for it (a change of a
      control included: the module then takes the form's state, not the URL's). */
  function wake(box, kind, now) {
    var started = false, events = ["pointerover", "focusin", "touchstart", "change"];
    function go(event) {
      if (started) return;
      started = true;
      events.forEach(function (type) { box.removeEventListener(type, go); });
      load(kind).then(function (start) { start(box, event || null); }).catch(function (err) {
        box.setAttribute("data-error", String(err.message));
      });
    }
    if (now) go(null);
    else events.forEach(function (type) { box.addEventListener(type, go, { passive: true }); });
  }

  function start() {
    var search = location.search;
    if (new URLSearchParams(search).get("embed") === "1") document.documentElement.classList.add("ts-embedded");
    var boxes = [
      [".ts-explorer[data-vintages]", "chart", ["t", "from", "to", "v"]],
      [".ts-compare[data-list]", "chart", ["s", "t", "from", "to"]],
      [".ts-map[data-period]", "map", ["m", "f"]]
    ];
    boxes.forEach(function (b) {
      document.querySelectorAll(b[0]).forEach(function (box) {
        box.querySelectorAll(".ts-js[hidden]").forEach(function (el) { el.hidden = false; });
        wake(box, b[1], hasAny(search, b[2]));
      });
    });
  }

  // At the end of the body the boxes are parsed: show the controls before the first paint.
  if (document.readyState !== "loading" || document.querySelector(".ts-explorer, .ts-compare, .ts-map")) start();
  else document.addEventListener("DOMContentLoaded", start);
})(typeof window === "undefined" ? globalThis : window);
