// Forms and times on a browser in UTC (run.mjs) while the demo offices are in America/Chicago.
import { assert, checkA11y, shot, signIn } from "./support.mjs";

export const formsSteps = [
  {
    id: "forms-empty-register",
    name: "forms: an empty registration shows every field error at once in plain words",
    async run({ newPage, appUrl, artifacts }) {
      const page = await newPage();
      let sent = 0;
      page.on("request", (r) => r.url().includes("/api/v1/auth/register") && (sent += 1));
      await page.goto(`${appUrl}/register`);
      await page.getByRole("button", { name: "Create account" }).dblclick();
      const form = page.getByRole("form", { name: "Create your patient account" });
      await form.getByText("Enter a first name.").waitFor();
      for (const text of ["Enter a last name.", "Enter a date of birth.", "Enter an email address.", "Enter a username.", "Enter a password."]) {
        await form.getByText(text).waitFor();
      }
      const said = await form.textContent();
      assert(!/premature end of input|deserialize|line \d+ column \d+|well-formed/i.test(said), `raw parser text on the form: ${said}`);
      assert(sent === 0, `an empty form should send nothing, sent ${sent}`);
      await checkA11y(page, "registration with errors");
      await shot(page, artifacts, "forms-register-errors");
    },
  },
  {
    id: "forms-chicago-times",
    name: "forms: the patient's appointments read Chicago time with its label on a UTC browser",
    async run({ newPage, appUrl, artifacts, state }) {
      const page = await newPage();
      assert((await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)) === "UTC", "the e2e browser should run in UTC");
      // The journey's new patient, or the demo's Alice when this step runs alone (E2E_ONLY).
      const who = state.patient ?? { username: "alice", password: "clinic-demo-2026" };
      await signIn(page, appUrl, who.username, who.password);
      await page.goto(`${appUrl}/patient/appointments`);
      const visit = page.getByRole("listitem").filter({ has: page.locator("time") }).first();
      await visit.waitFor();
      const when = await visit.locator("time").first().textContent();
      const iso = await visit.locator("time").first().getAttribute("datetime");
      const chicago = new Intl.DateTimeFormat("en-US", { timeZone: "America/Chicago", hour: "numeric", minute: "2-digit" }).format(new Date(iso));
      assert(/ C[SD]T$/.test(when), `the time should carry Chicago's label: ${when}`);
      assert(when.includes(chicago.replace(/\u202f/g, " ").replace(/ [AP]M$/, "")), `the time should read Chicago's clock (${chicago}): ${when}`);
      await checkA11y(page, "patient appointments");
      await shot(page, artifacts, "forms-chicago-times");
    },
  },
];
