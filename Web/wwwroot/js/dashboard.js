/* The creator's dashboard: the live ticker (clicks arrive in coalesced batches), expected income, monthly and daily charts. */
(function () {
  "use strict";
  var ticker = document.getElementById("ticker");
  var creatorId = ticker.getAttribute("data-creator");
  var income = document.getElementById("expected-income");
  var clicks = document.getElementById("creator-clicks");
  var givers = document.getElementById("creator-givers");
  // The request's culture (e.g. en-GB, fr-CH), as the server formats with: one format for every amount on the page.
  var culture = income.getAttribute("data-culture") || document.documentElement.lang || "en";
  var euro = new Intl.NumberFormat(culture, { style: "currency", currency: "EUR" });
  var time = new Intl.DateTimeFormat(culture, { hour: "2-digit", minute: "2-digit", second: "2-digit" });
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
  // Sent each time the page (re)joins its ticker, e.g. through another node after its own went away: the counts now.
  FlattrLive.on("creator", function (c) {
    if (String(c.creatorId) !== String(creatorId)) { return; }
    income.textContent = euro.format(c.expectedIncomeCents / 100);
    income.setAttribute("data-cents", String(c.expectedIncomeCents));
    clicks.textContent = String(c.creatorClicks);
    givers.textContent = String(c.givers);
    c.things.forEach(function (t) {
      var row = document.querySelector('#creator-things tr[data-thing="' + t.thingId + '"]');
      if (row) {
        row.querySelector("[data-count=month]").textContent = t.monthClicks;
        row.querySelector("[data-count=total]").textContent = t.totalClicks;
      }
    });
  });
  FlattrLive.watchCreator(creatorId);

  // Charts: clicks and income per month (settled months from statements, this month as expected so far), and per day
  // of this month so far.
  var holder = document.getElementById("chart-clicks");
  if (!holder || typeof uPlot === "undefined") { return; }
  function parse(data) {
    return (data || "").split(";").filter(Boolean).map(function (p) {
      var parts = p.split("|");
      return { label: parts[0], clicks: Number(parts[1]), income: Number(parts[2]) / 100 };
    });
  }
  function chart(target, xLabel, label, labels, values, color) {
    var xs = values.map(function (_, i) { return i; });
    var width = Math.max(260, target.clientWidth || 480);
    return new uPlot({
      width: width, height: 200,
      // The legend names the axes in the page's language (no live "Value: --" read-out).
      legend: { show: true, live: false },
      // Half a slot either side, so the first and last bars are whole.
      scales: { x: { time: false, range: function () { return [-0.5, Math.max(0, xs.length - 1) + 0.5]; } },
        y: { range: function (u, min, max) { return [0, Math.max(4, Math.ceil(max * 1.25))]; } } },
      axes: [{ values: function (u, splits) { return splits.map(function (s) { return Number.isInteger(s) ? (labels[s] || "") : ""; }); } }, {}],
      series: [{ label: xLabel }, { label: label, stroke: color, fill: color + "55", width: 2, paths: uPlot.paths.bars({ size: [0.6, 40] }), points: { show: false } }]
    }, [xs, values], target);
  }
  function pair(clicksTarget, incomeTarget, points) {
    var labels = points.map(function (p) { return p.label; });
    var xLabel = clicksTarget.getAttribute("data-label-x");
    chart(clicksTarget, xLabel, holder.getAttribute("data-label-clicks"), labels, points.map(function (p) { return p.clicks; }), "#6DB33F");
    chart(incomeTarget, xLabel, holder.getAttribute("data-label-income"), labels, points.map(function (p) { return p.income; }), "#3f7f1f");
  }
  // Months as the server wrote them in the reader's language ("Dec 26"); days (yyyy-MM-dd) as their number.
  pair(holder, document.getElementById("chart-income"), parse(holder.getAttribute("data-history")));
  var daily = document.getElementById("chart-daily-clicks");
  if (daily) {
    pair(daily, document.getElementById("chart-daily-income"), parse(daily.getAttribute("data-days")).map(function (p) {
      return { label: String(Number(p.label.slice(8))), clicks: p.clicks, income: p.income };
    }));
  }
})();
