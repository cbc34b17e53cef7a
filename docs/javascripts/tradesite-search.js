/* Search every release: a disclosure in Material's search dialog, above the version's own
   results. Nothing is fetched until a reader opens it; then the root search-all.json (written
   by tradesite.site.search_all) goes into a second copy of Material's own search worker (same
   lunr, separator and ranking; the worker file is already cached), and each result names its
   release and links into that version. Results are built with textContent, never as HTML.
   Started from Material's document$ so it survives instant navigation. */
(function () {
  "use strict";

  var script = document.currentScript;
  var root = script ? new URL("../../", script.src) : null;  // /RELEASE/javascripts/ -> the site root
  var config = document.getElementById("__config");
  var workerUrl = null;
  try { workerUrl = new URL(JSON.parse(config.textContent).search, document.baseURI); } catch (_e) { /* no search */ }
  var MAX = 50;
  var loading = null, index = null, pending = [], seq = 0;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    return node;
  }

  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  // Material's worker reads "<...>" as markup: the plain index text goes in with brackets escaped.
  function escaped(text) { return text.replace(/</g, "&lt;").replace(/>/g, "&gt;"); }

  function load() {
    if (loading) return loading;
    loading = fetch(new URL("search-all.json", root)).then(function (r) {
      if (!r.ok) throw new Error(r.status === 404 ? "missing" : "HTTP " + r.status);
      return r.json();
    }).then(function (data) {
      index = { releases: data.releases, docs: {} };
      var docs = data.docs.map(function (d) {
        var location = data.releases[d[0]].id + "/" + d[1];
        index.docs[location] = d;
        return { location: location, title: escaped(d[2]), text: escaped(d[3]), boost: d[4] };
      });
      return new Promise(function (resolve, reject) {
        var worker = new Worker(workerUrl);
        worker.onerror = function () { reject(new Error("search worker failed")); };
        worker.onmessage = function (ev) {  // Material's messages: 0 setup, 1 ready, 2 query, 3 result
          if (ev.data.type === 1) resolve(worker);
          else if (ev.data.type === 3 && pending.length) pending.shift()(ev.data.data.items || []);
        };
        worker.postMessage({ type: 0, data: { config: data.config, docs: docs, options: { suggest: false } } });
      });
    });
    loading.catch(function () { /* reported by run(); a failed load is not retried on every key */ });
    return loading;
  }

  function ask(worker, query) {
    return new Promise(function (resolve) { pending.push(resolve); worker.postMessage({ type: 2, data: query }); });
  }

  // One result per page of a version: its best section, ranked by score, newest release first on ties.
  function results(groups) {
    return groups.map(function (group) {
      var best = group[0], page = null;
      group.forEach(function (item) {
        if (item.score > best.score) best = item;
        if (item.location.indexOf("#") < 0) page = item;
      });
      return { best: best, page: page || best, release: index.docs[best.location][0] };
    }).sort(function (a, b) { return b.best.score - a.best.score || a.release - b.release; });
  }

  // Up to 200 characters around the first match, with every match in <mark>.
  function snippet(text, terms) {
    var parts = [], lower = text.toLowerCase(), at = -1;
    terms.forEach(function (term) {
      for (let n = term.length; n >= Math.min(4, term.length); n--) {  // "revisions" also finds "revision"
        const i = lower.indexOf(term.slice(0, n));
        if (i >= 0) { parts.push(term.slice(0, n)); if (at < 0 || i < at) at = i; return; }
      }
    });
    var start = Math.max(0, at - 60);
    if (start > 0) start = text.indexOf(" ", start) + 1 || start;
    var cut = text.slice(start, start + 200), node = el("span", "ts-search-all__text");
    if (start > 0) cut = "…" + cut;
    if (start + 200 < text.length) cut += "…";
    var re = parts.length ? new RegExp(parts.map(function (p) { return p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }).join("|"), "gi") : null;
    var last = 0, m;
    while (re) {
      m = re.exec(cut);
      if (!m) break;
      node.appendChild(document.createTextNode(cut.slice(last, m.index)));
      node.appendChild(el("mark", "", m[0]));
      last = m.index + m[0].length;
    }
    node.appendChild(document.createTextNode(cut.slice(last)));
    return node;
  }

  function item(result) {
    var d = index.docs[result.best.location], release = index.releases[d[0]];
    var terms = Object.keys(result.best.terms || {}).filter(function (t) { return result.best.terms[t]; });
    var url = new URL(result.best.location, root);
    if (terms.length) url.searchParams.set("h", terms.join(" "));  // Material highlights them there
    var link = el("a", "ts-search-all__link");
    link.href = url.href;
    var article = el("article");
    article.setAttribute("data-md-score", "-1");  // Material's Enter prefers its own results
    var title = index.docs[result.page.location][2];
    if (result.best !== result.page && d[2]) title += " › " + d[2];
    article.appendChild(el("span", "ts-search-all__release", release.month));
    article.appendChild(el("span", "ts-search-all__title", title));
    if (d[3]) article.appendChild(snippet(d[3], terms));
    link.appendChild(article);
    var li = el("li", "ts-search-all__item");
    li.appendChild(link);
    return li;
  }

  function mount(search) {
    var result = search.querySelector("[data-md-component=search-result]");
    var input = search.querySelector("[data-md-component=search-query]");
    if (!result || !input || result.querySelector(".ts-search-all") || !workerUrl || !root) return;
    var details = el("details", "ts-search-all");
    var summary = el("summary", "ts-search-all__summary", "Search every release");
    var meta = el("p", "ts-search-all__meta");
    var list = el("ol", "ts-search-all__list");
    meta.setAttribute("aria-live", "polite");
    list.setAttribute("aria-label", "Results in every release");
    details.append(summary, meta, list);
    // After Material's count and before its list, which stays the last child (Material finds it so).
    result.insertBefore(details, result.firstElementChild.nextSibling);

    function run() {
      var query = input.value.trim(), mine = ++seq;
      list.textContent = "";
      if (!details.open) return;
      if (!query) { meta.textContent = "Type to search every release."; return; }
      if (!index) meta.textContent = "Loading the index of every release…";
      load().then(function (worker) { return ask(worker, query); }).then(function (groups) {
        if (mine !== seq) return;  // a newer query is under way
        var found = results(groups), releases = {};
        found.forEach(function (r) { releases[r.release] = true; });
        meta.textContent = found.length
          ? plural(found.length, "result", "results") + " for “" + query + "” in " + plural(Object.keys(releases).length, "release", "releases") +
            (found.length > MAX ? "; the best " + MAX + " are shown." : ".")
          : "No release has a match for “" + query + "”.";
        found.slice(0, MAX).forEach(function (r) { list.appendChild(item(r)); });
      }, function (err) {
        if (mine !== seq) return;
        meta.textContent = err && err.message === "missing"
          ? "Search across every release works on the published site, where every monthly release is a version; this copy of the site holds one release."
          : "The index of every release could not be loaded (" + err?.message + "); search within this release still works.";
      });
    }

    details.addEventListener("toggle", run);
    input.addEventListener("input", run);
    if (input.form) input.form.addEventListener("reset", function () { setTimeout(run, 0); });
    // Material sends keys typed outside the query box back to it: let Space open the disclosure.
    summary.addEventListener("keydown", function (ev) { if (ev.key === " ") ev.stopPropagation(); });
  }

  function start() {
    document.querySelectorAll("[data-md-component=search]").forEach(mount);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(start);
  else start();
})();
