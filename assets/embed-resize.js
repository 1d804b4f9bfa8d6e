/* Peta Inklusi embed resizer (no dependencies, ~1 KB).
 *
 * One script, two roles:
 * - inside an embed (/embed/<chart-id>, framed by another site) it posts the
 *   content height to the parent: {type: "peta-inklusi:resize", height: N};
 * - on a host page that includes it with <script src=".../assets/embed-resize.js">
 *   it listens for those messages and sets the height of the iframe that sent
 *   them (matched by its contentWindow, never by a guessed selector).
 * Dash loads every file in assets/ on every page; outside an embed and with
 * no embedded iframe it does nothing.
 */
(function () {
  "use strict";
  if (window.__petaInklusiResize) { return; }
  window.__petaInklusiResize = true;
  var TYPE = "peta-inklusi:resize";
  var MIN = 120, MAX = 6000;

  // Host page role: size the iframe that sent the message.
  window.addEventListener("message", function (ev) {
    var d = ev.data;
    if (!d || typeof d !== "object" || d.type !== TYPE) { return; }
    var h = Math.round(Number(d.height));
    if (!isFinite(h)) { return; }
    h = Math.max(MIN, Math.min(MAX, h));
    var frames = document.getElementsByTagName("iframe");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === ev.source) {
        frames[i].style.height = h + "px";
        frames[i].setAttribute("height", String(h));
      }
    }
  }, false);

  // Embed role: only when framed and on an /embed/ path.
  var framed;
  try { framed = window.self !== window.top; } catch (e) { framed = true; }
  if (!framed || window.location.pathname.indexOf("/embed/") === -1) { return; }
  var last = -1, queued = false, observed = null, ro = null;
  function measure() {
    queued = false;
    var root = document.querySelector(".peta-embed-root");
    if (root && ro && observed !== root) { ro.observe(root); observed = root; }
    var h = root ? Math.ceil(root.getBoundingClientRect().height) + 2
                 : document.documentElement.scrollHeight;
    if (h > 0 && h !== last) {
      last = h;
      window.parent.postMessage({type: TYPE, height: h}, "*");
    }
  }
  function schedule() {
    if (!queued) { queued = true; window.requestAnimationFrame(measure); }
  }
  function start() {
    if (window.ResizeObserver) {
      ro = new ResizeObserver(schedule);
      ro.observe(document.body);
    }
    // Dash renders the page after load: watch for the card appearing/changing.
    new MutationObserver(schedule).observe(document.body, {childList: true, subtree: true});
    window.addEventListener("resize", schedule);
    schedule();
  }
  if (document.body) { start(); } else { document.addEventListener("DOMContentLoaded", start); }
})();
