/* Row labels (and column headings) of a table link to their series in the explorer at the site
   root (/series/<id>/, every release's values of that line). The table carries the part of the
   ids its rows share (data-series-prefix/-suffix, with the path), each label the rest (data-s):
   a few bytes a row instead of a link each (site/tables.py series_attributes). Runs after every
   instant navigation (Material's document$). */
(function () {
  "use strict";
  function link() {
    document.querySelectorAll(".ts-table[data-series-prefix]").forEach(function (table) {
      var prefix = table.getAttribute("data-series-prefix"), suffix = table.getAttribute("data-series-suffix") || "/";
      table.querySelectorAll("th[data-s]").forEach(function (th) {
        if (th.querySelector("a")) return;
        var a = document.createElement("a");
        a.href = prefix + th.getAttribute("data-s") + suffix;
        a.className = "ts-series-link";
        a.title = "This line in every release (series explorer)";
        while (th.firstChild) a.appendChild(th.firstChild);
        th.appendChild(a);
      });
    });
  }
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(link);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", link);
  else link();
})();
