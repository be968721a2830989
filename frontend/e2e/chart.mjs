// The chart as Dr. House walks it (issue 14, part "chart"), on the journey's patient (Erin, whose
// visit the doctor completed in "doctor-visit"): an allergy noted on the chart and shown as a
// banner; a record whose prescription of the allergen is refused without an override reason,
// leaving nothing behind, then saved with its prescription in one go; flagged results and vitals;
// the active medications; an addendum and the record's history. Times read Chicago time on this
// UTC browser.
import { assert, checkA11y, field, shot, signIn } from "./support.mjs";

const DIAGNOSIS = "Streptococcal pharyngitis";
const AMENDED = "Streptococcal pharyngitis, confirmed by culture";
const OVERRIDE = "Took penicillin V in 2024 without a reaction";

/** The allergy banner at the top of the chart and of the record page (not the Allergies card). */
function banner(page) {
  return page.getByRole("region", { name: "Allergies", exact: true }).filter({ hasText: /^(No known allergies\.|Allergies \(\d+\))/ });
}

async function openChart(page, appUrl, patientName) {
  await page.goto(`${appUrl}/doctor/patients`);
  await page.getByLabel("Search patients by name, phone, email or date of birth").fill(patientName);
  await page.getByRole("button", { name: `Open chart ${patientName}` }).click();
  await page.getByRole("heading", { name: patientName }).first().waitFor();
  await banner(page).waitFor();
}

/** From today's schedule, the record page of the patient's completed visit. */
async function openRecordPage(page, appUrl, patientName) {
  await page.goto(`${appUrl}/doctor/schedule`);
  await page.getByRole("button", { name: new RegExp(`,\\s*${patientName}\\s*,\\s*Completed`) }).first().click();
  const details = page.getByRole("region", { name: "Selected visit" });
  await details.getByText(patientName).waitFor();
  await details.getByRole("link", { name: "Write record" }).click();
  await page.getByRole("heading", { name: `Record for ${patientName}` }).waitFor();
  return page.url();
}

/** The visit's records above the form, once loaded (a list, or the empty state). */
async function visitRecords(page) {
  const region = page.getByRole("region", { name: "Records of this visit" });
  await region.getByRole("listitem").or(region.getByText("Nothing written for this visit yet.")).first().waitFor();
  return region;
}

