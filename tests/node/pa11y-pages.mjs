// Runs pa11y (axe and htmlcs runners, WCAG2AA) on pages of a served site in every colour scheme
// and width asked for, with the chromium named in the job (never a downloaded browser).
// Reads {base, paths, runs: [[scheme, width], …], skip, chromium} as JSON on stdin; prints the issues as a JSON
// list of lines ("path [scheme width]: runner code: message | context"), and axe's undecided
// results apart ({issues, review}).
import pa11y from "pa11y";
import puppeteer from "puppeteer";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const job = JSON.parse(Buffer.concat(chunks).toString("utf8"));

const browser = await puppeteer.launch({
  executablePath: job.chromium,
  headless: true,
  args: ["--no-sandbox", "--disable-dev-shm-usage"],
});
const issues = [];
const review = [];
try {
  for (const [scheme, width] of job.runs) {
    // A fresh context per scheme: Material keeps the reader's palette in localStorage.
    const context = await browser.createBrowserContext();
    try {
      for (const path of job.paths) {
        const page = await context.newPage();
        await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: scheme }]);
        const result = await pa11y(job.base + path, {
          browser, page,
          runners: ["axe", "htmlcs"],
          standard: "WCAG2AA",
          viewport: { width, height: 900 },
          timeout: 60000,
          // Material sets the scheme from prefers-color-scheme once its script runs: wait for it
          // (a page that never reaches the scheme fails with a timeout), and for its script to
          // finish setting up the page (code blocks that scroll get keyboard focus).
          actions: [`wait for element body[data-md-color-scheme="${scheme === "dark" ? "slate" : "default"}"] to be added`],
          wait: 500,
        });
        for (const i of result.issues) {
          // axe's "incomplete" results (needsFurtherReview: axe could not decide, e.g. a code block
          // scrolled under the sticky header) are not violations; axe's own run in
          // test_quality_browser.py asserts on violations in the same way.
          if (i.runnerExtras && i.runnerExtras.needsFurtherReview) { review.push(`${path} [${scheme} ${width}px]: ${i.code}`); continue; }
          issues.push(`${path} [${scheme} ${width}px]: ${i.runner} ${i.code}: ${i.message} | ${(i.context || "").slice(0, 160)}`);
        }
        await page.close();
      }
    } finally {
      await context.close();
    }
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify({issues, review}));
