/* Trending, live: entries that moved arrive coalesced; the list re-sorts by heat and briefly highlights what moved. */
(function () {
  "use strict";
  var list = document.getElementById("trending");
  if (!list) { return; }
  var category = list.getAttribute("data-category") || "";
  var language = list.getAttribute("data-language") || "";
  var length = Number(list.getAttribute("data-length") || 20);
  var byTemplate = list.getAttribute("data-by") || "{owner}";

  function rowFor(entry) {
    var row = list.querySelector('li[data-thing="' + entry.thingId + '"]');
    if (row) { return row; }
    row = document.createElement("li");
    row.className = "thing-row";
    row.setAttribute("data-thing", entry.thingId);
    var rank = document.createElement("span"); rank.className = "rank";
    var main = document.createElement("div"); main.className = "main";
    var link = document.createElement("a"); link.className = "title"; link.href = "/things/" + entry.thingId; link.textContent = entry.title;
    var meta = document.createElement("div"); meta.className = "meta"; meta.textContent = byTemplate.replace("{owner}", entry.owner);
    var pill = document.createElement("span"); pill.className = "count-pill";
    main.appendChild(link); main.appendChild(meta);
    row.appendChild(rank); row.appendChild(main); row.appendChild(pill);
    list.appendChild(row);
    return row;
  }

  FlattrLive.on("trending", function (entries) {
    var empty = list.querySelector("li.empty");
    entries.forEach(function (entry) {
      if ((category && entry.category !== category) || (language && entry.language !== language)) { return; }
      if (empty) { empty.remove(); empty = null; }
      var row = rowFor(entry);
      row.setAttribute("data-heat", entry.heat);
      row.querySelector(".count-pill").textContent = entry.monthClicks;
      row.classList.add("bump");
      window.setTimeout(function () { row.classList.remove("bump"); }, 900);
    });
    var rows = Array.prototype.slice.call(list.querySelectorAll("li[data-thing]"));
    rows.sort(function (a, b) { return Number(b.getAttribute("data-heat")) - Number(a.getAttribute("data-heat")); });
    rows.forEach(function (row, i) {
      if (i >= length) { row.remove(); return; }
      row.querySelector(".rank").textContent = String(i + 1);
      list.appendChild(row);
    });
  });
  FlattrLive.watchTrending();
})();
