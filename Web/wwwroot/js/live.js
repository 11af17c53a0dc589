/* One SignalR connection per page to Flattr's live hub. It reconnects by itself, forever, and re-joins its groups. */
(function () {
  "use strict";
  var connection = new signalR.HubConnectionBuilder()
    .withUrl("/live")
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: function (ctx) { return Math.min(10000, 500 * (ctx.previousRetryCount + 1)); } })
    .build();
  var joins = [];
  var connected = false;

  function setStatus(on) {
    connected = on;
    document.querySelectorAll("[data-live-status]").forEach(function (el) { el.classList.toggle("on", on); });
    document.documentElement.setAttribute("data-live", on ? "on" : "off");
  }

  function invokeJoin(join) {
    return connection.invoke.apply(connection, [join.method].concat(join.args)).catch(function (err) {
      console.warn("Flattr live: " + join.method + " refused", err);
    });
  }

  function rejoin() {
    return Promise.all(joins.map(invokeJoin)).then(function () { setStatus(true); });
  }

  function start() {
    connection.start().then(rejoin).catch(function () { setStatus(false); window.setTimeout(start, 2000); });
  }

  connection.onreconnecting(function () { setStatus(false); });
  connection.onreconnected(rejoin);
  connection.onclose(function () { setStatus(false); window.setTimeout(start, 2000); });

  function join(method, args) {
    var entry = { method: method, args: args };
    joins.push(entry);
    if (connection.state === signalR.HubConnectionState.Connected) { invokeJoin(entry); }
  }

  window.FlattrLive = {
    on: function (name, handler) { connection.on(name, handler); },
    watchThing: function (id) { join("WatchThing", [Number(id)]); },
    watchCreator: function (id) { join("WatchCreator", [Number(id)]); },
    watchTrending: function () { join("WatchTrending", []); },
    isConnected: function () { return connected; }
  };
  window.addEventListener("DOMContentLoaded", start);
  if (document.readyState !== "loading") { start(); }
})();
