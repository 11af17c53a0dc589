/* The confirmation window: tells the button that opened it what happened, then closes itself after a moment. */
(function () {
  "use strict";
  var outcome = document.getElementById("outcome");
  if (!outcome || !window.opener) { return; }
  var message = {
    type: outcome.getAttribute("data-type"),
    code: outcome.getAttribute("data-code"),
    thingId: Number(outcome.getAttribute("data-thing")),
    monthClicks: Number(outcome.getAttribute("data-month-clicks")),
    totalClicks: Number(outcome.getAttribute("data-total-clicks")),
    message: outcome.textContent.trim()
  };
  try {
    window.opener.postMessage(message, window.location.origin);
  } catch (err) {
    // The opener navigated away; nothing to tell.
  }
  if (message.type === "flattr:done" && outcome.getAttribute("data-autoclose") === "true") {
    window.setTimeout(function () { window.close(); }, 2500);
  }
})();
