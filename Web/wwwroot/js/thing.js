/* A thing's page: the live count, and the first-party Flattr button (this page can never be framed). */
(function () {
  "use strict";
  var box = document.querySelector("[data-live-thing]");
  if (!box) { return; }
  var thingId = box.getAttribute("data-live-thing");
  var total = box.querySelector("[data-count=total]");
  var month = box.querySelector("[data-count=month]");

  FlattrLive.on("count", function (c) {
    if (String(c.thingId) !== thingId) { return; }
    total.textContent = c.totalClicks;
    month.textContent = c.monthClicks;
  });
  FlattrLive.watchThing(thingId);

  var button = document.getElementById("flattr-here");
  var message = document.getElementById("flattr-message");
  if (!button) { return; }
  button.addEventListener("click", function () {
    button.disabled = true;
    FlattrApi.post("/things/" + thingId + "/flattr").then(function (r) {
      if (r.ok) {
        button.classList.add("done");
        button.textContent = button.getAttribute("data-done-label") || button.textContent;
        total.textContent = r.body.total_clicks;
        month.textContent = r.body.month_clicks;
        message.textContent = r.body.message;
      } else {
        message.textContent = r.body.error_description || "";
        button.disabled = r.body.error === "flattr_once";
      }
    });
  });
})();
