/* What came after this release, read at run time (a published version is never rebuilt):
   - the banner of an earlier release says what later releases revised of this page's figures,
     from the root's api/revised-since/RELEASE.json (written by each publish), with a link to the
     same page in the newest release;
   - the version selector keeps the reader on the same page and section in the release chosen,
     and says so where that release has no such page or section;
   - a citation's access date is today's.
   Text only (textContent); started from Material's document$ (instant navigation). */
(function () {
  "use strict";

  var script = document.currentScript;
  var root = script ? new URL("../../", script.src) : null;  // /VERSION/javascripts/ -> the site root
  var RELEASE = /^\d{4}-(0[1-9]|1[0-2])$/, KEY = "tradesite-version-switch";
  var cache = {};

  function here() {  // [version folder, path inside it] of the page shown
    var rest = location.pathname.slice(root.pathname.length).split("/");
    return [rest.shift(), rest.join("/")];
  }

  function today() {
    var d = new Date(), p = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + p(d.getMonth() + 1) + "-" + p(d.getDate());
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    return node;
  }

  function note(text) {  // a notice at the top of the page's content
    var inner = document.querySelector(".md-content__inner");
    if (!inner) return;
    var box = el("div", "admonition note ts-switch-note");
    box.setAttribute("role", "status");
    box.appendChild(el("p", "", text));
    inner.insertBefore(box, inner.firstChild);
  }

  function revised(version, path) {
    if (!RELEASE.test(version)) return;  // latest: the newest, nothing after it
    var slot = document.querySelector("[data-md-component=outdated] .ts-revised");
    if (!slot) return;
    if (!cache[version]) {
      cache[version] = fetch(new URL("api/revised-since/" + version + ".json", root)).then(function (r) {
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r.json();
      });
    }
    cache[version].then(function (data) {
      if (data.newest === version) return;
      var page = data.pages[path], text = page?.text;
      if (!page) {  // a table's own page: its chapter's figures
        page = data.pages[path.split("/")[0] + "/"];
        text = page?.chapter_text;
      }
      slot.textContent = "";
      if (!page || !text) return;
      slot.appendChild(el("span", "", text + " "));
      var a = el("a", "", "This page in the " + data.newest_month + " release.");
      if (/^\d{4}-\d\d\/([a-z0-9-]+\/)*$/.test(page.newest_url)) a.href = new URL(page.newest_url, root).href;
      slot.appendChild(a);
    }).catch(function () { /* no file yet: the banner keeps its own words */ });
  }

  // The version selector: the same page and section in the release chosen, or its home, saying so.
  document.addEventListener("click", function (ev) {
    var a = ev.target instanceof Element && ev.target.closest(".md-version a");
    if (!a || ev.metaKey || ev.ctrlKey || ev.shiftKey || !root) return;
    var target = new URL(a.href), place = here();
    if (target.origin !== root.origin) return;
    ev.preventDefault();
    ev.stopPropagation();
    var page = new URL(place[1], target);
    fetch(page, { method: "HEAD" }).then(function (r) { return r.ok; }, function () { return false; }).then(function (ok) {
      var title = document.querySelector(".md-content h1")?.textContent || place[1];
      var from = document.querySelector(".md-version__current")?.textContent || place[0];
      try {
        sessionStorage.setItem(KEY, JSON.stringify({ page: ok ? "" : title.trim(), from: from.trim(), hash: location.hash }));
      } catch (_e) { /* private mode: no notice */ }
      location.href = ok ? page.href + location.search + location.hash : target.href;
    });
  }, true);

  function switched() {
    var raw = null;
    try { raw = sessionStorage.getItem(KEY); sessionStorage.removeItem(KEY); } catch (_e) { return; }
    if (!raw) return;
    var s = JSON.parse(raw);
    if (s.page) {
      note("The page \u201c" + s.page + "\u201d of the " + s.from + " release is not in this release: this is its home.");
    } else if (s.hash && !document.getElementById(decodeURIComponent(s.hash.slice(1)))) {
      note("The section " + s.hash + " of the " + s.from + " release's page is not on this page in this release.");
    }
  }

  function start() {
    if (!root) return;
    var place = here();
    document.querySelectorAll(".ts-accessed").forEach(function (node) { node.textContent = today(); });
    revised(place[0], place[1]);
    switched();
  }

  if (window.document$?.subscribe) window.document$.subscribe(start);
  else document.addEventListener("DOMContentLoaded", start);
})();
