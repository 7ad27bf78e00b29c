/* hoctap: small progressive enhancements; every page works without them. */
(function () {
  "use strict";
  /* Hide occurrences that have ended since the site was built (the HTML is right at build time). */
  function hidePast() {
    var now = Date.now();
    document.querySelectorAll("[data-hoctap-upcoming]").forEach(function (box) {
      box.querySelectorAll("[data-hoctap-end]").forEach(function (item) {
        var end = Date.parse(item.getAttribute("data-hoctap-end"));
        if (!isNaN(end) && end <= now) { item.hidden = true; item.setAttribute("data-hoctap-past", ""); }
      });
      box.querySelectorAll(".hoctap-month-group").forEach(function (group) {
        var left = group.querySelectorAll("[data-hoctap-end]:not([hidden])").length;
        group.hidden = left === 0;
      });
      var empty = box.querySelector(".hoctap-empty");
      if (empty) { empty.hidden = box.querySelectorAll("[data-hoctap-end]:not([hidden])").length > 0; }
    });
  }
  /* Copy-the-URL buttons on the subscription page. */
  function copyButtons() {
    document.querySelectorAll("[data-hoctap-copy]").forEach(function (button) {
      button.addEventListener("click", function () {
        var input = document.getElementById(button.getAttribute("data-hoctap-copy"));
        var status = button.parentNode.querySelector(".hoctap-copied");
        input.select();
        var done = function () { if (status) { status.textContent = "Đã sao chép."; } };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(input.value).then(done, function () { document.execCommand("copy"); done(); });
        } else { document.execCommand("copy"); done(); }
      });
    });
  }
  function run() { hidePast(); copyButtons(); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", run); } else { run(); }
})();
