// Expand an .ics file with Mozilla's ical.js and print its instances as JSON, for the tests to
// compare with recurring-ical-events. Usage: node expand.mjs FILE FROM TO  (dates YYYY-MM-DD,
// FROM inclusive, TO exclusive). Output: [{uid, recurrenceId, start, status, sequence}], sorted.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const [file, from, to] = process.argv.slice(2);
const root = new ICAL.Component(ICAL.parse(readFileSync(file, "utf8")));
for (const tz of root.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(new ICAL.Timezone(tz));
}
const lo = ICAL.Time.fromDateString(from);
const hi = ICAL.Time.fromDateString(to);
const vevents = root.getAllSubcomponents("vevent");
const overrides = new Map();
for (const v of vevents) {
  if (v.hasProperty("recurrence-id")) {
    const uid = v.getFirstPropertyValue("uid");
    if (!overrides.has(uid)) overrides.set(uid, []);
    overrides.get(uid).push(new ICAL.Event(v));
  }
}
const out = [];
const show = (t) => (t.isDate ? t.toString() : t.toJSDate().toISOString());
const push = (ev, start, rid) => {
  if (start.compare(lo) < 0 || start.compare(hi) >= 0) return;
  out.push({ uid: ev.uid, recurrenceId: rid ? show(rid) : null, start: show(start),
             status: ev.component.getFirstPropertyValue("status"), sequence: ev.sequence });
};
for (const v of vevents) {
  if (v.hasProperty("recurrence-id")) continue;
  const ev = new ICAL.Event(v);
  for (const o of overrides.get(ev.uid) || []) ev.relateException(o);
  if (!ev.isRecurring()) { push(ev, ev.startDate, null); continue; }
  const it = ev.iterator();
  for (let next = it.next(); next && next.compare(hi) < 0; next = it.next()) {
    const details = ev.getOccurrenceDetails(next);
    const changed = details.item !== ev;
    push(details.item, details.startDate, changed ? details.recurrenceId : null);
  }
}
out.sort((a, b) => (a.start + a.uid).localeCompare(b.start + b.uid));
console.log(JSON.stringify(out));
