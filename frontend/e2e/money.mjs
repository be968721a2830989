// The front desk's money loop (issue 14, "money"): checkout from the schedule (bill, card
// payment, receipt), the billing list's search and totals, and the patient's payment history
// and statement. The browser runs in UTC; times on receipts must read Chicago's, labelled.
import { apiAs, assert, checkA11y, dayInChicago, shot, signIn } from "./support.mjs";

/**
 * A visit today at its office that has started and has no bill, checked in through the API
 * as the desk would at arrival. The demo clinic's day is the app's; the database only finds
 * the visit (time does not pass here).
 */
const TODAYS_VISIT_SQL = `
SELECT a.appointment_id || '|' || p.first_name || ' ' || p.last_name || '|' || o.office_id || '|' || a.status
FROM appointments a
JOIN patients p ON p.patient_id = a.patient_id
JOIN offices o ON o.office_id = a.office_id
WHERE (a.appointment_datetime AT TIME ZONE o.time_zone)::date = (now() AT TIME ZONE o.time_zone)::date
  AND a.appointment_datetime <= now()
  AND a.status IN ('scheduled', 'confirmed', 'checked_in')
  AND NOT EXISTS (SELECT 1 FROM bills b WHERE b.appointment_id = a.appointment_id)
ORDER BY a.appointment_datetime DESC LIMIT 1`;

/** Makes a visit that started a few minutes ago today, for the journey's patient, when the demo day has none. */
const MAKE_VISIT_SQL = `
WITH office AS (SELECT office_id, time_zone FROM offices WHERE name = 'Downtown Clinic'),
     who AS (SELECT p.patient_id FROM patients p JOIN users u ON u.user_id = p.user_id WHERE lower(u.username) = lower(:'username')),
     doc AS (SELECT d.doctor_id FROM doctors d WHERE d.last_name = 'House'),
     slot AS (SELECT greatest(now() - interval '20 minutes', date_trunc('day', now() AT TIME ZONE o.time_zone) AT TIME ZONE o.time_zone) AS start FROM office o)
INSERT INTO appointments (patient_id, doctor_id, office_id, appointment_datetime, duration_minutes, ends_at, status, reason, is_overbooked, overbook_reason)
SELECT who.patient_id, doc.doctor_id, office.office_id, slot.start, 15, slot.start + interval '15 minutes', 'scheduled', 'Checkout test', true, 'e2e checkout'
FROM office, who, doc, slot
RETURNING appointment_id || '|' || (SELECT first_name || ' ' || last_name FROM patients WHERE patient_id = (SELECT patient_id FROM who)) || '|' || office_id || '|' || status`;

