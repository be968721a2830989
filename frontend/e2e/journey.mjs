// The journey through the clinic: each test may depend on state the ones before it left.
import { join } from "node:path";
import { assert, checkA11y, field, shot, signIn } from "./support.mjs";
import { bookingSteps } from "./booking.mjs";
import { calendarSteps } from "./calendar.mjs";
import { formsSteps } from "./forms.mjs";
import { moneySteps } from "./money.mjs";
import { sweepSteps } from "./sweep.mjs";
import { chartSteps } from "./chart.mjs";
import { adminSteps } from "./admin.mjs";

/** The list item of an appointment or bill that names the patient. */
function itemFor(page, name) {
  return page.getByRole("listitem").filter({ hasText: name }).first();
}

/**
 * The patient's visit on the doctor's time grid (today, after "the visit's day arrives"),
 * chosen: its details with the actions are the "Selected visit" region.
 */
async function findVisitCard(page, appUrl, patientName) {
  await page.goto(`${appUrl}/doctor/schedule`);
  const block = page.getByRole("button", { name: new RegExp(`,\\s*${patientName}\\s*,`) }).first();
  await block.click();
  const details = page.getByRole("region", { name: "Selected visit" });
  await details.getByText(patientName).waitFor();
  return details;
}

/**
 * The day of the patient's visit arrives. The journey cannot wait for the future slot the patient
 * booked, and the API rightly refuses to book in the past, so this stands for time passing: the
 * patient's next active appointment moves to a moment that has started and is still today at its
 * office (the office's time zone decides "today": a few minutes ago, or the office's midnight
 * just after it), free for the doctor and the patient. Nothing else changes.
 */
const VISIT_DAY_SQL = `
WITH visit AS (
  SELECT a.appointment_id, a.doctor_id, a.patient_id, a.duration_minutes,
         date_trunc('day', now() AT TIME ZONE o.time_zone) AT TIME ZONE o.time_zone AS midnight
  FROM appointments a
  JOIN patients p ON p.patient_id = a.patient_id
  JOIN users u ON u.user_id = p.user_id
  JOIN offices o ON o.office_id = a.office_id
  WHERE lower(u.username) = lower(:'username') AND a.status IN ('scheduled', 'confirmed') AND a.appointment_datetime > now()
  ORDER BY a.appointment_datetime LIMIT 1
), moment AS (
  SELECT v.appointment_id, c.starts_at, c.starts_at + make_interval(mins => v.duration_minutes) AS ends_at
  FROM visit v
  CROSS JOIN LATERAL (SELECT generate_series(now() - interval '5 minutes', now() - interval '1 day', interval '-5 minutes')
                      UNION ALL SELECT v.midnight) c(starts_at)
  WHERE c.starts_at >= v.midnight AND c.starts_at < now()
    AND NOT EXISTS (
      SELECT 1 FROM appointments b
      WHERE b.appointment_id <> v.appointment_id AND (b.doctor_id = v.doctor_id OR b.patient_id = v.patient_id)
        AND b.status IN ('scheduled', 'confirmed', 'checked_in') AND NOT b.is_overbooked
        AND tstzrange(b.appointment_datetime, b.ends_at) && tstzrange(c.starts_at, c.starts_at + make_interval(mins => v.duration_minutes)))
  ORDER BY c.starts_at DESC LIMIT 1
)
UPDATE appointments a SET appointment_datetime = m.starts_at, ends_at = m.ends_at
FROM moment m WHERE a.appointment_id = m.appointment_id
RETURNING a.appointment_id, m.starts_at;
`;

/**
 * On the booking page: Dr. House at his office, and the first free time from `weeksAhead` weeks
 * on (paging on while a week has none). Returns the chosen slot.
 */
