/* Peta Inklusi: URL state in the browser (no inline scripts; CSP-friendly).
 *
 * - dash_clientside.peta.push_url(search): called when a page callback has
 *   validated new Filters and written their query (only non-default values) to
 *   the "url-query" store. Pushes a history entry when the query changed, so
 *   reload, Back/Forward and copied links restore the view, and returns the
 *   language switch's new href (same path and query, other language).
 * - popstate (Back/Forward): hands the restored URL to the page's own
 *   "<page>-pop" store (named by #page-pop-target's data-store); the page's
 *   callback re-parses it on the server and redraws.
 */
(function () {
  "use strict";
  function langHref(search) {
    var params = new URLSearchParams(search || "");
    if (params.get("lang") === "en") { params.delete("lang"); } else { params.set("lang", "en"); }
    var qs = params.toString();
    return window.location.pathname + (qs ? "?" + qs : "");
  }
  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    peta: {
      push_url: function (search) {
        if (search === undefined || search === null) { return window.dash_clientside.no_update; }
        var s = search || "";
        if (s !== window.location.search) {
          window.history.pushState({peta: 1}, "", window.location.pathname + s);
        }
        return langHref(s);
      }
    }
  });
  window.addEventListener("popstate", function () {
    var dc = window.dash_clientside;
    var target = document.getElementById("page-pop-target");
    if (dc && typeof dc.set_props === "function" && target && target.dataset.store) {
      dc.set_props(target.dataset.store, {data: window.location.pathname + window.location.search + "#" + Date.now()});
    }
  });
})();

/* Filters start open on wide screens and folded on phones (one tap on "Filter"). */
(function () {
  "use strict";
  var wide = window.matchMedia ? window.matchMedia("(min-width: 900px)") : null;
  function init(root) {
    var list = (root || document).querySelectorAll ? (root || document).querySelectorAll("details.filters") : [];
    for (var i = 0; i < list.length; i++) {
      var d = list[i];
      if (d.dataset.petaInit) { continue; }
      d.dataset.petaInit = "1";
      d.open = wide ? wide.matches : true;
    }
  }
  var obs = new MutationObserver(function () { init(document); });
  function start() {
    init(document);
    obs.observe(document.body, {childList: true, subtree: true});
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();

/* The tab title follows the page's H1 (so it is in the page's language), after Dash's own title update;
 * the current page's link stays in view in the sideways-scrolling phone navigation. */
(function () {
  "use strict";
  var timer = null;
  function sync() {
    var h1 = document.querySelector("#_pages_content h1");
    if (!h1) { return; }
    var title = h1.textContent.trim() + " — Peta Inklusi";
    if (h1.textContent.trim() === "Peta Inklusi" || h1.textContent.indexOf("Peta Inklusi") === 0) { title = h1.textContent.trim(); }
    if (document.title !== title) { document.title = title; }
    // On narrow screens the navigation scrolls sideways: keep the current page's link in view.
    var active = document.querySelector(".nav-list .nav-link.active");
    var list = active && active.closest(".nav-list");
    if (list && list.scrollWidth > list.clientWidth) {
      var left = active.offsetLeft - (list.clientWidth - active.offsetWidth) / 2;
      list.scrollLeft = Math.max(0, left);
    }
  }
  function start() {
    new MutationObserver(function () {
      if (timer) { clearTimeout(timer); }
      timer = setTimeout(sync, 60);
    }).observe(document.body, {childList: true, subtree: true});
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
