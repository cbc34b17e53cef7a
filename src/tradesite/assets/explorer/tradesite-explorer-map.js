/* The map of U.S. goods trade by partner in the browser (site/versioned/explorer/geo.py draws the newest
   month's balance in the page). Loaded by tradesite-explorer.js when a reader reaches for the map
   or its URL asks for another month or flow (?m=2025-02&f=exports): recolours the same country
   shapes from map/<period>.json, rewrites the tables (countries ranked apart from areas and
   groups), and shows a country's value on a tap. Text through textContent and attributes only. */
(function (root) {
  "use strict";

  var core = typeof module === "object" && module.exports ? require("./tradesite-explorer.js") : root.tradesiteExplorer;
  var STEPS = 5, FLOWS = ["balance", "exports", "imports"];

  /** partner -> colour class: five steps of equal count (quantiles) of the values' magnitudes,
      each side of zero for a balance (geo.classes, the same bounds). */
  function classes(values, flow) {
    var names = Object.keys(values), out = {};
    var mags = names.map(function (p) { return Math.abs(values[p]); }).filter(Boolean).sort(function (a, b) { return a - b; });
    if (!mags.length) {
      names.forEach(function (p) { out[p] = "nd"; });
      return out;
    }
    var bounds = [];
    for (let k = 1; k < STEPS; k++) bounds.push(mags[Math.min(mags.length - 1, Math.floor(mags.length * k / STEPS))]);
    names.forEach(function (p) {
      var v = values[p], step = 1 + bounds.filter(function (b) { return Math.abs(v) > b; }).length;
      out[p] = flow !== "balance" ? "f" + step : v === 0 ? "z" : (v < 0 ? "n" : "p") + step;
    });
    return out;
  }

  /** The rows of one table, ranked: a balance from the largest deficit, a flow from the largest. */
  function ranked(rows, flow) {
    return rows.slice().sort(function (a, b) {
      var d = flow === "balance" ? a.value - b.value : b.value - a.value;
      return d || (a.partner < b.partner ? -1 : a.partner > b.partner ? 1 : 0);
    });
  }

  /** A month's file as rows: {partner, shape, aggregate, series, value}. */
  function rowsOf(data, flow) {
    return (data.flows[flow] || []).map(function (r) {
      return { partner: r[0], shape: r[1], aggregate: !!r[2], series: r[3], value: r[4] };
    });
  }

  var api = { classes: classes, ranked: ranked, rowsOf: rowsOf, FLOWS: FLOWS };
  if (typeof module === "object" && module.exports) {
    module.exports = api;
    return;
  }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function title(flow) { return flow.charAt(0).toUpperCase() + flow.slice(1); }

  function mapPage(box, event) {
    var form = box.querySelector("form"), sel = form.elements, svg = box.querySelector(".ts-map-svg");
    var defaults = { m: box.getAttribute("data-period"), f: box.getAttribute("data-flow") }, files = {};
    var legend = box.querySelector(".ts-map-legend"), figure = box.querySelector(".ts-map-figure");
    var tip = el("div", { "class": "ts-tip ts-map-tip", role: "status", "aria-live": "polite" });
    tip.hidden = true;
    figure.appendChild(tip);
    var shapes = {};
    svg.querySelectorAll("path[data-shape]").forEach(function (p) { shapes[p.getAttribute("data-shape")] = p; });

    function file(m) {
      if (!files[m]) {
        files[m] = fetch(new URL(m + ".json", location.href)).then(function (r) {
          if (!r.ok) throw new Error(m + ".json: HTTP " + r.status);
          return r.json();
        });
        files[m].catch(function () { delete files[m]; });
      }
      return files[m];
    }

    function table(body, rows, unit) {
      body.textContent = "";
      rows.forEach(function (r) {
        var tr = body.appendChild(el("tr")), th = tr.appendChild(el("th", { scope: "row" }));
        th.appendChild(r.series ? el("a", { href: "../" + r.series + "/" }, r.partner) : document.createTextNode(r.partner));
        if (!r.aggregate && !r.shape) { th.appendChild(document.createTextNode(" ")); th.appendChild(el("span", { "class": "ts-count" }, "(not on the map)")); }
        tr.appendChild(el("td", { "class": "ts-num", title: unit }, core.fmt(r.value, 0)));
      });
    }

    function key(cls) { return el("span", { "class": "ts-key " + cls }); }
    function caption(flow) {
      legend.textContent = "";
      var add = function (x) { legend.appendChild(typeof x === "string" ? document.createTextNode(x) : x); };
      if (flow === "balance") [key("n5"), " largest deficits \u2026 ", key("p5"), " largest surpluses; "].forEach(add);
      else [key("f1"), " smallest \u2026 ", key("f5"), " largest " + flow + "; "].forEach(add);
      ["five steps, each with a fifth of the countries; ", key("nd"), " no figure or not on this map. Hover or tap a country for its value."].forEach(add);
    }

    function apply(data, flow) {
      var rows = rowsOf(data, flow), countries = rows.filter(function (r) { return !r.aggregate; }), values = {};
      countries.forEach(function (r) { values[r.partner] = r.value; });
      var cls = classes(values, flow), drawn = {};
      countries.forEach(function (r) { if (r.shape && shapes[r.shape]) drawn[r.shape] = r; });
      Object.keys(shapes).forEach(function (id) {
        var path = shapes[id], r = drawn[id], t = path.querySelector("title");
        path.setAttribute("class", r ? cls[r.partner] : "nd");
        if (!r) { if (t) t.remove(); path.tsRow = null; return; }
        if (!t) t = path.appendChild(document.createElementNS("http://www.w3.org/2000/svg", "title"));
        t.textContent = r.partner + ": " + core.fmt(r.value, 0) + " (" + data.unit + ")";
        path.tsRow = r;
      });
      box.setAttribute("data-flow", flow);
      box.setAttribute("data-period", data.period);
      box.querySelectorAll(".ts-map-flow").forEach(function (s) { s.textContent = s.closest("h2") ? title(flow) : flow; });
      box.querySelectorAll(".ts-map-month").forEach(function (s) { s.textContent = data.month; });
      svg.setAttribute("aria-label", svg.getAttribute("aria-label").replace(/, [^,]+, [^,]+$/, ", " + flow + ", " + data.month));
      table(box.querySelector(".ts-map-countries"), ranked(countries, flow), data.unit);
      table(box.querySelector(".ts-map-areas"), ranked(rows.filter(function (r) { return r.aggregate; }), flow), data.unit);
      caption(flow);
      tip.hidden = true;
      box.classList.add("ts-drawn");
    }

    function update(write) {
      var m = sel.m.value, f = sel.f.value;
      if (write) history.replaceState(history.state, "", location.pathname + core.writeState(location.search, { m: m, f: f }, defaults) + location.hash);
      box.setAttribute("aria-busy", "true");
      return file(m).then(function (data) { apply(data, f); }).catch(function (err) {
        box.setAttribute("data-error", err.message);
      }).then(function () { box.removeAttribute("aria-busy"); });
    }

    function show(e) {
      var path = e.target.closest?.("path[data-shape]");
      if (!path || !path.tsRow) { tip.hidden = true; return; }
      var r = path.tsRow, fig = figure.getBoundingClientRect();
      tip.textContent = "";
      tip.appendChild(el("strong", {}, r.partner));
      tip.appendChild(document.createTextNode(": " + core.fmt(r.value, 0) + " " + (sel.f.value === "balance" ? "" : sel.f.value + " ") + "(" + box.querySelector(".ts-unit").textContent.replace(/[()]/g, "") + ")"));
      if (r.series) { tip.appendChild(document.createTextNode(" ")); tip.appendChild(el("a", { href: "../" + r.series + "/" }, "series")); }
      tip.hidden = false;
      tip.style.left = Math.max(0, Math.min(fig.width - tip.offsetWidth, e.clientX - fig.left + 10)) + "px";
      tip.style.top = Math.max(0, e.clientY - fig.top - tip.offsetHeight - 10) + "px";
    }

    var changed = event && event.type === "change", st = core.readState(location.search, defaults);
    if (!changed) {  // else the reader's choice, made before this ran
      sel.m.value = st.m;
      if (sel.m.value !== st.m) sel.m.value = defaults.m;
      sel.f.value = FLOWS.indexOf(st.f) >= 0 ? st.f : defaults.f;
    }
    form.addEventListener("change", function () { update(true); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    svg.addEventListener("click", show);
    svg.addEventListener("pointerleave", function (e) { if (e.pointerType === "mouse") tip.hidden = true; });
    // the server's page until it differs: fetch the newest month too, so a path knows its row
    return update(!!changed).then(function () { if (event && event.type === "touchstart") show(event.touches ? { target: event.target, clientX: event.touches[0].clientX, clientY: event.touches[0].clientY } : event); });
  }

  core.modules.map = mapPage;
})(typeof window === "undefined" ? globalThis : window);
