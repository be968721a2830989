// Booking as a patient expects it (issue 14): "first available" with a visit type, a
// double-click that books once, and a specialist needing a referral named before picking.
// The browser runs in UTC while the offices are in Chicago: the picker reads Chicago time.
import { apiAs, assert, checkA11y, shot, signIn } from "./support.mjs";

async function openBooking(page, appUrl) {
  await signIn(page, appUrl, "alice");
  await page.goto(`${appUrl}/patient/book`);
  await page.getByLabel("Find a time").waitFor();
}

export const bookingSteps = [
  {
    id: "booking-first-available",
    name: "booking: a patient books the first available time with a visit type, and a double-click books once",
    async run({ newPage, appUrl, artifacts, log }) {
      const api = await apiAs(appUrl, "alice");
      const me = await api("GET", "/appointments?per_page=100");
      const before = me.items.filter((a) => a.status === "scheduled").length;
      const page = await newPage();
      await openBooking(page, appUrl);
      await checkA11y(page, "the booking page");
      const visitType = page.getByLabel("Visit type");
      await visitType.locator("option", { hasText: "Follow-up 15" }).waitFor({ state: "attached" });
      await visitType.selectOption({ label: (await visitType.locator("option", { hasText: "Follow-up 15" }).textContent()).trim() });
      const first = page.getByRole("radiogroup").first().getByRole("radio").first();
      await first.waitFor();
      const label = await first.getAttribute("aria-label");
      assert(/ (CST|CDT) with /.test(label), `a slot reads the office's clock with its zone: ${label}`);
      // Keyboard: one tab stop per day, arrows within it.
      await first.focus();
      await page.keyboard.press("ArrowRight");
      await page.keyboard.press("Home");
      await checkA11y(page, "the slot picker");
      await shot(page, artifacts, "booking-first-available");
      await page.getByRole("button", { name: "Book appointment" }).dblclick();
      await page.getByText(/^Booked:/).waitFor();
      const after = (await api("GET", "/appointments?per_page=100")).items.filter((a) => a.status === "scheduled");
      assert(after.length === before + 1, `a double-click booked ${after.length - before} appointments`);
      const booked = after.find((a) => a.visit_type?.name === "Follow-up 15");
      assert(booked && booked.duration_minutes === 15, "the visit type's length is the booked length");
      log(`booked ${booked.id} (${label})`);
      // The first free time may be within the day, which a patient can no longer cancel online:
      // the front desk cancels it, with the reason a late cancellation needs.
      const desk = await apiAs(appUrl, "frontdesk");
      await desk("POST", `/appointments/${booked.id}/cancel`, { reason: "e2e: booked to check the double-click" });
    },
  },
  {
    id: "booking-referral-shown",
    name: "booking: a specialist needing a referral is shown as such before picking",
    async run({ newPage, appUrl, artifacts }) {
      const page = await newPage();
      await openBooking(page, appUrl);
      await page.getByLabel("Find a time").selectOption("specialty");
      const specialty = page.getByLabel(/^Specialty/);
      await specialty.locator("option", { hasText: "Dermatology" }).waitFor({ state: "attached" });
      await specialty.selectOption({ label: "Dermatology" });
      await page.getByText(/Needs a referral from your primary doctor/).first().waitFor();
      await checkA11y(page, "a specialty needing a referral");
      await shot(page, artifacts, "booking-referral-needed");
    },
  },
];
