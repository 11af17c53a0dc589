/* Flattr button loader. Embed with:
 *   <script async src="https://FLATTR/button.js"></script>
 *   <a class="FlattrButton" href="https://example.org/post" data-flattr-uid="alice" data-flattr-button="compact"
 *      title="Post title" data-flattr-category="text" data-flattr-tags="a,b">Description</a>
 * Each anchor becomes a small frame served by Flattr; the flattr itself is confirmed in a Flattr window,
 * so the page that embeds the button can neither click it for the reader nor hide it. */
(function () {
  "use strict";
  var script = document.currentScript;
  var base = script ? new URL(script.src).origin : "";
  var prefix = "data-flattr-";

  function param(a, name) {
    return a.getAttribute(prefix + name) || "";
  }

  function render(a) {
    if (a.getAttribute("data-flattr-rendered")) { return; }
    a.setAttribute("data-flattr-rendered", "1");
    var compact = param(a, "button") === "compact";
    var q = new URLSearchParams();
    q.set("url", param(a, "url") || a.href);
    q.set("uid", param(a, "uid"));
    q.set("button", compact ? "compact" : "large");
    q.set("title", param(a, "title") || a.getAttribute("title") || "");
    q.set("description", param(a, "description") || (a.textContent || "").replace(/\s+/g, " ").trim().slice(0, 1000));
    q.set("category", param(a, "category"));
    q.set("language", param(a, "language") || (a.getAttribute("lang") || "").replace("-", "_"));
    q.set("tags", param(a, "tags"));
    q.set("hidden", param(a, "hidden"));
    var frame = document.createElement("iframe");
    frame.className = "FlattrButton";
    // The page's first button also holds the page's one live connection for all of them (see relay below).
    if (!hub) { q.set("live", "hub"); }
    frame.src = base + "/button/view?" + q.toString();
    frame.title = "Flattr";
    // Lets the frame ask for storage access on the reader's click (the default policy allows it; a page's own
    // Permissions-Policy may not): then it knows its reader where the browser blocks third-party cookies.
    frame.setAttribute("allow", "storage-access");
    frame.loading = hub ? "lazy" : "eager";
    if (!hub) { hub = frame; }
    frame.setAttribute("scrolling", "no");
    frame.style.border = "0";
    frame.style.overflow = "hidden";
    frame.style.width = compact ? "132px" : "64px";
    frame.style.height = compact ? "24px" : "74px";
    a.parentNode.replaceChild(frame, a);
  }

  /* Live counts. Each button frame tells this page which thing it shows; the hub frame (the first button) holds one
   * SignalR connection to Flattr for the whole page, joins each thing's group and reports the counts, which this page
   * passes on to the frames of that thing. Only messages from Flattr's origin are read; what is passed on is public. */
  var hub = null;
  var hubReady = false;
  var watchers = {};
  var pending = [];

  function toHub(thingId) {
    if (hubReady) { hub.contentWindow.postMessage({ type: "flattr:watch", thingId: thingId }, base); } else { pending.push(thingId); }
  }

  window.addEventListener("message", function (e) {
    if (e.origin !== base || !e.data || typeof e.data !== "object") { return; }
    var d = e.data;
    if (d.type === "flattr:watch" && typeof d.thingId === "number") {
      (watchers[d.thingId] = watchers[d.thingId] || []).push(e.source);
      toHub(d.thingId);
    } else if (d.type === "flattr:hub-ready" && hub && e.source === hub.contentWindow) {
      hubReady = true;
      pending.splice(0).forEach(toHub);
    } else if (d.type === "flattr:count" && hub && e.source === hub.contentWindow) {
      (watchers[d.thingId] || []).forEach(function (w) { w.postMessage({ type: "flattr:count", thingId: d.thingId, totalClicks: d.totalClicks }, base); });
    }
  });

  function setup() {
    var anchors = document.querySelectorAll("a.FlattrButton");
    for (var i = 0; i < anchors.length; i++) { render(anchors[i]); }
  }

  window.FlattrLoader = { setup: setup, render: render };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
