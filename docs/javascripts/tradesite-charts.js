/* Charts become interactive (tooltips) with vega-embed; the static SVGs stay the fallback.
   Started from Material's document$ observable so it runs after every instant navigation,
   and re-rendered when the reader toggles the palette (light/dark). No network: the Vega
   bundle and the theme are served by this site. */
(function () {
  "use strict";

  function scheme() {
    return document.body.getAttribute("data-md-color-scheme") || "default";
  }

  function embed(figure) {
    var target = figure.querySelector(".ts-chart-live[data-spec]");
    if (!target || typeof window.vegaEmbed !== "function") return;
    var spec = JSON.parse(target.getAttribute("data-spec"));
    var themes = window.tradesiteThemes || {};
    spec.config = themes[scheme()] || themes["default"] || {};
    // Single and layered views fill the column; fit-x cannot size a facet or concat
    // (Vega draws those 0 pixels wide), so they keep the width of their spec.
    if (!spec.hconcat && !spec.vconcat && !spec.concat && !spec.facet && !spec.repeat) {
      spec.width = "container";
      spec.autosize = { type: "fit-x", contains: "padding" };
    }
    if (figure._tsView) { figure._tsView.finalize(); figure._tsView = null; }
    // Data URLs in the spec are relative to the page (fetch resolves them against it).
    window.vegaEmbed(target, spec, {
      actions: false,
      renderer: "svg",
      tooltip: { theme: scheme() === "slate" ? "dark" : "light" },
    }).then(function (result) {
      figure._tsView = result.view;
      var svg = target.querySelector("svg");
      if (svg && spec.description) {  // the static <img>'s alt text, for the live chart too
        svg.setAttribute("role", "img");
        svg.setAttribute("aria-label", spec.description);
      }
      figure.classList.add("ts-interactive");
    }).catch(function (err) {
      figure.classList.remove("ts-interactive");
      if (window.console) console.warn("tradesite chart " + figure.id + ": " + err);
    });
  }

  function embedAll() {
    document.querySelectorAll("figure.ts-chart").forEach(embed);
  }

  // Re-theme on palette toggle: Material sets data-md-color-scheme on <body>.
  var observer = new MutationObserver(function (records) {
    if (records.some(function (r) { return r.attributeName === "data-md-color-scheme"; })) embedAll();
  });

  function start() {
    observer.disconnect();
    observer.observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
    embedAll();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);
  } else {
    // Without Material's bundle (e.g. a saved page) fall back to one run.
    start();
  }
})();