export const chartSteps = [
  {
    id: "chart-allergy",
    needs: ["doctor-visit"],
    name: "chart: the doctor notes an allergy on the chart and it shows as a banner, also after a reload",
    async run({ newPage, appUrl, state }) {
      const page = await newPage();
      await signIn(page, appUrl, "dr.house");
      await openChart(page, appUrl, state.patientName);
      await banner(page).getByText("No known allergies.").waitFor();
      await checkA11y(page, "patient chart");
      const form = page.getByRole("form", { name: "Add an allergy" });
      await field(form, "Substance").fill("Penicillin");
      await field(form, "Reaction").fill("Hives");
      await form.getByLabel("Severity").selectOption("severe");
      await form.getByRole("button", { name: "Add allergy" }).click();
      await banner(page).getByText("Allergies (1)").waitFor();
      await page.reload();
      await banner(page).getByText("Allergies (1)").waitFor();
      const said = await banner(page).textContent();
      assert(said.includes("Penicillin") && said.includes("severe") && said.includes("Hives"), `the banner should name the substance, severity and reaction: ${said}`);
      await page.getByRole("table", { name: "Allergies" }).getByRole("row").filter({ hasText: "Penicillin" }).getByText("Active", { exact: true }).waitFor();
      state.chartAllergy = true;
    },
  },
  {
    id: "chart-record",
    needs: ["chart-allergy"],
    name: "chart: a prescription of the allergen is refused without a reason and nothing is saved; with one, the record and its prescription save together",
    async run({ newPage, appUrl, artifacts, state }) {
      const page = await newPage();
      await signIn(page, appUrl, "dr.house");
      const url = await openRecordPage(page, appUrl, state.patientName);
      // The allergy is in view where the doctor prescribes.
      await banner(page).getByText("Penicillin").waitFor();
      await field(page, "Diagnosis").fill(DIAGNOSIS);
      await field(page, "Notes").fill("Sore throat, fever for three days.");
      await field(page, "Blood pressure, systolic \\(mmHg\\)").fill("150");
      await field(page, "Blood pressure, diastolic \\(mmHg\\)").fill("95");
      await field(page, "Pulse \\(bpm\\)").fill("88");
      await page.getByRole("button", { name: "Add a test result" }).click();
      await field(page, "Test 1").fill("WBC");
      await field(page, "Value").fill("3.1");
      await field(page, "Unit").fill("10^9/L");
      await field(page, "Reference range").fill("4.0-11.0");
      await page.getByRole("button", { name: "Add a prescription" }).click();
      await field(page, "Medication").fill("Penicillin V potassium");
      await field(page, "Dose").fill("500 mg");
      await field(page, "Frequency").fill("every 6 hours");
      await field(page, "Quantity").fill("40");
      await field(page, "Days").fill("10");
      await page.getByRole("button", { name: "Save record" }).click();

      // Refused as a whole: the warning on the prescription, a reason field, nothing saved.
      await page.getByText(/^Nothing was saved\./).waitFor();
      await page.getByRole("alert").filter({ hasText: "Allergy warning:" }).waitFor();
      const reason = field(page, "Reason to prescribe despite the allergy");
      await reason.waitFor();
      await checkA11y(page, "record form with the allergy warning");
      await shot(page, artifacts, "chart-allergy-warning");
      // In another tab (its own session, fresh from the server): no record and no prescription
      // were left behind.
      const other = await newPage();
      await signIn(other, appUrl, "dr.house");
      await other.goto(url);
      const before = await visitRecords(other);
      assert((await before.getByText(DIAGNOSIS).count()) === 0, "a record whose prescription was refused must not be saved");
      await openChart(other, appUrl, state.patientName);
      await other.getByRole("heading", { name: "Active medications" }).waitFor();
      await other.getByText("Records and prescriptions").waitFor();
      await other.waitForLoadState("networkidle");
      assert((await other.getByText("Penicillin V potassium").count()) === 0, "a refused prescription must not be issued");
      await other.close();

      // With a reason the record and its prescription are saved together.
      await reason.fill(OVERRIDE);
      await page.getByRole("button", { name: "Save record" }).click();
      await page.getByText("The record is saved with 1 prescription.").waitFor();
      await page.reload();
      const records = await visitRecords(page);
      const record = records.getByRole("listitem").filter({ hasText: DIAGNOSIS }).first();
      await record.getByRole("list", { name: "Prescriptions" }).getByText("Penicillin V potassium").waitFor();
      // The result below its range is flagged by the server, in words.
      await record.getByText("1 flagged result").waitFor();
      await record.getByRole("row", { name: /WBC/ }).getByText("Low").waitFor();
      // Vitals are structured: a high systolic pressure reads as such.
      const vitals = await record.locator("p", { hasText: /^Vitals:/ }).textContent();
      assert(/systolic\)? 150 mmHg \(high\)/i.test(vitals) && /Pulse 88 bpm/.test(vitals), `the record should show the vitals with the high pressure flagged: ${vitals}`);
      await checkA11y(page, "record page after saving");
      state.chartRecord = true;
    },
  },
  {
    id: "chart-summary",
    needs: ["chart-record"],
    name: "chart: the chart shows the latest vitals flagged and the active medications with the allergy override",
    async run({ newPage, appUrl, artifacts, state }) {
      const page = await newPage();
      await signIn(page, appUrl, "dr.house");
      await openChart(page, appUrl, state.patientName);
      const vitals = page.getByRole("table", { name: "Latest vitals" });
      const systolic = vitals.getByRole("row").filter({ hasText: /systolic/i });
      await systolic.getByText("150 mmHg").waitFor();
      await systolic.getByText("High").waitFor();
      await vitals.getByRole("row").filter({ hasText: /pulse/i }).getByText("88 bpm").waitFor();
      const taken = await page.getByText(/^Taken /).textContent();
      assert(/\d:\d\d [AP]M C[SD]T/.test(taken), `the vitals' time should read Chicago time, labelled: ${taken}`);
      const meds = page.getByRole("table", { name: "Active medications" });
      const penicillin = meds.getByRole("row").filter({ hasText: "Penicillin V potassium" });
      await penicillin.getByText(`Allergy override: ${OVERRIDE}`).waitFor();
      await penicillin.getByText("500 mg").waitFor();
      await checkA11y(page, "patient chart with vitals and medications");
      await shot(page, artifacts, "chart-summary");
    },
  },
  {
    id: "chart-addendum",
    needs: ["chart-record"],
    name: "chart: the doctor amends the record as an addendum with a reason and sees its history after a reload",
    async run({ newPage, appUrl, artifacts, state }) {
      const page = await newPage();
      await signIn(page, appUrl, "dr.house");
      await openChart(page, appUrl, state.patientName);
      // The record's card (named by its time), not its prescriptions' list items.
      const record = page.getByRole("listitem", { name: /^Record of / }).filter({ hasText: DIAGNOSIS }).first();
      await record.getByRole("button", { name: "Add an addendum" }).click();
      const form = record.getByRole("form", { name: "Addendum" });
      // A reason is required.
      await form.getByRole("button", { name: "Save addendum" }).click();
      await form.getByText("Say why the record is amended.").waitFor();
      await checkA11y(page, "addendum form");
      await field(form, "Reason").fill("Throat culture result received");
      await field(form, "Diagnosis").fill(AMENDED);
      await field(form, "Note").fill("Group A streptococcus grown.");
      await form.getByRole("button", { name: "Save addendum" }).click();
      await form.waitFor({ state: "detached" });

      await page.reload();
      const amended = page.getByRole("listitem", { name: /^Record of / }).filter({ hasText: AMENDED }).first();
      await amended.getByText(/· version 2$/).waitFor();
      await amended.getByText("History: version 2 (1 addendum)").click();
      const versions = amended.getByRole("list", { name: "Versions" });
      await versions.getByText(/^Version 1/).waitFor();
      const v2 = versions.getByRole("listitem").filter({ hasText: "Version 2" });
      await v2.getByText("Reason: Throat culture result received").waitFor();
      await v2.getByText("Note: Group A streptococcus grown.").waitFor();
      await v2.getByText(`Diagnosis: ${DIAGNOSIS} → ${AMENDED}`).waitFor();
      const said = await v2.textContent();
      assert(/\d:\d\d [AP]M C[SD]T by Gregory House/.test(said), `the addendum should say when (Chicago time, labelled) and who: ${said}`);
      await checkA11y(page, "record history");
      await shot(page, artifacts, "chart-addendum-history");
    },
  },
];