export const moneySteps = [
  {
    id: "money-checkout",
    needs: ["register-book"],
    name: "money: the desk checks out a visit from the schedule: bill, card payment, receipt in Chicago time",
    async run({ newPage, appUrl, artifacts, state, db }) {
      let found = db(TODAYS_VISIT_SQL);
      if (!found) found = db(MAKE_VISIT_SQL, { username: state.patient.username });
      const [id, patientName, officeId, status] = found.split("|");
      state.checkoutPatient = patientName;
      const desk = await apiAs(appUrl, "frontdesk");
      if (status !== "checked_in") await desk("POST", `/appointments/${id}/check-in`);

      const page = await newPage();
      await signIn(page, appUrl, "frontdesk");
      await page.goto(`${appUrl}/staff/board?date=${dayInChicago(0)}&view=day&office=${officeId}`);
      await page.getByRole("button", { name: new RegExp(`,\\s*${patientName}\\s*,\\s*Checked in`) }).first().click();
      const details = page.getByRole("region", { name: "Selected visit" });
      await details.getByRole("button", { name: "Check out" }).click();
      const dialog = page.getByRole("dialog", { name: `Check out ${patientName}` });
      await dialog.getByRole("button", { name: "Create bill" }).waitFor();
      await checkA11y(page, "checkout dialog (bill)");
      await dialog.getByRole("button", { name: "Create bill" }).dblclick();
      await dialog.getByLabel("Method").selectOption("card_present");
      await dialog.getByLabel("Reference (optional)").fill("slip 0042");
      await checkA11y(page, "checkout dialog (payment)");
      await dialog.getByRole("button", { name: "Record payment" }).click();
      const receipt = dialog.getByRole("article", { name: "Receipt" });
      await receipt.waitFor();
      const text = await receipt.innerText();
      assert(/INV-\d{4}-\d{6,}/.test(text), `the receipt should name the invoice number: ${text}`);
      assert(/\b(CST|CDT)\b/.test(text), `the receipt should read Chicago time, labelled, in a UTC browser: ${text}`);
      assert(text.includes("Card (in person)") && text.includes("slip 0042"), `the receipt should show the method and reference: ${text}`);
      state.checkoutInvoice = /INV-\d{4}-\d{6,}/.exec(text)[0];
      const bills = await desk("GET", `/bills?appointment_id=${id}`);
      assert(bills.total === 1, `one bill for the visit (a double-click sends one), got ${bills.total}`);
      await checkA11y(page, "checkout dialog (receipt)");
      await shot(page, artifacts, "money-checkout-receipt");
    },
  },
  {
    id: "money-billing-search",
    needs: ["money-checkout"],
    name: "money: the desk finds bills by patient and issued date and sees the totals",
    async run({ newPage, appUrl, artifacts, state }) {
      const page = await newPage();
      await signIn(page, appUrl, "frontdesk");
      await page.goto(`${appUrl}/staff/billing`);
      await page.getByLabel("Patient or invoice").fill(state.checkoutPatient);
      await page.getByLabel("Issued from").fill(dayInChicago(0));
      await page.getByLabel("Issued to").fill(dayInChicago(0));
      await page.getByRole("button", { name: "Search" }).click();
      const row = page.getByRole("row").filter({ hasText: state.checkoutInvoice });
      await row.waitFor();
      const totals = page.getByRole("definition").filter({ hasText: "$" });
      await totals.first().waitFor();
      await checkA11y(page, "billing list");
      await shot(page, artifacts, "money-billing-list");
      await page.setViewportSize({ width: 390, height: 844 });
      await checkA11y(page, "billing list (phone)");
      await shot(page, artifacts, "money-billing-list-phone");
      await page.setViewportSize({ width: 1280, height: 900 });
      await row.getByRole("link", { name: /^Open / }).click();
      await page.getByRole("link", { name: "Receipt" }).first().click();
      await page.getByRole("button", { name: "Print receipt" }).waitFor();
      await checkA11y(page, "receipt page");
      await shot(page, artifacts, "money-receipt");
    },
  },
  {
    id: "money-patient-history",
    needs: ["staff-payment"],
    name: "money: the patient sees their payment history and a statement",
    async run({ newPage, appUrl, artifacts, state }) {
      const page = await newPage();
      await signIn(page, appUrl, state.patient.username, state.patient.password);
      await page.goto(`${appUrl}/patient/bills`);
      // Two bills of this patient are paid by now: the checkout's (one card payment) and the
      // journey visit's, where the desk refunded a card payment before taking cash: that one.
      const paid = page.getByRole("row").filter({ has: page.getByRole("link", { name: /^Open / }) }).filter({ has: page.getByText("Paid", { exact: true }) });
      await (state.checkoutInvoice ? paid.filter({ hasNotText: state.checkoutInvoice }) : paid).first().getByRole("link", { name: /^Open / }).click();
      const history = page.getByRole("table", { name: /^Payments and refunds of INV-/ });
      await history.getByRole("row").filter({ hasText: "Refund" }).first().waitFor();
      await checkA11y(page, "patient bill with history");
      await page.goto(`${appUrl}/patient/bills/statement`);
      await page.getByText("Closing balance").waitFor();
      const lines = page.getByRole("table", { name: "Statement lines" });
      await lines.getByRole("row").filter({ hasText: "Bill issued" }).first().waitFor();
      await checkA11y(page, "patient statement");
      await shot(page, artifacts, "money-patient-statement");
    },
  },
];
