/* The embed snippets on a thing's page: a Copy button beside each box. */
(function () {
  "use strict";
  var status = document.getElementById("copy-status");

  function copied(button) {
    var label = button.textContent;
    button.textContent = button.getAttribute("data-done");
    if (status) { status.textContent = button.getAttribute("data-done"); }
    window.setTimeout(function () { button.textContent = label; }, 1500);
  }

  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    button.addEventListener("click", function () {
      var box = document.getElementById(button.getAttribute("data-copy"));
      box.focus();
      box.select();
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(box.value).then(function () { copied(button); }, function () {
          if (document.execCommand("copy")) { copied(button); }
        });
      } else if (document.execCommand("copy")) {
        copied(button);
      }
    });
  });
})();
