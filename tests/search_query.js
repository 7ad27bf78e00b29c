// Runs the site's own search code (assets/hoctap-search.js) under node on a built index:
//   node tests/search_query.js <hoctap-search.js> <search/index-0.js> '<JSON list of queries>'
// prints, for each query, the top results as [title, type, url].
"use strict";
const fs = require("fs");
const vm = require("vm");
const [script, indexFile, queries] = process.argv.slice(2);
const api = require(require("path").resolve(script));
const sandbox = {window: {}};
vm.runInNewContext(fs.readFileSync(indexFile, "utf8"), sandbox);
const data = sandbox.window.HOCTAP_SEARCH;
const prepared = api.prepare(data);
const out = {};
for (const q of JSON.parse(queries)) {
  out[q] = api.search(prepared, q, 8).map((h) => [h.entry.row[0], h.entry.type, h.entry.row[2]]);
}
out["__fold__"] = JSON.parse(queries).map(api.fold);
process.stdout.write(JSON.stringify(out));
