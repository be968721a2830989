// The time-grid schedule in Chromium: booking from a free cell, dragging a visit to a new time,
// moving it back with the keyboard, and a busy day (47 visits across 6 doctors at one office)
// photographed as the day grid, a week and the printed day sheet into e2e/artifacts/.
import { join } from "node:path";
import { apiAs, assert, dayInChicago, nextWeekday, signIn, weekdayOf } from "./support.mjs";

/** The grid's scale: a 15-minute row is 22 px (src/features/calendar/layout.ts). */
const PX_PER_MINUTE = 22 / 15;

/** "9:15 AM" → minutes past midnight. */
function minutesOf(label) {
  const m = /(\d{1,2}):(\d{2}) (AM|PM)/.exec(label);
  if (!m) throw new Error(`no time in ${label}`);
  return ((Number(m[1]) % 12) + (m[3] === "PM" ? 12 : 0)) * 60 + Number(m[2]);
}

function clock(minutes) {
  const h = Math.floor(minutes / 60);
  return `${((h + 11) % 12) + 1}:${String(minutes % 60).padStart(2, "0")} ${h < 12 ? "AM" : "PM"}`;
}

function hhmm(minutes) {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** What a visit's block reads out: its content, the screen-reader-only words included. */
async function nameOf(block) {
  return (await block.textContent()).replace(/\s+/g, " ").replace(/ ,/g, ",").trim();
}

/** The block of the patient's visit with Dr. House on the grid. */
function blockOf(page, patientName) {
  return page.getByRole("button", { name: new RegExp(`,\\s*${escape(patientName)}\\s*,\\s*(Scheduled|Confirmed)`) });
}

async function houseDay(page, appUrl, date) {
  await page.goto(`${appUrl}/staff/board?date=${date}&view=day`);
  const office = page.getByLabel("Office");
  await office.locator("option", { hasText: "Downtown Clinic" }).waitFor({ state: "attached" });
  await office.selectOption({ label: "Downtown Clinic" });
  const doctor = page.getByLabel("Doctor");
  await doctor.locator("option", { hasText: "House" }).waitFor({ state: "attached" });
  await doctor.selectOption({ label: "Dr. Gregory House" });
  await page.getByRole("region", { name: /^Dr\. Gregory House/ }).waitFor();
}

export const calendarSteps = [
  {
    id: "grid-book",
    needs: ["register-book"],
    name: "the front desk books the patient from a free cell of the time grid; the day stays in the URL across a reload",
    async run({ newPage, appUrl, artifacts, state }) {
      const page = await newPage({ viewport: { width: 1440, height: 1600 } });
      await signIn(page, appUrl, "frontdesk");
      await page.waitForURL("**/staff/board**");
      const date = nextWeekday(3);
      await houseDay(page, appUrl, date);
      const url = new URL(page.url());
      assert(url.searchParams.get("date") === date && url.searchParams.get("view") === "day" && url.searchParams.get("office") && url.searchParams.get("doctor"), `the URL should hold the day, view, office and doctor: ${url.search}`);
      await page.reload();
      await page.getByRole("region", { name: /^Dr\. Gregory House/ }).waitFor();
      assert((await page.getByLabel("Date").inputValue()) === date, "after a reload the grid should show the same day");
      assert((await page.getByLabel("Doctor").inputValue()) === url.searchParams.get("doctor"), "after a reload the grid should show the same doctor");

      // A free half hour, and another at least an hour later to drag the visit to.
      const cells = page.getByRole("button", { name: /^Book with Dr\. Gregory House on .* at / });
      await cells.first().waitFor();
      const labels = await cells.evaluateAll((els) => els.map((e) => e.getAttribute("aria-label")));
      const free = new Set(labels.map(minutesOf));
      const pairs = [...free].filter((m) => free.has(m + 15) && m >= 9 * 60).sort((a, b) => a - b);
      const start = pairs[0];
      const later = pairs.find((m) => m >= start + 60);
      assert(start !== undefined && later !== undefined, `Dr. House has no two free half hours on ${date}`);
      state.grid = { date, start, later, url: page.url() };

      await page.getByRole("button", { name: new RegExp(`^Book with Dr\\. Gregory House on .* at ${escape(clock(start))}$`) }).click();
      const dialog = page.getByRole("dialog", { name: "Book with Dr. Gregory House" });
      assert((await dialog.getByLabel(/^Start/).inputValue()) === hhmm(start), "the booking dialog should start at the clicked cell's time");
      await dialog.getByLabel("Search patients by name").fill(state.patient.last);
      await dialog.getByRole("button", { name: `Choose ${state.patientName}` }).click();
      await dialog.getByLabel("Reason for the visit").fill("Booked from the grid");
      await dialog.getByRole("button", { name: "Book appointment" }).click();
      await page.getByText(new RegExp(`^Booked ${escape(state.patientName)} with Dr\\. Gregory House at ${escape(clock(start))}`)).waitFor();
      const block = blockOf(page, state.patientName);
      await block.waitFor();
      const blockName = await nameOf(block);
      assert(blockName.startsWith(`${clock(start)} to ${clock(start + 30)}`), `the new block should read ${clock(start)}: ${blockName}`);
      await page.screenshot({ path: join(artifacts, "calendar-booked-from-grid.png"), fullPage: true });
    },
  },
  {
    id: "grid-drag",
    needs: ["grid-book"],
    name: "the front desk drags the visit to a later time on the grid, and it has moved after a reload",
    async run({ newPage, appUrl, artifacts, state }) {
      const { start, later, url } = state.grid;
      const page = await newPage({ viewport: { width: 1440, height: 1600 } });
      await signIn(page, appUrl, "frontdesk");
      await page.goto(url);
      const block = blockOf(page, state.patientName);
      await block.waitFor();
      await block.scrollIntoViewIfNeeded();
      const box = await block.boundingBox();
      const x = box.x + box.width / 2;
      const y = box.y + Math.min(8, box.height / 2);
      const dy = (later - start) * PX_PER_MINUTE;
      await page.mouse.move(x, y);
      await page.mouse.down();
      await page.mouse.move(x, y + 10, { steps: 3 });
      await page.mouse.move(x, y + dy, { steps: 12 });
      await page.mouse.up();
      const dialog = page.getByRole("dialog", { name: `Move ${state.patientName}'s visit` });
      await dialog.waitFor();
      const proposed = await dialog.getByLabel(/^New start/).inputValue();
      assert(proposed === hhmm(later), `dropping ${dy}px lower should propose ${hhmm(later)}, got ${proposed}`);
      await dialog.getByRole("button", { name: /^Move to / }).click();
      await page.getByText(new RegExp(`^Moved ${escape(state.patientName)}'s visit to .* ${escape(clock(later))}\\.$`)).waitFor();
      await page.reload();
      await blockOf(page, state.patientName).waitFor();
      const label = await nameOf(blockOf(page, state.patientName));
      assert(label.startsWith(`${clock(later)} to ${clock(later + 30)}`), `after the drag the visit should start at ${clock(later)}: ${label}`);
      await page.screenshot({ path: join(artifacts, "calendar-dragged.png"), fullPage: true });
    },
  },
  {
    id: "grid-keyboard",
    needs: ["grid-drag"],
    name: "the front desk moves the visit back with the keyboard (M, arrow keys, Enter) and hears each step",
    async run({ newPage, appUrl, state }) {
      const { start, later, url } = state.grid;
      const page = await newPage({ viewport: { width: 1440, height: 1600 } });
      await signIn(page, appUrl, "frontdesk");
      await page.goto(url);
      const block = blockOf(page, state.patientName);
      await block.waitFor();
      await block.focus();
      await page.keyboard.press("m");
      const announcer = page.getByTestId("grid-announcer");
      await announcer.filter({ hasText: "Moving" }).waitFor();
      for (let i = 0; i < (later - start) / 15; i += 1) await page.keyboard.press("ArrowUp");
      await announcer.filter({ hasText: clock(start) }).waitFor();
      await page.keyboard.press("Enter");
      const dialog = page.getByRole("dialog", { name: `Move ${state.patientName}'s visit` });
      assert((await dialog.getByLabel(/^New start/).inputValue()) === hhmm(start), "the keyboard move should propose the original time");
      await dialog.getByRole("button", { name: /^Move to / }).click();
      await page.getByText(new RegExp(`^Moved ${escape(state.patientName)}'s visit to .* ${escape(clock(start))}\\.$`)).waitFor();
      await page.reload();
      const label = await nameOf(blockOf(page, state.patientName));
      assert(label.startsWith(clock(start)), `after the keyboard move the visit should start at ${clock(start)}: ${label}`);
    },
  },
  {
    id: "day-off",
    needs: ["grid-book"],
    name: "Dr. House marks a day off on his Time off page; the patient is offered no time with him that day, and the desk's grid shows the day off with nothing to book",
    async run({ newPage, appUrl, artifacts, state }) {
      // The second weekday from three days on (the grid's visit lies on the first), inside the
      // patient's first week of free times and before Dr. House's demo time off (8 days on).
      const day = nextWeekday(Number(new Date(`${state.grid.date}T12:00:00Z`) - new Date(`${dayInChicago(0)}T12:00:00Z`)) / 86_400_000 + 1);
      const heading = new Intl.DateTimeFormat("en-US", { weekday: "short", month: "short", day: "numeric", timeZone: "UTC" }).format(new Date(`${day}T12:00:00Z`));
      const patientTimes = async () => {
        const page = await newPage();
        await signIn(page, appUrl, state.patient.username, state.patient.password);
        await page.goto(`${appUrl}/patient/book`);
        await page.getByLabel("Find a time").selectOption("doctor");
        const doctor = page.getByLabel("Doctor");
        await doctor.locator("option", { hasText: "House" }).first().waitFor({ state: "attached" });
        const labels = await doctor.locator("option").allTextContents();
        await doctor.selectOption({ index: labels.findIndex((l) => l.includes("House")) });
        const office = page.getByLabel("Office");
        await office.locator("option").nth(1).waitFor({ state: "attached" });
        if (!(await office.inputValue())) await office.selectOption({ index: 1 });
        const slots = page.getByRole("radiogroup").getByRole("radio");
        await slots.first().or(page.getByText("No free times this week.")).waitFor();
        const count = await page.getByRole("radio", { name: new RegExp(`^${escape(heading)} `) }).count();
        await page.close();
        return count;
      };
      assert((await patientTimes()) > 0, `before the day off, the patient should be offered times with Dr. House on ${heading}`);

      const doctorPage = await newPage();
      await signIn(doctorPage, appUrl, "dr.house");
      await doctorPage.getByRole("link", { name: "Time off" }).first().click();
      await doctorPage.waitForURL("**/doctor/time-off");
      // The title follows the route once the page has rendered, a moment after the URL.
      await doctorPage.waitForFunction(() => document.title.startsWith("Time off"), null, { timeout: 5_000 }).catch(() => {});
      assert((await doctorPage.title()).startsWith("Time off"), `the page title should name the page: ${await doctorPage.title()}`);
      const form = doctorPage.getByRole("form", { name: "Add a change to your hours" });
      await form.getByLabel("Office").locator("option", { hasText: "Downtown Clinic" }).waitFor({ state: "attached" });
      await form.getByLabel("Office").selectOption({ label: "Downtown Clinic" });
      await form.getByLabel("Date").fill(day);
      await form.getByLabel("Change").selectOption({ label: "Day off" });
      await form.getByLabel("Note").fill("School play");
      await form.getByRole("button", { name: "Add change" }).click();
      await doctorPage.getByText("Change saved.").waitFor();
      await doctorPage.getByText(day).first().waitFor();

      assert((await patientTimes()) === 0, `after the day off, the patient should be offered no time with Dr. House on ${heading}`);

      const desk = await newPage({ viewport: { width: 1440, height: 1200 } });
      await signIn(desk, appUrl, "frontdesk");
      await desk.waitForURL("**/staff/board**");
      await houseDay(desk, appUrl, day);
      await desk.locator('[data-kind="day_off"]').first().waitFor();
      // Free quarter-hour cells ("… at 9:15 AM"); the column's keyboard "Book…" button stays, for a
      // reasoned overbook by staff.
      const cells = await desk.getByRole("button", { name: /^Book with Dr\. Gregory House on .* at / }).count();
      assert(cells === 0, `the desk's grid should offer no free cell on Dr. House's day off, found ${cells}`);
      await desk.screenshot({ path: join(artifacts, "calendar-day-off.png"), fullPage: true });
    },
  },
  {
    id: "busy-day",
    name: "a busy day at one office (47 visits, 46 active, across 6 doctors): screenshots of the day grid, a week and the printed day sheet",
    async run({ newPage, appUrl, artifacts, log }) {
      const admin = await apiAs(appUrl, "admin");
      const desk = await apiAs(appUrl, "frontdesk");
      // A Sunday, when no demo doctor works: the six work it at a new office, so nothing collides.
      let sunday = null;
      for (let d = 2; !sunday; d += 1) if (weekdayOf(dayInChicago(d)) === 0) sunday = dayInChicago(d);
      const office = await admin("POST", "/offices", {
        name: "Westfield Clinic",
        address: { line1: "1 West Field Road", city: "Springfield", state: "IL", postal_code: "62704", country: "US" },
        time_zone: "America/Chicago",
        services: [],
      });
      const doctors = (await admin("GET", "/doctors?per_page=100")).items.slice(0, 6);
      assert(doctors.length === 6, "the demo clinic should have six doctors");
      for (const d of doctors) {
        const offices = await admin("GET", `/doctors/${d.id}/offices`);
        await admin("PUT", `/doctors/${d.id}/offices`, { office_ids: [...offices.office_ids, office.id] });
        const hours = await admin("GET", `/doctors/${d.id}/working-hours`);
        await admin("PUT", `/doctors/${d.id}/working-hours`, { working_hours: [...hours.working_hours, { office_id: office.id, weekday: 7, start: "08:00", end: "18:00" }] });
      }
      const patients = (await desk("GET", "/patients?per_page=100")).items;
      assert(patients.length >= 50, "the demo clinic should have at least 50 patients");
      // Each doctor's day: lengths from 15 minutes to an hour with a few gaps; every visit its own patient.
      const plans = [
        [30, 30, 45, 0, 15, 30, 60, 30, 30],
        [60, 30, 0, 30, 45, 15, 30, 30],
        [20, 20, 30, 30, 0, 60, 30, 45, 30],
        [45, 45, 30, 30, 0, 30, 30, 60],
        [30, 15, 15, 30, 60, 0, 30, 45, 30],
        [30, 30, 30, 0, 0, 45, 30, 30, 60],
      ];
      const [oy, om, od] = sunday.split("-").map(Number);
      const at = (minutes) => {
        // 8:00 on the office's clock is 13:00 or 14:00 UTC depending on DST: ask the zone.
        const guess = Date.UTC(oy, om - 1, od, Math.floor(minutes / 60), minutes % 60);
        const offset = new Date(guess).toLocaleString("en-US", { timeZone: "America/Chicago", timeZoneName: "shortOffset" }).match(/GMT([+-]\d+)/)[1];
        return new Date(guess - Number(offset) * 3_600_000).toISOString();
      };
      let p = 0;
      const booked = [];
      for (const [i, d] of doctors.entries()) {
        let minutes = 8 * 60 + (i % 2) * 15;
        for (const length of plans[i]) {
          if (length === 0) {
            minutes += 30;
            continue;
          }
          const patient = patients[p++];
          const a = await desk("POST", "/appointments", { patient_id: patient.id, doctor_id: d.id, office_id: office.id, starts_at: at(minutes), duration_minutes: length, reason: ["Annual check-up", "Follow-up visit", "Back pain", "Vaccination", "Blood pressure review"][p % 5] });
          booked.push(a);
          minutes += length;
        }
      }
      // Two overbooked on purpose (shown side by side), a few confirmed, one cancelled.
      for (const [i, d] of doctors.slice(0, 2).entries()) {
        const patient = patients[p++];
        booked.push(await desk("POST", "/appointments", { patient_id: patient.id, doctor_id: d.id, office_id: office.id, starts_at: at(9 * 60 + i * 30), duration_minutes: 30, reason: "Urgent: squeezed in", overbook_reason: "Urgent, seen between visits" }));
      }
      for (const a of booked.filter((_, i) => i % 3 === 0)) await desk("POST", `/appointments/${a.id}/confirm`);
      await desk("POST", `/appointments/${booked[5].id}/cancel`, { reason: "Patient called: unwell" });
      const active = booked.length - 1;
      log(`busy day ${sunday} at office ${office.id}: ${booked.length} visits booked (${active} active) across ${doctors.length} doctors`);
      assert(active >= 40, "a busy day holds at least 40 visits");

      const page = await newPage({ viewport: { width: 1440, height: 900 } });
      await signIn(page, appUrl, "frontdesk");
      await page.goto(`${appUrl}/staff/board?date=${sunday}&view=day&office=${office.id}`);
      await page.locator("[data-appointment]").nth(active - 1).waitFor();
      const shown = await page.locator("[data-appointment]").count();
      assert(shown === active, `the grid should show all ${active} active visits of the day, it shows ${shown}`);
      await page.getByText(`${active} visits on this day.`).waitFor();
      await page.screenshot({ path: join(artifacts, "calendar-day-busy-1440x900.png") });
      await page.screenshot({ path: join(artifacts, "calendar-day-busy.png"), fullPage: true });

      // With the cancelled visit shown too.
      await page.getByLabel("Show cancelled").check();
      await page.locator("[data-status=cancelled]").first().waitFor();

      // The printed day sheet: every doctor's list, no navigation.
      await page.getByLabel("Show cancelled").uncheck();
      await page.emulateMedia({ media: "print" });
      const sheet = page.getByRole("region", { name: "Day sheet" });
      await sheet.waitFor();
      assert(!(await page.getByRole("navigation", { name: "Main" }).isVisible()), "the printed sheet has no navigation");
      assert((await sheet.getByRole("row").count()) === active + 6, "the day sheet lists every active visit under a header row per doctor");
      await page.screenshot({ path: join(artifacts, "calendar-print.png"), fullPage: true });
      await page.emulateMedia({ media: "screen" });

      // One doctor's week at the demo's main office.
      await page.goto(`${appUrl}/staff/board?view=week`);
      await page.getByLabel("Doctor").locator("option", { hasText: "House" }).waitFor({ state: "attached" });
      await page.getByLabel("Doctor").selectOption({ label: "Dr. Gregory House" });
      await page.getByRole("region", { name: /^Mon, / }).waitFor();
      await page.locator("[data-appointment]").first().waitFor();
      await page.screenshot({ path: join(artifacts, "calendar-week.png"), fullPage: true });
    },
  },
];
