// What every end-to-end step file shares: signing in through the app, the API as a signed-in
// user (to set up data the way a user of the app would), assertions, screenshots, and dates on
// the demo clinic's clock (its offices are in America/Chicago).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

export const PASSWORD = "clinic-demo-2026";

export function assert(condition, message) {
  if (!condition) throw new Error(message);
}

export async function signIn(page, appUrl, login, password = PASSWORD) {
  await page.goto(`${appUrl}/login`);
  await page.getByLabel("Username or email").fill(login);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Signing in lands on "/" for a moment, which then redirects to the role's home: wait for
  // the home, or a click made in between can be overtaken by the redirect.
  await page.waitForURL((url) => url.pathname !== "/" && !url.pathname.startsWith("/login"));
}

/** The API as a signed-in user: `(method, path, body?) => parsed JSON`, throwing on a non-2xx. */
export async function apiAs(appUrl, login, password = PASSWORD) {
  const response = await fetch(`${appUrl}/api/v1/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ login, password }),
  });
  assert(response.ok, `sign-in of ${login} failed: ${response.status}`);
  const { access_token: token } = await response.json();
  return async (method, path, body) => {
    const r = await fetch(`${appUrl}/api/v1${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${path} → ${r.status}: ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : null;
  };
}

export async function shot(page, artifacts, name) {
  await page.waitForLoadState("networkidle").catch(() => {});
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}

/** A form control by its label, with or without the required-field asterisk. */
export function field(page, label) {
  return page.getByLabel(new RegExp(`^${label}( \\*)?$`));
}

/** A calendar day "YYYY-MM-DD" in the offices' zone, `days` from today. */
export function dayInChicago(days) {
  const now = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat("en-CA", { timeZone: "America/Chicago", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

export function weekdayOf(key) {
  return new Date(`${key}T12:00:00Z`).getUTCDay(); // 0 = Sunday
}

/** The next weekday (Monday to Friday) at least `min` days ahead, on the offices' clock. */
export function nextWeekday(min) {
  for (let d = min; ; d += 1) {
    const key = dayInChicago(d);
    if (weekdayOf(key) >= 1 && weekdayOf(key) <= 5) return key;
  }
}

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/**
 * Runs axe-core on what the page shows now (an open dialog included) and fails on any serious
 * or critical violation, naming the rule and the elements. Call it on every page a step visits.
 */
export async function checkA11y(page, what) {
  await page.waitForLoadState("networkidle").catch(() => {});
  // Evaluated rather than added as a <script>: the app's Content-Security-Policy refuses inline scripts.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(readFileSync(AXE, "utf8"));
  // axe reads computed colours: a button caught mid-way through its 150 ms colour transition
  // (just enabled, say) has a contrast no user ever sees settled. Let finite animations end.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().endTime !== Infinity)
        .map((a) => a.finished.catch(() => {})),
    ),
  );
  const { violations } = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  if (bad.length === 0) return;
  const lines = bad.map((v) => `  ${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
  throw new Error(`accessibility violations on ${what ?? page.url()}:\n${lines.join("\n")}`);
}
