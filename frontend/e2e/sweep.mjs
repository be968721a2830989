// The whole-app sweep: for each role (and a specialist), every main page of its navigation plus
// the shared ones, at 1440×900 and 390×844: the page has its own title, axe-core finds no serious
// or critical violation, and a full-page screenshot is kept as
// `artifacts/<role>-<page>-<width>.png`. At 390 px the navigation is behind the menu button,
// which opens it (checked with axe too). Every failure of a role is reported at once.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { assert, checkA11y, signIn } from "./support.mjs";

const WIDTHS = [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
];

const SHARED = [
  { path: "/notifications", page: "notifications" },
  { path: "/profile", page: "profile" },
];

const DOCTOR_PAGES = ["schedule", "patients", "approvals", "hours", "calendar-feed", "time-off", "book-series"];

/** Each role's main pages: its navigation (routes/layout.tsx) and the shared pages. */
const ROLES = [
  { role: "patient", login: "alice", section: "patient", pages: ["appointments", "book", "records", "bills", "care", "waitlist"] },
  { role: "doctor", login: "dr.house", section: "doctor", pages: DOCTOR_PAGES },
  { role: "specialist", login: "dr.yang", section: "doctor", pages: DOCTOR_PAGES },
  { role: "staff", login: "frontdesk", section: "staff", pages: ["board", "patients", "book", "billing", "waitlist", "closures", "outbox", "book-series"] },
  { role: "admin", login: "admin", section: "admin", pages: ["users", "doctors", "offices", "specialties", "audit-log", "closures", "outbox"] },
];

/** Runs `check`, collecting its failure instead of stopping the sweep. */
async function collect(problems, what, check) {
  try {
    await check();
  } catch (error) {
    problems.push(`${what}: ${String(error?.message ?? error).split("\n").slice(0, 12).join("\n    ")}`);
  }
}

async function sweepRole({ role, login, section, pages }, { newPage, appUrl, artifacts, log }) {
  const page = await newPage({ viewport: WIDTHS[0] });
  await signIn(page, appUrl, login);
  const targets = [...pages.map((p) => ({ path: `/${section}/${p}`, page: p })), ...SHARED];
  const problems = [];
  for (const size of WIDTHS) {
    await page.setViewportSize(size);
    for (const target of targets) {
      const what = `${role} ${target.path} at ${size.width}`;
      await page.goto(`${appUrl}${target.path}`);
      await page.locator("main h1").first().waitFor().catch(() => {});
      await page.waitForLoadState("networkidle").catch(() => {});
      // Lists and grids load after the page's heading; give them their moment.
      await page.waitForTimeout(300);
      await collect(problems, `${what} title`, async () => {
        const title = await page.title();
        assert(title.trim() !== "Clinic" && title.trim() !== "", `the page's title is only "${title}"`);
      });
      await collect(problems, `${what} axe`, () => checkA11y(page, what));
      await page.screenshot({ path: join(artifacts, `${role}-${target.page}-${size.width}.png`), fullPage: true });
    }
    if (size.width < 768) {
      // The narrow header: the navigation is one menu button away, and every link is in it.
      await collect(problems, `${role} menu at ${size.width}`, async () => {
        const menu = page.getByRole("button", { name: "Menu" });
        await menu.click();
        const nav = page.locator("#mobile-nav");
        await nav.waitFor();
        assert((await menu.getAttribute("aria-expanded")) === "true", "the menu button should say it is expanded");
        for (const p of pages) {
          const links = await nav.locator(`a[href="/${section}/${p}"]`).count();
          assert(links === 1, `the menu should link to /${section}/${p}`);
        }
        await checkA11y(page, `${role} open menu at ${size.width}`);
        await page.screenshot({ path: join(artifacts, `${role}-menu-${size.width}.png`), fullPage: false });
        // Nothing of the header sticks out sideways on a phone.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert(overflow <= 0, `the page is ${overflow}px wider than the phone's screen with the menu open`);
        await menu.click();
      });
    }
  }
  log(`${role}: ${targets.length} pages × ${WIDTHS.length} widths, ${problems.length} problems`);
  // The runner prints only the first lines of a failure: the whole list goes to the log and a file.
  for (const problem of problems) log(`  ${problem}`);
  writeFileSync(join(artifacts, `sweep-${role}.txt`), problems.length ? `${problems.join("\n")}\n` : "no problems\n");
  assert(problems.length === 0, `${problems.length} problems on ${role}'s pages:\n  ${problems.join("\n  ")}`);
}

export const sweepSteps = ROLES.map((spec) => ({
  id: `sweep-${spec.role}`,
  name: `sweep: every main page of the ${spec.role} (${spec.login}) has a title, is axe-clean and is screenshotted at 1440×900 and 390×844`,
  run: (context) => sweepRole(spec, context),
}));
