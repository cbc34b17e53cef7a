/* The series explorer in the browser: a series page's chart (transforms, dates, vintages),
   the compare view and the map. The view lives in the query string (?t=yoy&from=2021-01&v=1),
   so a shared link or a reload shows the same thing; downloads are exactly the rows drawn.
   Vega is loaded from this site (the vendored bundle) only on pages that draw a chart.
   Data text is never written as HTML: textContent and attributes only. */
(function () {
  "use strict";

  var script = document.currentScript;
  var here = script ? script.src : location.href;
  var vegaLoading = null;
  var STEPS = { monthly: 12, quarterly: 4, annual: 1 };
  var TRANSFORMS = {
    level: "Level", change: "Change from the previous period", pct: "Percent change from the previous period",
    yoy: "Percent change from a year earlier", ma3: "Three-month moving average"
  };

  function loadVega() {
    if (typeof window.vegaEmbed === "function") return Promise.resolve();
    if (!vegaLoading) {
      vegaLoading = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = new URL("vega-embed.bundle.js", here).href;
        s.onload = resolve;
        s.onerror = function () { reject(new Error("the chart library did not load")); };
        document.head.appendChild(s);
      });
    }
    return vegaLoading;
  }

  function scheme() { return document.body.getAttribute("data-md-color-scheme") || "default"; }
  function themeConfig() { var t = window.tradesiteThemes || {}; return t[scheme()] || t["default"] || {}; }

  // ---- periods: 'YYYY', 'YYYY-MM', 'YYYY-Qn' (the tidy tables' text)
  function frequencyOf(p) { return p.indexOf("-Q") > 0 ? "quarterly" : p.indexOf("-") > 0 ? "monthly" : "annual"; }
  function shift(p, n) {
    var f = frequencyOf(p), y = parseInt(p.slice(0, 4), 10);
    if (f === "annual") return String(y + n);
    var per = f === "monthly" ? 12 : 4;
    var k = y * per + (parseInt(p.slice(f === "monthly" ? 5 : 6), 10) - 1) + n;
    var yy = Math.floor(k / per), m = k - yy * per + 1;
    return f === "monthly" ? yy + "-" + (m < 10 ? "0" : "") + m : yy + "-Q" + m;
  }
  function dateOf(p) {
    var f = frequencyOf(p);
    if (f === "annual") return p + "-01-01";
    if (f === "monthly") return p + "-01";
    var m = (parseInt(p.slice(6), 10) - 1) * 3 + 1;
    return p.slice(0, 4) + "-" + (m < 10 ? "0" : "") + m + "-01";
  }

  // ---- transforms of one line of values (period -> value)
  function transformed(byPeriod, t) {
    var out = {};
    Object.keys(byPeriod).forEach(function (p) {
      var v = byPeriod[p], prev = byPeriod[shift(p, -1)], y;
      if (t === "level") y = v;
      else if (t === "change") y = prev === undefined ? undefined : v - prev;
      else if (t === "pct") y = prev === undefined || prev === 0 ? undefined : 100 * (v / prev - 1);
      else if (t === "yoy") {
        var ago = byPeriod[shift(p, -STEPS[frequencyOf(p)])];
        y = ago === undefined || ago === 0 ? undefined : 100 * (v / ago - 1);
      } else if (t === "ma3") {
        var two = byPeriod[shift(p, -2)];
        y = prev === undefined || two === undefined ? undefined : (v + prev + two) / 3;
      }
      if (y !== undefined) out[p] = Math.round(y * 1e6) / 1e6;
    });
    return out;
  }
  function unitOf(unit, t) { return t === "pct" || t === "yoy" ? "percent" : t === "change" ? unit + ", change" : unit; }

  // ---- the view in the URL
  function readState(names) {
    var q = new URLSearchParams(location.search), st = {};
    names.forEach(function (n) { st[n] = q.get(n) || ""; });
    st.t = TRANSFORMS[st.t] ? st.t : "level";
    return st;
  }
  function writeState(st) {
    var q = new URLSearchParams(location.search);
    Object.keys(st).forEach(function (k) {
      if (st[k] && !(k === "t" && st[k] === "level")) q.set(k, st[k]); else q.delete(k);
    });
    var qs = q.toString();
    history.replaceState(null, "", location.pathname + (qs ? "?" + qs : "") + location.hash);
  }

  // ---- drawing and downloads
  function draw(box, rows, opts) {
    var target = box.querySelector(".ts-explorer-chart");
    return loadVega().then(function () {
      var values = rows.map(function (r) { return Object.assign({ date: dateOf(r.period) }, r); });
      var spec = {
        $schema: "https://vega.github.io/schema/vega-lite/v5.json",
        description: opts.description,
        width: "container", height: 320, autosize: { type: "fit-x", contains: "padding" },
        config: themeConfig(),
        data: { name: "table", values: values },
        mark: { type: "line", point: rows.length < 80, interpolate: "linear" },
        encoding: {
          x: { field: "date", type: "temporal", title: null },
          y: { field: "value", type: "quantitative", title: opts.yTitle, scale: { zero: false } },
          color: opts.color ? { field: opts.color, type: "nominal", title: opts.colorTitle,
                                legend: { orient: "bottom", columns: 2, labelLimit: 480 } } : { value: undefined },
          tooltip: [{ field: "period", title: "Period" }, { field: "value", type: "quantitative", title: opts.yTitle, format: ",.6~f" }]
            .concat(opts.tooltip || [])
        }
      };
      if (!opts.color) delete spec.encoding.color;
      if (box._view) { box._view.finalize(); box._view = null; }
      target.textContent = "";
      return window.vegaEmbed(target, spec, { actions: false, renderer: "svg" }).then(function (res) {
        box._view = res.view;
        box._rows = rows;
        target.setAttribute("data-rows", String(rows.length));
        box.classList.add("ts-drawn");
      });
    }).catch(function (err) {
      target.textContent = "The chart could not be drawn (" + err.message + "); every value is in the CSV and JSON files.";
    });
  }

  function save(name, blob) {
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }
  function csvCell(v) { var s = v === null || v === undefined ? "" : String(v); return /[",\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s; }
  function toCsv(rows, columns) {
    return columns.join(",") + "\n" + rows.map(function (r) {
      return columns.map(function (c) { return csvCell(r[c]); }).join(",");
    }).join("\n") + "\n";
  }
  function wireDownloads(box, name, columns, meta) {
    box.querySelectorAll("[data-download]").forEach(function (b) {
      b.addEventListener("click", function () {
        var kind = b.getAttribute("data-download"), rows = box._rows || [];
        if (kind === "csv") save(name() + ".csv", new Blob([toCsv(rows, columns)], { type: "text/csv" }));
        else if (kind === "json") save(name() + ".json", new Blob([JSON.stringify(Object.assign(meta(), { rows: rows }), null, 1)], { type: "application/json" }));
        else if (!box._view) return;
        else if (kind === "svg") box._view.toSVG().then(function (svg) { save(name() + ".svg", new Blob([svg], { type: "image/svg+xml" })); });
        else if (kind === "png") box._view.toImageURL("png", 2).then(function (url) {
          fetch(url).then(function (r) { return r.blob(); }).then(function (blob) { save(name() + ".png", blob); });
        });
      });
    });
  }

  function option(select, value, text) {
    var o = document.createElement("option");
    o.value = value; o.textContent = text;
    select.appendChild(o);
  }

  // ---- one series
  function newestByPeriod(data) {
    var out = {};
    data.observations.forEach(function (o) { out[o[0]] = o; });  // sorted by period, then release
    return out;
  }

  function seriesPage(box) {
    var form = box.querySelector(".ts-controls");
    var st = readState(["t", "from", "to", "v"]);
    if (new URLSearchParams(location.search).get("embed") === "1") document.documentElement.classList.add("ts-embedded");
    fetch(box.getAttribute("data-json")).then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.json();
    }).then(function (data) {
      var periods = Object.keys(newestByPeriod(data)).sort();
      ["from", "to"].forEach(function (n) { periods.forEach(function (p) { option(form.elements[n], p, p); }); });
      form.elements.t.value = form.querySelector('option[value="' + st.t + '"]') ? st.t : "level";
      form.elements.from.value = periods.indexOf(st.from) >= 0 ? st.from : periods[0];
      form.elements.to.value = periods.indexOf(st.to) >= 0 ? st.to : periods[periods.length - 1];
      form.elements.v.checked = st.v === "1";
      function view() {
        return { t: form.elements.t.value, from: form.elements.from.value, to: form.elements.to.value, v: form.elements.v.checked ? "1" : "" };
      }
      function update() {
        var v = view();
        writeState({ t: v.t, from: v.from === periods[0] ? "" : v.from, to: v.to === periods[periods.length - 1] ? "" : v.to, v: v.v });
        var rows = shownRows(data, v);
        embedCode(box, data);
        return draw(box, rows, {
          description: data.title + ": " + TRANSFORMS[v.t].toLowerCase() + (v.v ? ", every vintage" : ""),
          yTitle: unitOf(data.unit, v.t).replace(/^./, function (c) { return c.toUpperCase(); }),
          color: v.v ? "release" : null, colorTitle: "Release",
          tooltip: [{ field: "release", title: "Release" }, { field: "status", title: "Status" }]
        });
      }
      form.addEventListener("change", update);
      wireDownloads(box, function () { var v = view(); return data.id + "-" + v.t + (v.v ? "-vintages" : ""); },
        ["period", "value", "unit", "release", "status"],
        function () { var v = view(); return { series: data.id, title: data.title, transform: TRANSFORMS[v.t], from: v.from, to: v.to, vintages: !!v.v }; });
      revisions(box.querySelector(".ts-revisions"), data);
      onScheme(update);
      return update();
    }).catch(function (err) {
      box.querySelector(".ts-explorer-chart").textContent = "The series' data could not be loaded (" + err.message + ").";
    });
  }

  function shownRows(data, v) {
    var unit = unitOf(data.unit, v.t), lines = {};
    data.observations.forEach(function (o) {
      var key = v.v ? String(o[2]) : "newest";
      (lines[key] = lines[key] || {})[o[0]] = o;
    });
    var rows = [];
    Object.keys(lines).forEach(function (key) {
      var obs = lines[key], values = {};
      Object.keys(obs).forEach(function (p) { values[p] = obs[p][1]; });
      var t = transformed(values, v.t);
      Object.keys(t).sort().forEach(function (p) {
        if (p < v.from || p > v.to) return;
        var o = obs[p];
        rows.push({ period: p, value: t[p], unit: unit, release: data.vintages[o[2]].release, status: o[3] ? "revised" : "unrevised" });
      });
    });
    rows.sort(function (a, b) { return a.period < b.period ? -1 : a.period > b.period ? 1 : a.release < b.release ? -1 : a.release > b.release ? 1 : 0; });
    return rows;
  }

  function embedCode(box, data) {
    var area = box.querySelector(".ts-embed textarea");
    if (!area) return;
    var url = new URL(location.href);
    url.searchParams.set("embed", "1");
    url.hash = "";
    area.value = '<iframe src="' + url.href.replace(/"/g, "&quot;") + '" title="' + data.title.replace(/[<>"&]/g, "") +
      '" width="100%" height="440" style="border:0" loading="lazy"></iframe>';
  }

  function revisions(target, data) {
    if (!target) return;
    var by = {};
    data.observations.forEach(function (o) { (by[o[0]] = by[o[0]] || []).push(o); });
    var revised = Object.keys(by).filter(function (p) {
      return by[p].length > 1 && by[p].some(function (o) { return o[1] !== by[p][0][1]; });
    }).sort().reverse();
    if (!revised.length) {
      target.textContent = "No period of this series was revised between the releases on this site.";
      return;
    }
    var shown = revised.slice(0, 120), used = {};
    shown.forEach(function (p) { by[p].forEach(function (o) { used[o[2]] = true; }); });
    var cols = Object.keys(used).map(Number).sort(function (a, b) { return a - b; });
    var table = document.createElement("table"), head = table.createTHead().insertRow();
    var cap = table.createCaption();
    cap.textContent = revised.length + " period(s) revised; each release's figure (" + data.unit + ")" +
      (revised.length > shown.length ? "; the newest " + shown.length + " shown, every one in the CSV" : "");
    var th = document.createElement("th"); th.scope = "col"; th.textContent = "Period"; head.appendChild(th);
    cols.forEach(function (c) { var h = document.createElement("th"); h.scope = "col"; h.textContent = data.vintages[c].month + " release"; head.appendChild(h); });
    var body = table.createTBody();
    shown.forEach(function (p) {
      var tr = body.insertRow(), label = document.createElement("th");
      label.scope = "row"; label.textContent = p; tr.appendChild(label);
      var at = {}; by[p].forEach(function (o) { at[o[2]] = o; });
      cols.forEach(function (c) {
        var td = tr.insertCell();
        if (at[c]) { td.textContent = at[c][1].toLocaleString("en-US"); if (at[c][3]) td.className = "ts-revised"; }
      });
    });
    table.tabIndex = 0;  // a wide table scrolls: the keyboard reaches it too
    target.textContent = "";
    target.appendChild(table);
  }

  function onScheme(redraw) {
    new MutationObserver(function (records) {
      if (records.some(function (r) { return r.attributeName === "data-md-color-scheme"; })) redraw();
    }).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
  }

  // ---- several series on one chart
  function comparePage(box) {
    var form = box.querySelector(".ts-controls"), list = box.querySelector(".ts-compare-list");
    var api = new URL(box.getAttribute("data-api"), location.href);
    var st = readState(["s", "t"]), chosen = st.s ? st.s.split(",").filter(Boolean) : [], cache = {}, titles = null;
    form.elements.t.value = st.t;
    function load(id) {
      if (!cache[id]) cache[id] = fetch(new URL("api/series/" + id + ".json", api)).then(function (r) {
        if (!r.ok) throw new Error(id + ": HTTP " + r.status);
        return r.json();
      });
      return cache[id];
    }
    function catalogue() {
      if (!titles) titles = fetch(new URL(box.getAttribute("data-list"), location.href)).then(function (r) { return r.json(); }).then(function (d) {
        var dl = box.querySelector("datalist"), map = {};
        d.series.forEach(function (s) { map[s.title] = s.id; map[s.id] = s.id; option(dl, s.title, s.id); });
        return map;
      });
      return titles;
    }
    form.elements.q.addEventListener("focus", catalogue);
    form.elements.q.addEventListener("change", function () {
      var q = form.elements.q.value;
      catalogue().then(function (map) {
        if (map[q] && chosen.indexOf(map[q]) < 0) { chosen.push(map[q]); form.elements.q.value = ""; update(); }
      });
    });
    form.elements.t.addEventListener("change", update);
    function update() {
      var t = form.elements.t.value;
      writeState({ s: chosen.join(","), t: t });
      return Promise.all(chosen.map(load)).then(function (all) {
        list.textContent = "";
        var rows = [];
        all.forEach(function (data) {
          var li = document.createElement("li"), a = document.createElement("a"), rm = document.createElement("button");
          a.href = new URL("series/" + data.id + "/", api).href; a.textContent = data.title;
          rm.type = "button"; rm.textContent = "remove"; rm.className = "ts-remove";
          rm.addEventListener("click", function () { chosen = chosen.filter(function (i) { return i !== data.id; }); update(); });
          li.appendChild(a); li.appendChild(document.createTextNode(" ")); li.appendChild(rm); list.appendChild(li);
          var newest = newestByPeriod(data), values = {};
          Object.keys(newest).forEach(function (p) { values[p] = newest[p][1]; });
          var tr = transformed(values, t);
          Object.keys(tr).sort().forEach(function (p) {
            rows.push({ series: data.id, title: data.title, period: p, value: tr[p], unit: unitOf(data.unit, t),
                        release: data.vintages[newest[p][2]].release });
          });
        });
        if (!rows.length) return;
        return draw(box, rows, { description: "Compared: " + all.map(function (d) { return d.title; }).join("; "),
          yTitle: TRANSFORMS[t], color: "title", colorTitle: "Series", tooltip: [{ field: "title", title: "Series" }, { field: "release", title: "Release" }] });
      }).catch(function (err) { box.querySelector(".ts-explorer-chart").textContent = "Could not load: " + err.message; });
    }
    wireDownloads(box, function () { return "compare-" + form.elements.t.value; }, ["series", "period", "value", "unit", "release"],
      function () { return { series: chosen, transform: TRANSFORMS[form.elements.t.value] }; });
    onScheme(update);
    if (chosen.length) update();
  }

  // ---- the map
  function mapPage(box) {
    Promise.all([fetch(box.getAttribute("data-map")).then(function (r) { return r.json(); }), loadVega()]).then(function (got) {
      var d = got[0], target = box.querySelector(".ts-explorer-chart");
      var rows = d.rows.filter(function (r) { return r.id; }).map(function (r) {
        return { id: r.id, partner: r.partner, value: r.value, release: r.release, url: "../" + r.series + "/" };
      });
      function render() {
        var spec = {
          $schema: "https://vega.github.io/schema/vega-lite/v5.json",
          description: d.what + ", " + d.month,
          width: "container", height: 420, autosize: { type: "fit-x", contains: "padding" }, config: themeConfig(),
          projection: { type: "equalEarth" },
          layer: [
            { data: { url: box.getAttribute("data-geometry"), format: { type: "topojson", feature: "countries" } },
              mark: { type: "geoshape", fill: "#d5d9e0", stroke: "#ffffff", strokeWidth: 0.3, aria: false } },
            { data: { url: box.getAttribute("data-geometry"), format: { type: "topojson", feature: "countries" } },
              transform: [{ lookup: "id", from: { data: { values: rows }, key: "id", fields: ["partner", "value", "release", "url"] } },
                          { filter: "datum.value != null" }],
              mark: { type: "geoshape", stroke: "#ffffff", strokeWidth: 0.3, cursor: "pointer", aria: false },
              encoding: {
                color: { field: "value", type: "quantitative", title: d.unit, scale: { scheme: "redblue", domainMid: 0 } },
                href: { field: "url" },
                tooltip: [{ field: "partner", title: "Partner" }, { field: "value", type: "quantitative", title: "Balance (" + d.unit + ")", format: "," },
                          { field: "release", title: "Release" }]
              } }
          ]
        };
        return window.vegaEmbed(target, spec, { actions: false, renderer: "svg" }).then(function (res) {
          if (box._view) box._view.finalize();
          box._view = res.view; box.classList.add("ts-drawn");
        });
      }
      onScheme(render);
      return render();
    }).catch(function (err) { box.querySelector(".ts-explorer-chart").textContent = "The map could not be drawn (" + err.message + ")."; });
  }

  function start() {
    document.querySelectorAll(".ts-explorer[data-json]").forEach(seriesPage);
    document.querySelectorAll(".ts-compare").forEach(comparePage);
    document.querySelectorAll(".ts-map[data-map]").forEach(mapPage);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
