/* Peta Inklusi: URL state in the browser (no inline scripts; CSP-friendly).
 *
 * - dash_clientside.peta.push_url(search): called when a page callback has
 *   validated new Filters and written their query (only non-default values) to
 *   the "url-query" store. Pushes a history entry when the query changed, so
 *   reload, Back/Forward and copied links restore the view, and returns the
 *   language switch's new href (same path and query, other language). When the
 *   callback answered Back/Forward (the restored URL was not in canonical form:
 *   parameters in another order, an invalid value), the entry is REPLACED, so the
 *   Forward history survives; an answer that arrives after a later Back/Forward
 *   changes nothing.
 * - popstate (Back/Forward): hands the restored URL to the page's own
 *   "<page>-pop" store (named by #page-pop-target's data-store); the page's
 *   callback re-parses it on the server and redraws. The chart cards' view
 *   switches follow the restored "views" parameter.
 * - A chart card's view switch other than the page's own "tab" (a fieldset with
 *   data-views-chart) writes the "views" parameter ("chart:view,...", sorted by
 *   chart, only non-default views, as data/filters.py writes it) as a new history
 *   entry, and tells the page's query store (#page-pop-target's data-query-store)
 *   so the page's next redraw keeps it.
 */
(function () {
  "use strict";
  // The last Back/Forward: its token (a page callback's answer names it) and whether the user has
  // acted since (a click, a change: a new step of their own).
  var popToken = null, popSeq = 0, actedSincePop = true;

  function here() { return window.location.pathname + window.location.search; }
  function langHref(search) {
    var params = new URLSearchParams(search || "");
    if (params.get("lang") === "en") { params.delete("lang"); } else { params.set("lang", "en"); }
    var qs = params.toString();
    return window.location.pathname + (qs ? "?" + qs : "");
  }
  function setProps(id, props) {
    var dc = window.dash_clientside;
    if (dc && typeof dc.set_props === "function") { dc.set_props(id, props); }
  }
  function setLangHref(search) {  // embeds have no language switch (stores have no element: not checked)
    if (document.getElementById("lang-switch")) { setProps("lang-switch", {href: langHref(search)}); }
  }
  // In a frame (an embed) the view is kept in the frame's address without adding history entries:
  // the host page's Back button must leave the host page, not step through the chart's views.
  function framed() {
    try { return window.self !== window.top; } catch (e) { return true; }
  }
  function readViews(search) {
    var out = {};
    var raw = new URLSearchParams(search || "").get("views") || "";
    raw.split(",").forEach(function (part) {
      var i = part.indexOf(":");
      if (i > 0) { out[part.slice(0, i).trim().toLowerCase()] = part.slice(i + 1).trim().toLowerCase(); }
    });
    return out;
  }
  function withViews(search, views) {
    var parts = (search || "").replace(/^\?/, "").split("&").filter(function (p) {
      return p && p.split("=")[0] !== "views";
    });
    var value = Object.keys(views).sort().map(function (k) { return k + ":" + views[k]; }).join(",");
    if (value) { parts.push("views=" + encodeURIComponent(value)); }
    return parts.length ? "?" + parts.join("&") : "";
  }
  function radioValues(box) {
    return Array.prototype.map.call(box.querySelectorAll("input[type=radio]"), function (r) { return r.value; });
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    peta: {
      // data: the query string (a new view: a new entry), or {search, pop} when the callback
      // answered the Back/Forward with that token (components/url_state.py url_value).
      push_url: function (data) {
        if (data === undefined || data === null) { return window.dash_clientside.no_update; }
        var answer = typeof data === "object";
        var s = (answer ? data.search : data) || "";
        if (answer ? data.pop !== popToken : !actedSincePop) {
          // Late: an answer to an earlier Back/Forward, or a redraw the user asked for before
          // going Back/Forward. The address stays what the browser restored.
          return langHref(window.location.search);
        }
        if (s !== window.location.search) {
          var url = window.location.pathname + s;
          if (answer) {  // the restored URL in canonical form: the same entry, Forward survives
            window.history.replaceState({peta: 1}, "", url);
          } else {
            window.history.pushState({peta: 1}, "", url);
          }
        }
        return langHref(s);
      }
    }
  });

  // Anything the user does after Back/Forward is a new step, never a correction of the restored URL.
  ["click", "change", "submit"].forEach(function (type) {
    document.addEventListener(type, function () { actedSincePop = true; }, true);
  });

  // A secondary card's view switch -> the URL's "views".
  document.addEventListener("change", function (e) {
    var input = e.target;
    if (!input || input.type !== "radio" || !input.checked || !input.closest) { return; }
    var box = input.closest("[data-views-chart]");
    if (!box) { return; }
    var chart = box.getAttribute("data-views-chart");
    var views = readViews(window.location.search);
    if (input.value === box.getAttribute("data-views-default")) { delete views[chart]; } else { views[chart] = input.value; }
    var s = withViews(window.location.search, views);
    if (s === window.location.search) { return; }
    if (framed()) {
      window.history.replaceState({peta: 1}, "", window.location.pathname + s);
    } else {
      window.history.pushState({peta: 1}, "", window.location.pathname + s);
    }
    setLangHref(s);
    var target = document.getElementById("page-pop-target");
    if (target && target.dataset.queryStore) { setProps(target.dataset.queryStore, {data: s}); }
  });

  window.addEventListener("popstate", function () {
    popSeq += 1;
    popToken = Date.now() + "-" + popSeq;
    actedSincePop = false;
    var target = document.getElementById("page-pop-target");
    if (target && target.dataset.store) {
      setProps(target.dataset.store, {data: here() + "#" + popToken});
    }
    // Cards whose view is in "views" (pages without a callback of their own included).
    var views = readViews(window.location.search);
    var boxes = document.querySelectorAll("[data-views-chart]");
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i], chart = box.getAttribute("data-views-chart");
      var fallback = box.getAttribute("data-views-default");
      var want = views[chart] && radioValues(box).indexOf(views[chart]) >= 0 ? views[chart] : fallback;
      var checked = box.querySelector("input[type=radio]:checked");
      if (!checked || checked.value !== want) { setProps({type: "card-tab", chart: chart}, {value: want}); }
    }
    setLangHref(window.location.search);
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