async function pickHouseSlot(page, weeksAhead) {
  // Booking opens on "first available"; the journey books Dr. House, chosen by name.
  await page.getByLabel("Find a time").selectOption("doctor");
  const doctor = page.getByLabel("Doctor");
  await doctor.locator("option", { hasText: "House" }).first().waitFor({ state: "attached" });
  const labels = await doctor.locator("option").allTextContents();
  await doctor.selectOption({ index: labels.findIndex((l) => l.includes("House")) });
  const office = page.getByLabel("Office");
  await office.locator("option").nth(1).waitFor({ state: "attached" });
  if (!(await office.inputValue())) await office.selectOption({ index: 1 });

  // One radio group per office day; any day's first free time will do.
  const slots = page.getByRole("radiogroup").getByRole("radio");
  const noneThisWeek = page.getByText("No free times this week.");
  const week = page.locator("fieldset p[aria-live=polite]");
  const later = async () => {
    const shown = await week.textContent();
    await page.getByRole("button", { name: /Later/ }).click();
    await page.waitForFunction(([el, before]) => el.textContent !== before, [await week.elementHandle(), shown]);
  };
  for (let i = 0; i < weeksAhead; i += 1) await later();
  // The week's free times, or its empty state once they have loaded; else the next week.
  for (let i = 0; i < 3; i += 1) {
    await slots.first().or(noneThisWeek).waitFor();
    if (await slots.first().isVisible()) break;
    await later();
  }
  const slot = slots.first();
  await slot.click();
  return slot;
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

      const slot = await pickHouseSlot(page, 0);
      state.slotLabel = await slot.getAttribute("aria-label");
      await page.getByLabel("Reason for the visit").fill("Persistent cough");
      await page.getByRole("button", { name: "Book appointment" }).click();
      await page.getByText(/^Booked:/).waitFor();

      await page.getByRole("link", { name: "See your appointments" }).click();
      await itemFor(page, "House").getByText("Scheduled").waitFor();
      await shot(page, artifacts, "patient-appointments");
    },
  },
  {
    id: "visit-day",
    needs: ["register-book"],
    name: "the day of the booked visit arrives (the harness moves it to a time that has started today)",
    async run({ db, log, state }) {
      const moved = db(VISIT_DAY_SQL, { username: state.patient.username });
      assert(moved, "the patient's booked appointment was not found, or no started moment of today is free for it");
      log(`appointment ${moved.split("|")[0]} now starts at ${moved.split("|")[1]}`);
    },
  },
  {
    id: "doctor-visit",
    needs: ["visit-day"],
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
    name: "the doctor writes a record with vitals, a test result and a prescription in one save",
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
      await field(page, "Pulse \\(bpm\\)").fill("76");
      await page.getByRole("button", { name: "Add a prescription" }).click();
      await field(page, "Medication").fill("Amoxicillin");
      await field(page, "Dose").fill("500 mg");
      await field(page, "Frequency").fill("every 8 hours");
      await field(page, "Quantity").fill("21");
      await page.getByRole("button", { name: "Save record" }).click();
      await page.getByText("The record is saved with 1 prescription.").waitFor();
      state.recordWritten = true;
      // The visit's records above the form now hold it, so nobody writes it twice.
      const visitRecords = page.getByRole("region", { name: "Records of this visit" });
      await visitRecords.getByText("Acute bronchitis").waitFor();
      // The flag is computed by the server from the range (12.5 above 0-5), shown as a word.
      await visitRecords.locator("tr[data-flagged]").getByText("High").waitFor();
      await page.getByRole("link", { name: "Open the chart" }).click();
      await page.getByText("Acute bronchitis").first().waitFor().catch(() => {});
      await shot(page, artifacts, "doctor-chart");
    },
  },
  {
    id: "patient-bill",
    needs: ["doctor-visit"],
    name: "the patient sees the visit's bill and is told to pay at the front desk",
    async run({ newPage, appUrl, artifacts, state }) {
      const page = await newPage();
      await signIn(page, appUrl, state.patient.username, state.patient.password);
      await page.goto(`${appUrl}/patient/bills`);
      // The bills are a table; the visit's bill is opened by its invoice number.
      const row = page.getByRole("row").filter({ hasText: "Unpaid" }).first();
      await row.getByRole("link", { name: /^INV-\d{4}-\d{6,}$/ }).click();
      const bill = itemFor(page, "House");
      await bill.locator(`span:text-is("Unpaid")`).waitFor();
      await checkA11y(page, "patient bill");
      // No payment provider is configured at the demo clinic: a patient cannot record a payment
      // that moves no money, and the page says where to pay instead of offering a button.
      await bill.getByText("Online payment is not available at this clinic; please pay at the front desk.").waitFor();
      assert((await bill.getByRole("button", { name: /Pay|Record payment/ }).count()) === 0, "a patient should not be offered to pay or record a payment");
      await shot(page, artifacts, "patient-bill");
    },
  },
  {
    id: "staff-payment",
    needs: ["doctor-visit"],
    name: "staff take a card payment, refund it with a reason, and take the balance in cash",
    async run({ newPage, appUrl, artifacts, state }) {
      const page = await newPage();
      await signIn(page, appUrl, "frontdesk");
      await page.waitForURL("**/staff/board**");
      await shot(page, artifacts, "staff-board");
      await page.getByRole("link", { name: "Billing" }).first().click();
      // Find the bill by the patient's name, then open it where the desk acts on it.
      await page.getByLabel("Patient or invoice").fill(state.patientName);
      await page.getByRole("button", { name: "Search" }).click();
      await page.getByRole("row").filter({ hasText: state.patientName }).first().getByRole("link", { name: /^Open / }).click();
      const bill = itemFor(page, state.patientName);
      const status = (label) => bill.locator(`span:text-is("${label}")`).waitFor();

      // Part of it by card at the desk's terminal.
      await bill.getByRole("button", { name: "Record payment" }).click();
      const balance = await bill.getByLabel("Amount").inputValue();
      assert(/^\d+\.\d\d$/.test(balance), `the amount field should hold the balance, got ${balance}`);
      assert(Number(balance) > 10, `the visit's bill should be more than $10.00, got ${balance}`);
      state.billAmount = balance;
      await bill.getByLabel("Amount").fill("10.00");
      await bill.getByLabel("Method").selectOption("card_present");
      await bill.getByRole("button", { name: "Record payment" }).click();
      await status("Partially paid");

      // The patient meant to pay cash: the card payment is refunded, with the reason.
      await bill.getByRole("button", { name: "Refund…" }).click();
      await bill.getByLabel("Payment").locator("option", { hasText: "Card (in person)" }).waitFor({ state: "attached" });
      await bill.getByLabel("Refund amount").fill("10.00");
      await field(bill, "Reason for refund").fill("Patient preferred to pay in cash");
      await bill.getByRole("button", { name: "Refund", exact: true }).click();
      await status("Unpaid");

      // The whole balance in cash.
      await bill.getByRole("button", { name: "Record payment" }).click();
      assert((await bill.getByLabel("Amount").inputValue()) === balance, "after the refund the whole amount is owed again");
      await bill.getByLabel("Method").selectOption("cash");
      await bill.getByRole("button", { name: "Record payment" }).click();
      await status("Paid");
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
      await page.getByRole("row").filter({ has: page.getByRole("link", { name: /^Open / }) }).filter({ has: page.getByText("Paid", { exact: true }) }).first().getByRole("link", { name: /^Open / }).click();
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
    id: "patient-cancel",
    needs: ["register-book"],
    name: "the patient books a visit weeks ahead and cancels it, giving a reason",
    async run({ newPage, appUrl, artifacts, state }) {
      const page = await newPage();
      await signIn(page, appUrl, state.patient.username, state.patient.password);
      await page.goto(`${appUrl}/patient/book`);
      // Two weeks on, well outside the late-cancellation window (24 hours by default).
      await pickHouseSlot(page, 2);
      await page.getByLabel("Reason for the visit").fill("Follow-up visit");
      await page.getByRole("button", { name: "Book appointment" }).click();
      await page.getByText(/^Booked:/).waitFor();

      await page.goto(`${appUrl}/patient/appointments`);
      const visit = page.getByRole("listitem").filter({ hasText: "House" }).filter({ hasText: "Scheduled" }).first();
      await visit.waitFor();
      // Cancelling asks in a dialog that names the patient, the doctor and the time (in
      // Chicago time, labelled, on this UTC browser), with a reason field.
      await visit.getByRole("button", { name: /^Cancel:/ }).click();
      const confirm = page.getByRole("dialog", { name: /^Cancel .*'s visit\?$/ });
      await confirm.waitFor();
      const said = await confirm.textContent();
      assert(said.includes(state.patient.first) && said.includes("House") && /\d:\d\d [AP]M C[SD]T/.test(said), `the cancel dialog should name the patient, doctor and Chicago time: ${said}`);
      await checkA11y(page, "cancel dialog");
      await confirm.getByLabel(/Reason for cancelling/).fill("Travelling that week");
      await confirm.getByRole("button", { name: "Cancel visit" }).click();
      await page.getByRole("listitem").filter({ hasText: "House" }).filter({ hasText: "Cancelled" }).first().waitFor();
      await shot(page, artifacts, "patient-cancelled");
    },
  },
  ...calendarSteps.filter((step) => step.id !== "busy-day"),
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
    name: "the admin sees users and the audit log, with clinical values redacted",
    async run({ newPage, appUrl, artifacts, state }) {
      const page = await newPage();
      await signIn(page, appUrl, "admin");
      await page.waitForURL("**/admin/users");
      await page.getByRole("cell", { name: "frontdesk" }).first().waitFor();
      await shot(page, artifacts, "admin-users");
      await page.getByRole("link", { name: "Audit log" }).first().click();
      await page.getByRole("table").waitFor();
      // Entries name who made them by username; "Changed by" takes that name.
      await page.getByLabel("Changed by").fill("admin");
      await page.getByRole("button", { name: "Search" }).click();
      await page.getByRole("cell", { name: "Signed in" }).first().waitFor();
      await page.getByRole("cell", { name: /^admin$/ }).first().waitFor();
      await shot(page, artifacts, "admin-audit-log");
      if (state.recordWritten) {
        // Admins see which clinical fields changed, never their values.
        await page.getByLabel("Changed by").fill("");
        await page.getByLabel("Record type").selectOption("medical_records");
        await page.getByLabel("Action").selectOption("insert");
        await page.getByRole("button", { name: "Search" }).click();
        const entry = page.getByRole("row").filter({ hasText: "dr.house" }).first();
        await entry.getByRole("button", { name: /^Show values of entry/ }).click();
        await page.getByText("[redacted]").first().waitFor();
        assert((await page.getByText("Acute bronchitis").count()) === 0, "an admin should not read a diagnosis in the audit log");
        await shot(page, artifacts, "admin-audit-redacted");
      }
    },
  },
  ...calendarSteps.filter((step) => step.id === "busy-day"),
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
  ...bookingSteps,
  ...formsSteps,
  ...moneySteps,
  ...sweepSteps,
  ...chartSteps,
  ...adminSteps,
];
