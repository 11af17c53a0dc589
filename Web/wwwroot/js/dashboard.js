/* The creator's dashboard: the live ticker (clicks arrive in coalesced batches), expected income, monthly charts. */
(function () {
  "use strict";
  var ticker = document.getElementById("ticker");
  var creatorId = ticker.getAttribute("data-creator");
  var income = document.getElementById("expected-income");
  var clicks = document.getElementById("creator-clicks");
  var givers = document.getElementById("creator-givers");
  var euro = new Intl.NumberFormat(document.documentElement.lang || "en", { style: "currency", currency: "EUR" });
  var time = new Intl.DateTimeFormat(document.documentElement.lang || "en", { hour: "2-digit", minute: "2-digit", second: "2-digit" });
  // Receive times per thing, so a browser test on the same machine can measure click-to-dashboard latency.
  window.flattrTickerReceived = window.flattrTickerReceived || [];

  function line(f) {
    var li = document.createElement("li");
    li.setAttribute("data-thing", f.thingId);
    li.className = f.kind;
    var who = document.createElement("strong");
    who.textContent = f.giver || ticker.getAttribute("data-anonymous");
    var what = document.createElement("span");
    var verb = ticker.getAttribute(f.kind === "flattr" ? "data-flattred" : "data-withdrew");
    what.textContent = " " + verb + " ";
    var link = document.createElement("a");
    link.href = "/things/" + f.thingId;
    link.textContent = f.thingTitle;
    var when = document.createElement("span");
    when.className = "when";
    when.textContent = time.format(new Date(f.at));
    li.appendChild(who); li.appendChild(what); li.appendChild(link); li.appendChild(when);
    return li;
  }

  FlattrLive.on("flattrs", function (batch) {
    var now = Date.now();
    var empty = ticker.querySelector(".empty");
    if (empty) { empty.remove(); }
    batch.forEach(function (f) {
      window.flattrTickerReceived.push({ thingId: f.thingId, kind: f.kind, receivedAt: now });
      ticker.insertBefore(line(f), ticker.firstChild);
      var row = document.querySelector('#creator-things tr[data-thing="' + f.thingId + '"]');
      if (row) {
        row.querySelector("[data-count=month]").textContent = f.monthClicks;
        row.querySelector("[data-count=total]").textContent = f.totalClicks;
      }
    });
    while (ticker.children.length > 100) { ticker.removeChild(ticker.lastChild); }
    // The last event carries the creator grain's figures after the whole batch (a long batch is cut, so never add up).
    var last = batch[batch.length - 1];
    if (last) {
      income.textContent = euro.format(last.expectedIncomeCents / 100);
      income.setAttribute("data-cents", String(last.expectedIncomeCents));
      clicks.textContent = String(last.creatorClicks);
      givers.textContent = String(last.givers);
    }
  });
  FlattrLive.watchCreator(creatorId);

  // Charts: clicks and income per month (settled months from statements, this month as expected so far).
  var holder = document.getElementById("chart-clicks");
  if (!holder || typeof uPlot === "undefined") { return; }
  var points = (holder.getAttribute("data-history") || "").split(";").filter(Boolean).map(function (p) {
    var parts = p.split("|");
    return { month: parts[0], clicks: Number(parts[1]), income: Number(parts[2]) / 100 };
  });
  var xs = points.map(function (_, i) { return i; });
  var labels = points.map(function (p) { return p.month.slice(2); });
  function chart(target, label, values, color) {
    var width = Math.max(260, target.clientWidth || 480);
    return new uPlot({
      width: width, height: 200,
      legend: { show: true },
      scales: { x: { time: false }, y: { range: function (u, min, max) { return [0, Math.max(4, Math.ceil(max * 1.25))]; } } },
      axes: [{ values: function (u, splits) { return splits.map(function (s) { return labels[s] || ""; }); } }, {}],
      series: [{}, { label: label, stroke: color, fill: color + "55", width: 2, paths: uPlot.paths.bars({ size: [0.6, 40] }), points: { show: false } }]
    }, [xs, values], target);
  }
  chart(holder, holder.getAttribute("data-label-clicks"), points.map(function (p) { return p.clicks; }), "#6DB33F");
  chart(document.getElementById("chart-income"), holder.getAttribute("data-label-income"), points.map(function (p) { return p.income; }), "#3f7f1f");
})();
