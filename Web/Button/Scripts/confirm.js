/* The confirmation window: tells the button that opened it what happened (postMessage to Flattr's own origin only),
 * says thanks and closes itself a moment after a flattr. Its Close button closes it at any time. */
(function () {
  "use strict";
  var closeDelayMs = 2500;

  function close() {
    window.close();
    // A window the reader opened themselves cannot be closed by script: go to the front page instead.
    window.setTimeout(function () { if (!window.closed) { window.location.href = "/"; } }, 300);
  }

  var closeButton = document.getElementById("close");
  if (closeButton) { closeButton.addEventListener("click", close); }

  var outcome = document.getElementById("outcome");
  if (!outcome) { return; }
  var message = {
    type: outcome.getAttribute("data-type"),
    code: outcome.getAttribute("data-code"),
    thingId: Number(outcome.getAttribute("data-thing")),
    monthClicks: Number(outcome.getAttribute("data-month-clicks")),
    totalClicks: Number(outcome.getAttribute("data-total-clicks")),
    message: outcome.textContent.trim()
  };
  if (window.opener) {
    try {
      // The button frame is served from this same origin: no other page may read the message.
      window.opener.postMessage(message, window.location.origin);
    } catch (err) {
      // The opener navigated away; nothing to tell.
    }
  }
  if (message.type === "flattr:done" && outcome.getAttribute("data-autoclose") === "true" && window.opener) {
    window.setTimeout(close, closeDelayMs);
  }
})();
