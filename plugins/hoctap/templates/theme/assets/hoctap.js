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
/* Clubs and classes: filter the cards in place (the facet links lead to static pages without JS).
   Choices in different groups combine (e.g. Bản Lán and Thứ Ba); a second click on a chip clears it. */
(function () {
  "use strict";
  function matches(card, group, value) {
    if (group === "kind") { return card.getAttribute("data-kind") === value; }
    if (group === "village") { return card.getAttribute("data-village") === value; }
    if (group === "day") { return (card.getAttribute("data-days") || "").split(" ").indexOf(value) >= 0; }
    if (group === "open") { return card.getAttribute("data-open") === "1"; }
    return true;
  }
  function setup(root) {
    var bar = root.querySelector("[data-hoctap-facets]");
    if (!bar) { return; }
    var chosen = {};
    var status = root.querySelector("[data-hoctap-clubs-status]");
    var links = bar.querySelectorAll("a[data-facet-group]");
    function apply() {
      var groups = Object.keys(chosen);
      var shown = 0, total = 0;
      root.querySelectorAll("[data-hoctap-section]").forEach(function (section) {
        var left = 0;
        section.querySelectorAll("[data-hoctap-card]").forEach(function (card) {
          var ok = groups.every(function (g) { return matches(card, g, chosen[g]); });
          card.hidden = !ok;
          total += 1;
          if (ok) { left += 1; }
        });
        shown += left;
        var empty = section.querySelector(".hoctap-empty");
        if (empty) { empty.hidden = left > 0; }
      });
      // Each chip's count: the cards it would show, combined with the choices in the other groups.
      var cards = root.querySelectorAll("[data-hoctap-card]");
      links.forEach(function (link) {
        var g = link.getAttribute("data-facet-group");
        var count = link.querySelector(".hoctap-facets__count");
        if (!g || !count) { return; }
        var v = link.getAttribute("data-facet-value"), n = 0;
        cards.forEach(function (card) {
          var ok = matches(card, g, v) && groups.every(function (o) { return o === g || matches(card, o, chosen[o]); });
          if (ok) { n += 1; }
        });
        count.textContent = "(" + n + ")";
      });
      var labels = [];
      links.forEach(function (link) {
        var g = link.getAttribute("data-facet-group");
        var on = g ? chosen[g] === link.getAttribute("data-facet-value") : groups.length === 0;
        if (on) { link.setAttribute("aria-current", "true"); } else { link.removeAttribute("aria-current"); }
        if (on && g) { labels.push(link.firstChild.textContent.trim()); }
      });
      if (status) {
        status.hidden = groups.length === 0;
        status.textContent = groups.length ? "Đang lọc: " + labels.join(", ") + " – " + shown + "/" + total + " mục." : "";
      }
    }
    links.forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        var g = link.getAttribute("data-facet-group");
        var v = link.getAttribute("data-facet-value");
        if (!g) { chosen = {}; } else if (chosen[g] === v) { delete chosen[g]; } else { chosen[g] = v; }
        apply();
      });
    });
  }
  function run() { document.querySelectorAll("[data-hoctap-clubs]").forEach(setup); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", run); } else { run(); }
})();
