/* Vietnamese search that forgives missing diacritics (hoctap, core/search.py builds the index).
 *
 * Folding: NFC, lower case, đ → d, combining marks removed ("Giỗ Tổ" → "gio to"). Tone placement
 * does not matter ("hòa" = "hoà"). All query words must match a word of an entry (the last one as
 * a prefix while typing). Order: the staff guide last; then entries matching more of the typed
 * diacritics exactly; then the score (words in the title, the query as a phrase of the title,
 * the kind of entry); then shorter titles.
 *
 * The index is loaded with <script src> (a global), never fetch/XHR, so that search works from a
 * copy opened over file://. No inline script, no eval (Content-Security-Policy script-src 'self').
 * The same file runs under node for the tests (module.exports).
 */
(function () {
  "use strict";

  var TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;        // huyền, sắc, ngã, hỏi, nặng
  var MARKS = /[\u0300-\u036f]/g;
  var SPLIT = /[^\p{L}\p{M}\p{N}]+/u;
  var TYPE_BONUS = {"kế hoạch": 1.5, "sự kiện": 1, "câu lạc bộ": 1, "lớp học": 1, "nhà văn hóa": 1, "trang": 1};

  function fold(text) {
    return String(text).normalize("NFD").toLowerCase().replace(MARKS, "").replace(/đ/g, "d");
  }

  /* One word: folded (f), letters with their vowel marks but no tone (b), its tone marks (t). */
  function word(raw) {
    var nfd = raw.normalize("NFD").toLowerCase();
    var tones = (nfd.match(TONES) || []).sort().join("");
    return {f: fold(raw), b: nfd.replace(TONES, "").normalize("NFC"), t: tones,
            marked: fold(raw) !== raw.normalize("NFC").toLowerCase()};
  }

  function words(text) {
    return String(text || "").normalize("NFC").split(SPLIT).filter(Boolean).map(word);
  }

  function joined(ws) {
    return " " + ws.map(function (w) { return w.f; }).join(" ") + " ";
  }

  /* Index rows: [title, type, url, date, place, keywords, context, group, alt]. */
  function prepare(data) {
    return data.entries.map(function (row, i) {
      var title = words(row[0]), alt = words(row[8]);
      return {
        i: i, row: row, type: data.types[row[1] || 0], group: row[7] || 0,
        title: title, alt: alt, tj: joined(title), aj: joined(alt),
        other: words([data.types[row[1] || 0], row[4], row[5]].join(" "))
      };
    });
  }

  function find(ws, q, prefix) {
    var best = 0;   // 0 none, 1 folded only, 2 exact diacritics
    for (var k = 0; k < ws.length; k++) {
      var w = ws[k];
      var ok = prefix ? w.f.lastIndexOf(q.f, 0) === 0 : w.f === q.f;
      if (!ok) continue;
      var exact = prefix ? w.b.lastIndexOf(q.b, 0) === 0 && (!q.t || w.t === q.t)
                         : w.b === q.b && w.t === q.t;
      best = Math.max(best, exact ? 2 : 1);
      if (best === 2) break;
    }
    return best;
  }

  function score(entry, query, prefixLast) {
    var s = 0, exact = 0;
    for (var n = 0; n < query.length; n++) {
      var q = query[n], prefix = prefixLast && n === query.length - 1;
      var inTitle = Math.max(find(entry.title, q, prefix), find(entry.alt, q, prefix));
      var found = inTitle || find(entry.other, q, prefix);
      if (!found) return null;
      s += inTitle ? 3 : 1;
      if (q.marked && found === 2) exact += 1;
    }
    var phrase = joined(query).slice(0, prefixLast ? -1 : undefined);
    var length = entry.title.length;
    if (entry.tj.indexOf(phrase) >= 0) {
      s += entry.tj.indexOf(phrase) === 0 ? 7 : 5;
    } else if (entry.aj.indexOf(phrase) >= 0) {   // another name: weighs less than the title shown
      s += entry.aj.indexOf(phrase) === 0 ? 4 : 3;
      length = entry.alt.length;
    }
    s += TYPE_BONUS[entry.type] || 0;
    return {entry: entry, score: s, exact: exact, length: length};
  }

  function search(prepared, text, limit) {
    var query = words(text);
    if (!query.length) return [];
    var prefixLast = !/\s$/.test(text);
    var hits = [];
    for (var i = 0; i < prepared.length; i++) {
      var hit = score(prepared[i], query, prefixLast);
      if (hit) hits.push(hit);
    }
    hits.sort(function (a, b) {
      return (a.entry.group - b.entry.group) || (b.exact - a.exact) || (b.score - a.score) ||
             (a.length - b.length) || (a.entry.i - b.entry.i);
    });
    return limit ? hits.slice(0, limit) : hits;
  }

  var api = {fold: fold, words: words, prepare: prepare, search: search};
  if (typeof module !== "undefined" && module.exports) {
    module.exports = api;
    return;
  }
  window.hoctapSearch = api;

  /* -- the search page ------------------------------------------------------------------------ */

  var LIMIT = 30;

  function loadScript(src, done) {
    var el = document.createElement("script");
    el.src = src;
    el.onload = function () { done(true); };
    el.onerror = function () { done(false); };
    document.head.appendChild(el);
  }

  function start() {
    var form = document.querySelector("form[data-hoctap-search-index]");
    if (!form) return;
    var input = form.querySelector("input[name=q]");
    var status = document.getElementById("hoctap-search-status");
    var list = document.getElementById("hoctap-search-results");
    var base = form.getAttribute("data-hoctap-search-base") || "";
    var summaries = form.getAttribute("data-hoctap-search-summaries");
    var nojs = document.querySelector("[data-hoctap-search-nojs]");
    if (nojs) nojs.hidden = true;
    var prepared = null, shard = 500, asked = {};

    function summary(i) {
      var loaded = window.HOCTAP_SEARCH_SUMMARIES || {};
      var n = Math.floor(i / shard);
      return loaded[n] ? loaded[n][i - n * shard] || "" : null;
    }

    function render() {
      var text = input.value;
      list.textContent = "";
      if (!prepared) { status.textContent = "Đang tải chỉ mục tìm kiếm…"; return; }
      if (!text.trim()) { status.textContent = ""; return; }
      var hits = search(prepared, text, 0);
      if (!hits.length) {
        status.textContent = "Không tìm thấy kết quả cho “" + text.trim() + "”.";
        return;
      }
      status.textContent = "Tìm thấy " + hits.length + " kết quả cho “" + text.trim() + "”" +
        (hits.length > LIMIT ? ", hiện " + LIMIT + " kết quả đầu." : ".");
      var missing = {};
      hits.slice(0, LIMIT).forEach(function (hit) {
        var row = hit.entry.row;
        var li = document.createElement("li");
        li.className = "hoctap-search-result";
        var a = document.createElement("a");
        a.href = base + row[2];
        a.textContent = row[0];
        li.appendChild(a);
        var facts = [hit.entry.type, row[3], row[4], row[6]].filter(Boolean).join(" · ");
        var meta = document.createElement("p");
        meta.className = "hoctap-search-result__meta";
        meta.textContent = facts;
        li.appendChild(meta);
        var text = summary(hit.entry.i);
        if (text === null) missing[Math.floor(hit.entry.i / shard)] = true;
        if (text) {
          var p = document.createElement("p");
          p.className = "hoctap-search-result__summary";
          p.textContent = text;
          li.appendChild(p);
        }
        list.appendChild(li);
      });
      Object.keys(missing).forEach(function (n) {
        if (asked[n]) return;
        asked[n] = true;
        loadScript(summaries + n + ".js", function (ok) { if (ok) render(); });
      });
    }

    var params = new URLSearchParams(window.location.search);
    if (params.get("q")) input.value = params.get("q");
    input.addEventListener("input", render);
    form.addEventListener("submit", function (event) { event.preventDefault(); render(); });
    render();
    loadScript(form.getAttribute("data-hoctap-search-index"), function (ok) {
      if (!ok || !window.HOCTAP_SEARCH) {
        status.textContent = "Không tải được chỉ mục tìm kiếm.";
        return;
      }
      shard = window.HOCTAP_SEARCH.shard || shard;
      prepared = prepare(window.HOCTAP_SEARCH);
      render();
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
