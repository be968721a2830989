// The journey through the clinic: each test may depend on state the ones before it left.
import { join } from "node:path";

const PASSWORD = "clinic-demo-2026";

async function signIn(page, appUrl, login, password = PASSWORD) {
  await page.goto(`${appUrl}/login`);
  await page.getByLabel("Username or email").fill(login);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

async function shot(page, artifacts, name) {
  await page.waitForLoadState("networkidle").catch(() => {});
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}

/** A form control by its label, with or without the required-field asterisk. */
function field(page, label) {
  return page.getByLabel(new RegExp(`^${label}( \\*)?$`));
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** The list item of an appointment or bill that names the patient. */
function itemFor(page, name) {
  return page.getByRole("listitem").filter({ hasText: name }).first();
}

/** The doctor's schedule card of the patient's visit, paging forward through the weeks. */
async function findVisitCard(page, appUrl, patientName) {
  await page.goto(`${appUrl}/doctor/schedule`);
  await page.getByRole("button", { name: "week" }).click();
  const card = itemFor(page, patientName);
  for (let i = 0; i < 4 && !(await card.isVisible().catch(() => false)); i += 1) {
    await page.getByText(/No appointments this week|Scheduled|Confirmed|Completed|Checked in/).first().waitFor();
    if (await card.isVisible().catch(() => false)) break;
    await page.getByRole("button", { name: "Next week" }).click();
  }
  await card.waitFor();
  return card;
}

export const journey = [
  {
    id: "register-book",
    name: "a patient registers and books a free slot",
    async run({ newPage, appUrl, artifacts, state }) {
      const stamp = Date.now().toString(36);
      state.patient = { username: `e2e.${stamp}`, password: `Journey-${stamp}-pass!`, first: "Erin", last: `Tester${stamp}` };
      state.patientName = `${state.patient.first} ${state.patient.last}`;
      const page = await newPage();
      await page.goto(`${appUrl}/register`);
      await page.getByLabel("First name").fill(state.patient.first);
      await page.getByLabel("Last name").fill(state.patient.last);
      await page.getByLabel("Date of birth").fill("1990-04-01");
      await page.getByLabel("Email").fill(`${state.patient.username}@example.com`);
      await page.getByLabel("Username").fill(state.patient.username);
      await page.getByLabel("Password").fill(state.patient.password);
      await page.getByRole("button", { name: "Create account" }).click();
      await page.waitForURL("**/patient/book");

      const doctor = page.getByLabel("Doctor");
      await doctor.locator("option", { hasText: "House" }).first().waitFor({ state: "attached" });
      const labels = await doctor.locator("option").allTextContents();
      await doctor.selectOption({ index: labels.findIndex((l) => l.includes("House")) });
      const office = page.getByLabel("Office");
      await office.locator("option").nth(1).waitFor({ state: "attached" });
      if (!(await office.inputValue())) await office.selectOption({ index: 1 });

      const slots = page.getByRole("radiogroup", { name: "Free times" }).getByRole("radio");
      for (let week = 0; week < 3 && !(await slots.first().isVisible().catch(() => false)); week += 1) {
        await page.getByText(/Finding free times|No free times|Free times/).first().waitFor();
        if (await slots.first().isVisible().catch(() => false)) break;
        if (await page.getByText("No free times this week.").isVisible()) await page.getByRole("button", { name: /Later/ }).click();
      }
      const slot = slots.first();
      await slot.click();
      state.slotLabel = await slot.getAttribute("aria-label");
      await page.getByLabel("Reason for the visit").fill("Persistent cough");
      await page.getByRole("button", { name: "Book appointment" }).click();
      await page.getByText(/^Booked:/).waitFor();
      state.appointmentDay = await page.evaluate(() => {
        const d = new Date();
        return d.toISOString();
      });

      await page.getByRole("link", { name: "See your appointments" }).click();
      await itemFor(page, "House").getByText("Scheduled").waitFor();
      await shot(page, artifacts, "patient-appointments");
    },
  },
  {
    id: "doctor-visit",
    needs: ["register-book"],
    name: "the doctor checks the patient in and completes the visit",
    async run({ newPage, appUrl, artifacts, state }) {
      const page = await newPage();
      await signIn(page, appUrl, "dr.house");
      await page.waitForURL("**/doctor/schedule");
      const card = await findVisitCard(page, appUrl, state.patientName);
      await card.getByRole("button", { name: /^Check in/ }).click();
      await card.getByText("Checked in").waitFor();
      await card.getByRole("button", { name: /^Complete/ }).click();
      await card.getByText("Completed").waitFor();
      await page.getByRole("button", { name: "Today" }).click();
      await shot(page, artifacts, "doctor-schedule");
    },
  },
  {
    id: "doctor-record",
    needs: ["doctor-visit"],
    name: "the doctor writes a record with a test result and a prescription",
    async run({ newPage, appUrl, artifacts, state }) {
      const page = await newPage();
      await signIn(page, appUrl, "dr.house");
      const card = await findVisitCard(page, appUrl, state.patientName);
      await card.getByRole("link", { name: "Write record" }).click();
      await field(page, "Diagnosis").fill("Acute bronchitis");
      await field(page, "Notes").fill("Cough for two weeks.\nNo fever.");
      await page.getByRole("button", { name: "Add a test result" }).click();
      await field(page, "Test 1").fill("CRP");
      await field(page, "Value").fill("12.5");
      await field(page, "Unit").fill("mg/L");
      await field(page, "Reference range").fill("0-5");
      await field(page, "Flag").selectOption("high");
      await page.getByRole("button", { name: "Add a prescription" }).click();
      await field(page, "Medication").fill("Amoxicillin");
      await field(page, "Dose").fill("500 mg");
      await field(page, "Frequency").fill("every 8 hours");
      await field(page, "Quantity").fill("21");
      await page.getByRole("button", { name: "Save record" }).click();
      await page.getByText("The record is saved with 1 prescription.").waitFor();
      state.recordWritten = true;
      // The visit's records above the form now hold it, so nobody writes it twice.
      await page.getByRole("region", { name: "Records of this visit" }).getByText("Acute bronchitis").waitFor();
      await page.getByRole("link", { name: "Open the chart" }).click();
      await page.getByText("Acute bronchitis").first().waitFor().catch(() => {});
      await shot(page, artifacts, "doctor-chart");
    },
  },
  {
    id: "staff-payment",
    needs: ["doctor-visit"],
    name: "staff record a payment of the visit's bill",
    async run({ newPage, appUrl, artifacts, state }) {
      const page = await newPage();
      await signIn(page, appUrl, "frontdesk");
      await page.waitForURL("**/staff/board");
      await shot(page, artifacts, "staff-board");
      await page.getByRole("link", { name: "Billing" }).first().click();
      const bill = itemFor(page, state.patientName);
      await bill.getByRole("button", { name: "Record payment" }).click();
      const balance = await bill.getByLabel("Amount").inputValue();
      assert(/^\d+\.\d\d$/.test(balance), `the amount field should hold the balance, got ${balance}`);
      state.billAmount = balance;
      await bill.getByLabel("Method").selectOption("cash");
      await bill.getByRole("button", { name: "Record payment" }).click();
      await bill.locator(`span:text-is("Paid")`).waitFor();
      await bill.getByText("$0.00").waitFor();
      await shot(page, artifacts, "staff-billing");
    },
  },
  {
    id: "patient-sees",
    needs: ["staff-payment"],
    name: "the patient sees the paid bill and the notifications",
    async run({ newPage, appUrl, artifacts, state }) {
      const page = await newPage();
      await signIn(page, appUrl, state.patient.username, state.patient.password);
      await page.goto(`${appUrl}/patient/bills`);
      const bill = itemFor(page, "House");
      await bill.locator(`span:text-is("Paid")`).waitFor();
      await bill.getByText("$0.00").waitFor();
      const bell = page.getByRole("button", { name: /^Notifications, \d+ unread$/ });
      await bell.waitFor();
      await bell.click();
      const panel = page.getByRole("region", { name: "Latest notifications" });
      await panel.getByRole("listitem").first().waitFor();
      assert((await panel.getByRole("listitem").count()) > 0, "the bell should list notifications");
      await shot(page, artifacts, "patient-notifications");
      await page.keyboard.press("Escape");
      if (state.recordWritten) {
        await page.goto(`${appUrl}/patient/records`);
        const record = itemFor(page, "Acute bronchitis");
        await record.getByText("1 flagged result").waitFor();
        await record.getByRole("row", { name: /CRP/ }).getByText("High").waitFor();
        await record.getByText("Amoxicillin").waitFor();
        await shot(page, artifacts, "patient-records");
      }
    },
  },
  {
    id: "patient-phone",
    needs: ["register-book"],
    name: "the patient's pages work on a phone-sized screen",
    async run({ newPage, appUrl, artifacts, state }) {
      const page = await newPage({ viewport: { width: 390, height: 844 } });
      await signIn(page, appUrl, state.patient.username, state.patient.password);
      await page.getByRole("button", { name: "Menu" }).click();
      await page.locator("#mobile-nav").getByRole("link", { name: "Bills" }).click();
      await page.waitForURL("**/patient/bills");
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert(overflow <= 0, `the page scrolls sideways by ${overflow}px on a phone`);
      await shot(page, artifacts, "patient-phone");
    },
  },
  {
    id: "admin",
    name: "the admin sees users and the audit log",
    async run({ newPage, appUrl, artifacts }) {
      const page = await newPage();
      await signIn(page, appUrl, "admin");
      await page.waitForURL("**/admin/users");
      await page.getByRole("cell", { name: "frontdesk" }).first().waitFor();
      await shot(page, artifacts, "admin-users");
      await page.getByRole("link", { name: "Audit log" }).first().click();
      await page.getByRole("table").waitFor();
      // Entries name who made them: the admin's own sign-in is there by username.
      await page.getByRole("cell", { name: /^admin #\d+$/ }).first().waitFor();
      await shot(page, artifacts, "admin-audit-log");
    },
  },
  {
    id: "signed-out",
    name: "signing out ends the session and protects the pages",
    async run({ newPage, appUrl }) {
      const page = await newPage();
      await signIn(page, appUrl, "frontdesk");
      await page.getByRole("button", { name: "Sign out" }).first().click();
      await page.getByText("You have signed out.").waitFor();
      await page.goto(`${appUrl}/staff/billing`);
      await page.waitForURL("**/login?next=%2Fstaff%2Fbilling");
    },
  },
];
