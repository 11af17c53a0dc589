/* The button inside its frame. A click never flattrs from here: it opens Flattr's own confirmation window
 * (first-party, never framed), which tells this frame the outcome through postMessage. */
(function () {
  "use strict";
  var button = document.getElementById("flattr");
  var count = document.getElementById("count");
  var confirmUrl = button.getAttribute("data-confirm");
  var popup = null;

  button.addEventListener("click", function (e) {
    e.preventDefault();
    if (popup && !popup.closed) { popup.focus(); return; }
    popup = window.open(confirmUrl, "flattr_confirm", "popup,width=480,height=600");
    if (!popup) { window.open(confirmUrl, "_blank"); }
  });

  window.addEventListener("message", function (e) {
    // Only Flattr's own confirmation window speaks to the button.
    if (e.origin !== window.location.origin || !e.data || typeof e.data !== "object") { return; }
    if (e.data.type === "flattr:done") {
      count.textContent = String(e.data.totalClicks);
      button.classList.add("done");
      button.setAttribute("title", e.data.message || "");
    } else if (e.data.type === "flattr:refused") {
      button.setAttribute("title", e.data.message || "");
      if (e.data.code === "flattr_once") { button.classList.add("done"); }
    }
  });
})();
