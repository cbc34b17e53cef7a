/* Search every release: a disclosure in Material's search dialog, above the version's own
   results, and the explorer home's "Find a series" box. Nothing is fetched until a reader asks;
   then Pagefind (the site's /pagefind/ index of every release and series, built by
   tradesite.site.versioned.search_all) loads the few index files the query needs. Each result names its
   release and opens that version's page at the right section. Results are built with
   textContent, never as HTML. Started from Material's document$ so it survives instant navigation. */
(function () {
  "use strict";

  var script = document.currentScript;
  var root = script ? new URL("../../", script.src) : null;  // /_static/<hash>/ -> the site root
  var MAX = 10;
  var SERIES = "Series explorer";
  var loading = null;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    return node;
  }

  function plural(n, one, many) { return n.toLocaleString("en-US") + " " + (n === 1 ? one : many); }

  function engine() {
    if (!loading) {
      loading = import(new URL("pagefind/pagefind.js", root).href).then(function (pf) {
        return pf.options({ basePath: new URL("pagefind/", root).pathname, baseUrl: root.pathname }).then(function () { return pf; });
      });
      loading.catch(function () { loading = null; });  // a failed load may be retried later
    }
    return loading;
  }

  // Pagefind's excerpt marks the words found with <mark>; everything else is shown as text
  // (entities decoded by a detached textarea, which parses its content as text, never as tags).
  var decoder = document.createElement("textarea");
  function decoded(text) { decoder.innerHTML = text; return decoder.value; }
  function excerpt(html) {
    var node = el("span", "ts-search-all__text");
    (html || "").split(/(<mark>.*?<\/mark>)/).forEach(function (part) {
      var marked = /^<mark>(.*)<\/mark>$/.exec(part);
      var text = decoded(marked ? marked[1] : part);
      node.appendChild(marked ? el("mark", "", text) : document.createTextNode(text));
    });
    return node;
  }

  function item(data) {
    var best = (data.sub_results || []).filter(function (s) { return s.url !== data.url; })[0];
    var link = el("a", "ts-search-all__link");
    // a section of a long page is a page of the index with its own address (meta href, from the root)
    link.href = data.meta.href ? new URL(data.meta.href, root).href : best ? best.url : data.url;
    var article = el("article");
    article.setAttribute("data-md-score", "-1");  // Material's Enter prefers its own results
    article.appendChild(el("span", "ts-search-all__release", data.meta.release || ""));
    article.appendChild(el("span", "ts-search-all__title", (data.meta.title || "") + (best ? " › " + best.title : "")));
    article.appendChild(excerpt(best ? best.excerpt : data.excerpt));
    link.appendChild(article);
    var li = el("li", "ts-search-all__item");
    li.appendChild(link);
    return li;
  }

  /* One search box: ``input`` is watched, results go in ``list``, counts in ``meta``;
     ``choose`` (a select) filters by release, or ``fixed`` names the one release to search;
     ``active`` says whether to search now (the dialog's disclosure: only once opened). */
  function searcher(input, list, meta, choose, fixed, active) {
    var seq = 0, shown = [], more = null;

    function filters() {
      var release = fixed || (choose?.value);
      return release ? { release: release } : {};
    }

    function fill(pf) {
      if (!choose || choose.options.length > 1) return;
      pf.filters().then(function (f) {
        var months = Object.keys(f.release || {}).filter(function (m) { return m !== SERIES; });
        months.sort(function (a, b) { return new Date("1 " + b) - new Date("1 " + a); });
        [SERIES].concat(months).forEach(function (m) {
          var o = el("option", "", m);
          o.value = m;
          choose.appendChild(o);
        });
      });
    }

    function page(results, query, mine) {
      var next = results.slice(shown.length, shown.length + MAX);
      return Promise.all(next.map(function (r) { return r.data(); })).then(function (all) {
        if (mine !== seq) return;
        all.forEach(function (d) { list.appendChild(item(d)); });
        shown = shown.concat(next);
        if (more) { more.remove(); more = null; }
        if (shown.length < results.length) {
          more = el("button", "md-button ts-search-all__more", "Show " + Math.min(MAX, results.length - shown.length) + " more");
          more.type = "button";
          more.addEventListener("click", function () { page(results, query, mine); });
          list.parentNode.insertBefore(more, list.nextSibling);
        }
      });
    }

    function run() {
      var query = input.value.trim(), mine = ++seq;
      if (active && !active()) return;  // nothing is fetched until the reader opens it
      list.textContent = "";
      shown = [];
      if (more) { more.remove(); more = null; }
      if (!query) { meta.textContent = fixed ? "" : "Type to search every release."; return; }
      meta.textContent = "Searching…";
      engine().then(function (pf) {
        fill(pf);
        return pf.debouncedSearch(query, { filters: filters() }, 150);
      }).then(function (search) {
        if (mine !== seq || !search) return;
        var n = search.results.length;
        meta.textContent = n ? plural(n, "result", "results") + " for “" + query + "”" +
          (filters().release ? " in " + filters().release : " in every release and the series explorer") + "."
          : "Nothing found for “" + query + "”" + (filters().release ? " in " + filters().release : "") + ".";
        return page(search.results, query, mine);
      }).catch(function (err) {
        if (mine !== seq) return;
        meta.textContent = "The index of every release could not be loaded (" + (err?.message) +
          "); it is on the published site, where every release is a version. Search within this release still works.";
      });
    }
    input.addEventListener("input", run);
    if (choose) choose.addEventListener("change", run);
    return run;
  }

  function mount(search) {
    var result = search.querySelector("[data-md-component=search-result]");
    var input = search.querySelector("[data-md-component=search-query]");
    if (!result || !input || result.querySelector(".ts-search-all") || !root) return;
    var details = el("details", "ts-search-all");
    var summary = el("summary", "ts-search-all__summary", "Search every release");
    var label = el("label", "ts-search-all__filter", "In ");
    var choose = el("select");
    var every = el("option", "", "every release and the series explorer");
    every.value = "";
    choose.appendChild(every);
    label.appendChild(choose);
    var meta = el("p", "ts-search-all__meta");
    var list = el("ol", "ts-search-all__list");
    meta.setAttribute("aria-live", "polite");
    list.setAttribute("aria-label", "Results in every release");
    details.append(summary, label, meta, list);
    // After Material's count and before its list, which stays the last child (Material finds it so).
    result.insertBefore(details, result.firstElementChild.nextSibling);
    var run = searcher(input, list, meta, choose, null, function () { return details.open; });
    details.addEventListener("toggle", function () { if (details.open) run(); });
    if (input.form) input.form.addEventListener("reset", function () { setTimeout(run, 0); });
    // Material sends keys typed outside the query box back to it: let Space open the disclosure.
    summary.addEventListener("keydown", function (ev) { if (ev.key === " ") ev.stopPropagation(); });
  }

  function find(form) {
    if (form.getAttribute("data-ready")) return;
    form.setAttribute("data-ready", "1");
    form.hidden = false;
    var meta = el("p", "ts-search-all__meta");
    meta.setAttribute("aria-live", "polite");
    var list = form.querySelector(".ts-find-results");
    form.insertBefore(meta, list);
    searcher(form.elements.q, list, meta, null, form.getAttribute("data-filter"));
    form.addEventListener("submit", function (ev) { ev.preventDefault(); });
  }

  function start() {
    document.querySelectorAll("[data-md-component=search]").forEach(mount);
    document.querySelectorAll("form.ts-find").forEach(find);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(start);
  else start();
})();
