/* Charts cost nothing until a reader reaches for one. Every chart is in the page as a static
   SVG (it reads without JavaScript, in both colour schemes: CSS paints the dark one). The first
   time a reader hovers, focuses (Tab) or taps a chart, this fetches the theme and the Vega
   bundle from this site (once per visit: instant navigation keeps them) and draws that chart
   live over its static SVG, same size, with tooltips. A page without charts fetches nothing.
   Started from Material's document$ observable, so it runs after every instant navigation. */
(function () {
  "use strict";

  var here = document.currentScript?.src || document.baseURI;
  var loading = null;
  var views = [];  // live Vega views of the current page, finalized on navigation

  function script(name) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = new URL(name, here).href;
      s.onload = resolve;
      s.onerror = function () { s.remove(); reject(new Error("could not load " + s.src)); };
      document.head.appendChild(s);
    });
  }

  function load() {
    if (window.vegaEmbed && window.tradesiteTheme) return Promise.resolve();
    if (!loading) {
      loading = Promise.all([script("tradesite-theme.js"), script("vega-embed.bundle.js")]);
      loading.catch(function () { loading = null; });  // a later interaction tries again
    }
    return loading;
  }

  // The layout CSS shows (wide or narrow): a hidden one has no boxes.
  function shown(figure) {
    var all = figure.querySelectorAll(".ts-chart-view[data-spec]");
    for (let i = 0; i < all.length; i++) if (all[i].getClientRects().length) return all[i];
    return null;
  }

  function live(figure) {
    var view = shown(figure);
    if (!view || view.tsState) return;  // drawing or drawn
    view.tsState = "loading";
    var target = null;
    load().then(function () {
      var spec = JSON.parse(view.getAttribute("data-spec"));
      spec.config = window.tradesiteTheme[view.getAttribute("data-layout")] || {};
      target = document.createElement("div");
      target.className = "ts-chart-live";
      view.appendChild(target);
      // Data URLs in the spec are relative to the page (fetch resolves them against it).
      return window.vegaEmbed(target, spec, { actions: false, renderer: "svg", tooltip: { theme: "custom" } });
    }).then(function (result) {
      var svg = target.querySelector("svg");
      if (svg) {
        const w = svg.getAttribute("width"), h = svg.getAttribute("height");
        if (!svg.getAttribute("viewBox") && w && h) svg.setAttribute("viewBox", "0 0 " + w + " " + h);
        // One image with the static SVG's label, as before the swap: Vega's roles for each mark
        // and axis would each want a label of their own (the figure's text says it all).
        svg.querySelectorAll("[role], [aria-roledescription], [aria-label]").forEach(function (el) {
          el.removeAttribute("role");
          el.removeAttribute("aria-roledescription");
          el.removeAttribute("aria-label");
        });
        svg.removeAttribute("aria-roledescription");
        svg.setAttribute("role", "img");
        svg.setAttribute("aria-label", view.querySelector(".ts-chart-static").getAttribute("aria-label") || "");
      }
      views.push(result.view);
      view.tsState = "live";
      view.classList.add("ts-live");
      figure.classList.add("ts-interactive");
    }).catch(function (err) {
      view.tsState = null;
      if (target) target.remove();
      if (window.console) console.warn("tradesite chart " + figure.id + ": " + err);
    });
  }

  function start() {
    views.forEach(function (v) { v.finalize(); });
    views = [];
    document.querySelectorAll("figure.ts-chart").forEach(function (figure) {
      var plot = figure.querySelector(".ts-chart-plot");
      if (!plot) return;
      var wake = function () { live(figure); };
      ["pointerenter", "focusin", "click"].forEach(function (type) {
        plot.addEventListener(type, wake, { passive: true });
      });
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);
  } else {
    start();  // without Material's bundle (e.g. a saved page)
  }
})();
