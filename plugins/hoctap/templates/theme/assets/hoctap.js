/* hoctap: small progressive enhancements; every page works without them. */
(function () {
  "use strict";
  /* The reader's day in Vietnam (UTC+7 all year, no daylight saving), as YYYY-MM-DD. */
  function vnToday() { return new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10); }
  function addDays(iso, n) {
    var d = new Date(iso + "T00:00:00Z");
    d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().slice(0, 10);
  }
  /* "Hôm nay" / "Tuần này": file each dated day under today, the rest of the reader's week
     (Monday to Sunday) or next week; past days and days without a place go to the hidden reserve. */
  function agenda() {
    var today = vnToday();
    var weekday = (new Date(today + "T00:00:00Z").getUTCDay() + 6) % 7;
    var nextMonday = addDays(today, 7 - weekday), afterNext = addDays(today, 14 - weekday);
    document.querySelectorAll("[data-hoctap-agenda]").forEach(function (root) {
      var parts = {};
      root.querySelectorAll("[data-hoctap-week]").forEach(function (part) {
        parts[part.getAttribute("data-hoctap-week")] = part;
      });
      var reserve = parts.later.querySelector("[data-hoctap-days]");
      var found = false;
      root.querySelectorAll("[data-hoctap-day-section]").forEach(function (day) {
        var date = day.getAttribute("data-hoctap-date");
        var where = date < today ? "past" : date === today ? "today" : date < nextMonday ? "this"
          : date < afterNext ? "next" : "later";
        var part = where !== "past" && where !== "later" ? parts[where] : null;
        (part ? part.querySelector("[data-hoctap-days]") : reserve).appendChild(day);
        day.hidden = !part;
        if (where === "today") { found = true; }
        day.querySelector("[data-hoctap-today-mark]").hidden = where !== "today";
      });
      Object.keys(parts).forEach(function (name) {
        if (name === "later" || name === "today") { return; }
        parts[name].hidden = parts[name].querySelectorAll("[data-hoctap-day-section]:not([hidden])").length === 0;
      });
      var stale = parts.today && parts.today.querySelector("[data-hoctap-stale]");
      if (stale) { stale.hidden = found; }
    });
  }
  /* Month grids: the reader's today, not the build day. */
  function todayMarker() {
    var today = vnToday();
    document.querySelectorAll("td[data-hoctap-day]").forEach(function (cell) {
      var on = cell.getAttribute("data-hoctap-day") === today;
      cell.classList.toggle("hoctap-grid__today", on);
      if (on) { cell.setAttribute("aria-current", "date"); } else { cell.removeAttribute("aria-current"); }
    });
  }
  /* Hide occurrences that have ended since the site was built (the HTML is right at build time),
     in upcoming lists and in the days of "Tuần này";
     a box with data-hoctap-limit shows at most that many of the rest. Its empty-state message
     shows exactly when no item is left. */
  function hidePast() {
    var now = Date.now();
    document.querySelectorAll("[data-hoctap-upcoming], [data-hoctap-day-box]").forEach(function (box) {
      var limit = parseInt(box.getAttribute("data-hoctap-limit") || "0", 10);
      var shown = 0;
      box.querySelectorAll("[data-hoctap-end]").forEach(function (item) {
        var end = Date.parse(item.getAttribute("data-hoctap-end"));
        var past = !isNaN(end) && end <= now;
        if (past) { item.setAttribute("data-hoctap-past", ""); } else { item.removeAttribute("data-hoctap-past"); }
        var show = !past && (!limit || shown < limit);
        item.hidden = !show;
        if (show) { shown += 1; }
      });
      box.querySelectorAll(".hoctap-month-group").forEach(function (group) {
        group.hidden = group.querySelectorAll("[data-hoctap-end]:not([hidden])").length === 0;
      });
      box.querySelectorAll(":scope > .hoctap-empty").forEach(function (empty) { empty.hidden = shown > 0; });
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
  function run() { agenda(); todayMarker(); hidePast(); copyButtons(); }
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
