/* The button inside its frame. A click never flattrs from here: it opens Flattr's own confirmation window
 * (first-party, never framed), which tells this frame the outcome through postMessage. Where the browser blocks
 * third-party cookies, the same click asks it for storage access, so the frame knows its reader on the next visit.
 *
 * Live counts: the first button of a page is its hub, the only frame with a SignalR connection; the page's loader
 * (button.js) relays which things the frames show and their counts. A page with 50 buttons costs the server one
 * connection, not 50. (Frames cannot elect one by themselves: a browser that blocks third-party storage denies them Web
 * Locks, BroadcastChannel and localStorage; postMessage through the page always works.) */
(function () {
  "use strict";
  var button = document.getElementById("flattr");
  var count = document.getElementById("count");
  var label = button ? button.querySelector(".label") : null;
  var thingId = Number(document.body.getAttribute("data-thing")) || 0;
  var popup = null;

  function showCount(total) { count.textContent = String(total); }

  function showFlattred(message) {
    button.classList.add("done");
    button.setAttribute("data-flattred", "true");
    if (label && button.getAttribute("data-done-label")) { label.textContent = button.getAttribute("data-done-label"); }
    button.setAttribute("title", message || button.getAttribute("data-done-title") || "");
  }

  /* What this browser flattred this month, kept by the frame itself for when no cookie tells the server who reads (the
   * browser blocks third-party cookies): the frame's storage, which the embedding site cannot read. Thing id -> "YYYY-MM". */
  var memoryKey = "flattr.flattred";
  function month() { return new Date().toISOString().slice(0, 7); }
  function remembered() {
    try { return JSON.parse(window.localStorage.getItem(memoryKey) || "{}") || {}; } catch (err) { return {}; }
  }
  function remember(id, flattred) {
    try {
      var all = remembered();
      var now = month();
      Object.keys(all).forEach(function (key) { if (all[key] !== now) { delete all[key]; } });
      if (flattred) { all[id] = now; } else { delete all[id]; }
      window.localStorage.setItem(memoryKey, JSON.stringify(all));
    } catch (err) {
      // Storage refused: the button forgets, as before.
    }
  }
  if (button && thingId && remembered()[thingId] === month()) { showFlattred(null); }

  /* Storage access. Where the browser keeps Flattr's cookies from this frame on another site (third-party cookies
   * blocked: Safari and Firefox by default, Chromium when the reader blocks them), the server did not know the reader.
   * The reader's click on the button asks the browser to let the frame use them (document.requestStorageAccess: only on
   * that click, never without one); once allowed, the frame asks Flattr whether its reader flattred. Where the reader
   * allowed it on an earlier visit, the browser grants it again without a click or a prompt, so a reload shows the
   * flattr (Chromium even sends the cookies with the frame's own request: see StorageAccessHeaders.cs). */
  var readerKnown = document.body.getAttribute("data-reader") === "known";
  var hasAccess = false;
  var canAsk = !!(button && button.tagName === "A" && document.hasStorageAccess && document.requestStorageAccess);

  /* Where the frame stands (read by the tests): "known" (the request named the reader), "waiting" (for the reader's
   * click), "granted", "refused", or "none" (this browser has no such API, or the thing cannot be flattred). */
  function accessState(state) { document.documentElement.setAttribute("data-storage-access", state); }

  function askFlattred() {
    if (!thingId) { return; }
    window.fetch("/button/flattred?thing=" + thingId, { credentials: "include", cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (state) { if (state && state.flattred && state.thingId === thingId) { showFlattred(null); } })
      .catch(function () { /* Unknown stays unknown: the plain button. */ });
  }

  function accessGranted() {
    hasAccess = true;
    accessState("granted");
    askFlattred();
  }

  function requestAccess() {
    document.requestStorageAccess().then(accessGranted, function () { accessState("refused"); });
  }

  function waitForClick() { if (!hasAccess) { accessState("waiting"); } }

  if (readerKnown) {
    accessState("known");
  } else if (!canAsk) {
    accessState("none");
  } else {
    document.hasStorageAccess().then(function (has) {
      // With access and still no reader, this browser holds no reader cookie: nothing to ask.
      if (has) { hasAccess = true; accessState("granted"); return null; }
      return navigator.permissions ? navigator.permissions.query({ name: "storage-access" }) : null;
    }).then(function (status) {
      if (status && status.state === "granted" && !hasAccess) { requestAccess(); } else { waitForClick(); }
    }).catch(waitForClick); // The browser cannot tell (Safari cannot query this permission): wait for a click.
  }

  if (button && button.tagName === "A") {
    button.addEventListener("click", function (e) {
      e.preventDefault();
      // Asked before the window opens, while the click still counts as the reader's gesture.
      if (canAsk && !readerKnown && !hasAccess) { requestAccess(); }
      if (popup && !popup.closed) { popup.focus(); return; }
      var confirmUrl = button.getAttribute("data-confirm");
      popup = window.open(confirmUrl, "flattr_confirm", "popup,width=480,height=600");
      if (!popup) { window.open(confirmUrl, "_blank"); }
    });

    window.addEventListener("message", function (e) {
      // Only Flattr's own confirmation window speaks to the button.
      if (e.origin !== window.location.origin || !e.data || typeof e.data !== "object") { return; }
      if (e.data.type === "flattr:done") {
        showCount(e.data.totalClicks);
        showFlattred(e.data.message);
        if (!thingId && e.data.thingId) { thingId = e.data.thingId; announce(); }
        remember(thingId, true);
      } else if (e.data.type === "flattr:withdrawn") {
        showCount(e.data.totalClicks);
        button.classList.remove("done");
        button.setAttribute("data-flattred", "false");
        remember(thingId, false);
      } else if (e.data.type === "flattr:refused") {
        button.setAttribute("title", e.data.message || "");
        if (e.data.code === "flattr_once") { showFlattred(null); remember(thingId, true); }
      }
    });
  }

  /* Live counts through the page's loader (button.js): this frame says which thing it shows; the hub frame, one per
   * page, holds the page's only connection to the live hub and reports every count, which the loader passes on. */
  var isHub = document.body.getAttribute("data-live-hub") === "true";
  var parentWindow = window.parent !== window ? window.parent : null;

  function announce() {
    if (!thingId || !parentWindow) { return; }
    parentWindow.postMessage({ type: "flattr:watch", thingId: thingId }, "*");
  }

  window.addEventListener("message", function (e) {
    if (e.source !== parentWindow || !e.data || typeof e.data !== "object") { return; }
    if (e.data.type === "flattr:count" && e.data.thingId === thingId && typeof e.data.totalClicks === "number") {
      showCount(e.data.totalClicks);
    } else if (e.data.type === "flattr:watch" && isHub && typeof e.data.thingId === "number") {
      hubWatch(e.data.thingId);
    }
  });

  var watched = {};
  var joined = {};
  var connection = null;

  function join(id) {
    if (!connection || connection.state !== signalR.HubConnectionState.Connected) { return; }
    connection.invoke("WatchThing", id).then(function () {
      joined[id] = true;
      // How many things this page's one connection watches (read by the tests).
      document.documentElement.setAttribute("data-watching", String(Object.keys(joined).length));
    }, function () { delete watched[id]; });
  }

  function hubWatch(id) {
    if (watched[id]) { return; }
    watched[id] = true;
    join(id);
  }

  if (isHub && parentWindow) {
    var script = document.createElement("script");
    script.src = "/lib/signalr/signalr.min.js";
    script.onload = function () {
      connection = new signalR.HubConnectionBuilder()
        .withUrl("/live")
        .withAutomaticReconnect({ nextRetryDelayInMilliseconds: function (ctx) { return Math.min(10000, 500 * (ctx.previousRetryCount + 1)); } })
        .build();
      connection.on("count", function (c) {
        if (c.thingId === thingId) { showCount(c.totalClicks); }
        parentWindow.postMessage({ type: "flattr:count", thingId: c.thingId, totalClicks: c.totalClicks }, "*");
      });
      function rejoin() { Object.keys(watched).forEach(function (id) { join(Number(id)); }); }
      connection.onreconnected(rejoin);
      function start() {
        connection.start().then(function () {
          rejoin();
          document.documentElement.setAttribute("data-live", "hub");
          parentWindow.postMessage({ type: "flattr:hub-ready" }, "*");
        }).catch(function () { window.setTimeout(start, 2000); });
      }
      connection.onclose(function () { window.setTimeout(start, 2000); });
      start();
    };
    document.head.appendChild(script);
  }

  announce();
})();
