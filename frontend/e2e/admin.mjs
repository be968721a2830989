// The admin screens (issue 14, part "admin"), walked as the demo's admin: a new user needs a role
// chosen explicitly; deactivating and reactivating an account (and what that means for signing
// in); the audit log searched by username and by patient, with human labels and whose record each
// entry is; an office's time zone chosen from the server's list.
import { assert, checkA11y, field, shot, signIn } from "./support.mjs";

async function canSignIn(appUrl, login, password) {
  const response = await fetch(`${appUrl}/api/v1/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ login, password }),
  });
  return response.ok;
}

/** The users table filtered by a search text, once loaded. */
async function findUser(page, text) {
  await page.getByLabel("Search by name, username or email").fill(text);
  const row = page.getByRole("table", { name: "Users" }).getByRole("row").filter({ hasText: text });
  await row.first().waitFor();
  return row.first();
}

export const adminSteps = [
  {
    id: "admin-new-user",
    name: "admin: a new user needs an explicitly chosen role; with one, the account is created",
    async run({ newPage, appUrl, artifacts, state }) {
      const stamp = Date.now().toString(36);
      state.adminUser = { username: `e2e.desk.${stamp}`, password: `Desk-${stamp}-pass!` };
      const { username, password } = state.adminUser;
      const page = await newPage();
      await signIn(page, appUrl, "admin");
      await page.waitForURL("**/admin/users");
      await page.getByRole("button", { name: "New user" }).click();
      const form = page.getByRole("form", { name: "New user" });
      await field(form, "Username").fill(username);
      await field(form, "Email").fill(`${username}@example.com`);
      await field(form, "Password").fill(password);
      const role = field(form, "Role");
      assert((await role.inputValue()) === "", "the role should start unchosen");
      assert((await role.locator("option:checked").textContent()) === "Choose a role…", "the role select should ask for a choice");
      await form.getByRole("button", { name: "Create user" }).click();
      // Refused on the Role field, in words; nothing created.
      const said = await form.locator(`[id="${await role.getAttribute("id")}-error"]`).textContent();
      assert(/choose a role/i.test(said), `the Role field should ask for a role: ${said}`);
      await checkA11y(page, "new user form with an error");
      await page.getByLabel("Search by name, username or email").fill(username);
      await page.getByText("No users match.").waitFor();

      await role.selectOption("staff");
      await form.getByRole("button", { name: "Create user" }).click();
      await form.waitFor({ state: "detached" });
      await page.reload();
      const row = await findUser(page, username);
      await row.getByRole("cell", { name: "Front desk", exact: true }).waitFor();
      await row.getByText("Active", { exact: true }).waitFor();
      assert(await canSignIn(appUrl, username, password), "the new front-desk account should sign in");
      await checkA11y(page, "users");
      await shot(page, artifacts, "admin-new-user");
    },
  },
  {
    id: "admin-reactivate",
    needs: ["admin-new-user"],
    name: "admin: deactivating a user (confirmed in a dialog) stops their sign-in; reactivating lets them in again",
    async run({ newPage, appUrl, state }) {
      const { username, password } = state.adminUser;
      const page = await newPage();
      await signIn(page, appUrl, "admin");
      await page.waitForURL("**/admin/users");
      let row = await findUser(page, username);
      await row.getByRole("button", { name: `Deactivate ${username}` }).click();
      const dialog = page.getByRole("dialog", { name: `Deactivate ${username}?` });
      await dialog.waitFor();
      await checkA11y(page, "deactivate dialog");
      await dialog.getByRole("button", { name: "Deactivate" }).click();
      await dialog.waitFor({ state: "detached" });
      await page.reload();
      row = await findUser(page, username);
      await row.getByText("Deactivated", { exact: true }).waitFor();
      assert(!(await canSignIn(appUrl, username, password)), "a deactivated user must not sign in");

      await row.getByRole("button", { name: `Reactivate ${username}` }).click();
      await row.getByRole("button", { name: `Deactivate ${username}` }).waitFor();
      await page.reload();
      row = await findUser(page, username);
      await row.getByText("Active", { exact: true }).waitFor();
      assert(await canSignIn(appUrl, username, password), "a reactivated user should sign in again");
      await checkA11y(page, "users after reactivation");
    },
  },
  {
    id: "admin-audit-search",
    name: "admin: the audit log found by username and by patient names the patient and reads in plain labels",
    async run({ newPage, appUrl, artifacts, state }) {
      // The journey's patient when it ran (the doctor wrote their record); else the demo's Alice,
      // whose visits the demo's doctors booked and completed.
      const patient = state.recordWritten ? state.patientName : "Alice Smith";
      const page = await newPage();
      await signIn(page, appUrl, "admin");
      await page.goto(`${appUrl}/admin/audit-log`);
      const table = page.getByRole("table", { name: "Audit log entries" });
      await table.waitFor();
      await page.getByLabel("Changed by").fill("dr.house");
      await page.getByLabel("Patient", { exact: true }).fill(patient);
      await page.getByRole("button", { name: "Search" }).click();
      await page.getByText(new RegExp(`^Showing the records of ${patient}`)).waitFor();
      const rows = table.locator("tbody tr");
      await rows.filter({ hasText: patient }).first().waitFor();
      // Every entry is dr.house's, about this patient, in words (no table names or codes).
      const cells = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent.trim())));
      assert(cells.length > 0, "the doctor's entries about the patient should be listed");
      for (const [, record, who, action, by] of cells) {
        assert(who === patient, `every entry should be about ${patient}, got ${who}`);
        assert(by === "dr.house", `every entry should be by dr.house, got ${by}`);
        assert(!/_/.test(record) && !/_/.test(action), `labels should be words, got ${record} / ${action}`);
      }
      await checkA11y(page, "audit log by username and patient");
      await shot(page, artifacts, "admin-audit-by-patient");
      if (state.recordWritten) {
        // Narrowed to what the doctor wrote (the chart's reads fill the first pages): the record.
        await page.getByLabel("Record type").selectOption({ label: "Medical record" });
        await page.getByLabel("Action").selectOption({ label: "Created" });
        await page.getByRole("button", { name: "Search" }).click();
        const written = rows.filter({ hasText: "Medical record" }).filter({ hasText: "Created" }).filter({ hasText: patient });
        await written.first().waitFor();
        const others = await rows.filter({ hasNotText: patient }).count();
        assert(others === 0, `${others} created medical records listed are not ${patient}'s`);
      }

      // By username alone: the admin's own sign-ins, with no patient.
      await page.getByRole("button", { name: "Clear" }).click();
      await page.getByLabel("Changed by").fill("admin");
      await page.getByLabel("Action").selectOption({ label: "Signed in" });
      await page.getByRole("button", { name: "Search" }).click();
      const signIns = table.locator("tbody tr").filter({ hasText: "Signed in" });
      await signIns.first().waitFor();
      const by = await table.locator("tbody tr td:nth-child(5)").allTextContents();
      assert(by.length > 0 && by.every((b) => b.trim() === "admin"), `only the admin's entries should be listed: ${by.join(", ")}`);
    },
  },
  {
    id: "admin-office-zone",
    name: "admin: an office's time zone is chosen from a list, and it is saved",
    async run({ newPage, appUrl, artifacts }) {
      const name = `Lakeside Clinic e2e ${Date.now().toString(36)}`;
      const page = await newPage();
      await signIn(page, appUrl, "admin");
      await page.goto(`${appUrl}/admin/offices`);
      await page.getByRole("table", { name: "Offices" }).waitFor();
      await page.getByRole("button", { name: "New office" }).click();
      const form = page.getByRole("form", { name: "Office" });
      const zone = field(form, "Time zone");
      // A list, not free text: the server's zone names.
      assert((await zone.evaluate((el) => el.tagName)) === "SELECT", "the time zone should be chosen from a list");
      await zone.locator("option", { hasText: "America/Denver" }).waitFor({ state: "attached" });
      const options = await zone.locator("option").allTextContents();
      assert(options.length > 100 && options.includes("America/Chicago") && options.includes("Europe/Paris"), `the list should hold the world's zones, got ${options.length}`);
      await checkA11y(page, "office form");
      await field(form, "Name").fill(name);
      await zone.selectOption("America/Denver");
      await field(form, "Street").fill("1 Lake Shore Drive");
      await field(form, "City").fill("Springfield");
      // Not open for appointments: the demo's booking steps stay on the demo's offices.
      await form.getByLabel("Open for appointments").uncheck();
      await form.getByRole("button", { name: "Save office" }).click();
      await form.waitFor({ state: "detached" });
      await page.reload();
      const row = page.getByRole("table", { name: "Offices" }).getByRole("row").filter({ hasText: name });
      await row.getByRole("cell", { name: "America/Denver" }).waitFor();
      await row.getByRole("button", { name: `Edit ${name}` }).click();
      assert((await field(page.getByRole("form", { name: "Office" }), "Time zone").inputValue()) === "America/Denver", "the saved zone should be the chosen one");
      await checkA11y(page, "offices");
      await shot(page, artifacts, "admin-office-zone");
    },
  },
];
