import { fireEvent, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { json, mockApi, renderWithProviders } from "@/test/render";
import { groupByOfficeDay, nextIndex, SlotPicker, slotKey } from "./slot-picker";

afterEach(() => vi.unstubAllGlobals());

const at = (starts_at: string, ends_at: string, doctor_id = 3) => ({
  starts_at,
  ends_at,
  doctor_id,
  doctor_name: doctor_id === 3 ? "Gregory House" : "Cristina Yang",
  specialty_name: "Family Medicine",
  office_id: 4,
  office_name: "Main",
  time_zone: "America/Chicago",
});
// 14:00Z is 9:00 AM in Chicago (CDT: clocks went forward on March 10, 2030).
const slots = [
  at("2030-03-11T14:00:00Z", "2030-03-11T14:30:00Z"),
  at("2030-03-11T14:30:00Z", "2030-03-11T15:00:00Z"),
  at("2030-03-11T15:00:00Z", "2030-03-11T15:30:00Z"),
  at("2030-03-12T15:00:00Z", "2030-03-12T15:30:00Z"),
  // 03:00Z on the 13th is still the 12th in Chicago.
  at("2030-03-13T03:00:00Z", "2030-03-13T03:30:00Z"),
];
const found = (list = slots, referrals_needed: unknown[] = []) => json({ duration_minutes: 30, slots: list, referrals_needed });

describe("SlotPicker", () => {
  it("groups slots by the office's day and shows the office's clock with its zone", async () => {
    const api = mockApi({ "GET /api/v1/slots": () => found() });
    renderWithProviders(<SlotPicker search={{ doctorId: 3, officeId: 4 }} value={null} onChange={() => {}} startDate="2030-03-11" />);
    const days = await screen.findAllByRole("radiogroup");
    expect(days).toHaveLength(2);
    expect(within(days[0]!).getAllByRole("radio").map((o) => o.textContent)).toEqual(["9:00 AM", "9:30 AM", "10:00 AM"]);
    expect(within(days[1]!).getAllByRole("radio").map((o) => o.textContent)).toEqual(["10:00 AM", "10:00 PM"]);
    expect(within(days[0]!).getAllByRole("radio")[0]).toHaveAccessibleName("Mon, Mar 11 9:00 AM CDT");
    const url = api.mock.calls.map((c) => new URL((c[0] as Request).url)).find((u) => u.pathname === "/api/v1/slots")!;
    expect([url.searchParams.get("doctor_id"), url.searchParams.get("office_id"), url.searchParams.get("to")]).toEqual(["3", "4", "2030-03-17"]);
  });

  it("has one tab stop per day and moves with the arrow keys, Home and End", async () => {
    mockApi({ "GET /api/v1/slots": () => found() });
    const onChange = vi.fn();
    renderWithProviders(<SlotPicker search={{}} value={null} onChange={onChange} startDate="2030-03-11" />);
    const days = await screen.findAllByRole("radiogroup");
    const monday = within(days[0]!).getAllByRole("radio");
    expect(monday.map((o) => o.tabIndex)).toEqual([0, -1, -1]);
    expect(within(days[1]!).getAllByRole("radio").map((o) => o.tabIndex)).toEqual([0, -1]);

    monday[0]!.focus();
    fireEvent.keyDown(monday[0]!, { key: "ArrowRight" });
    expect(onChange).toHaveBeenLastCalledWith(slots[1]);
    expect(document.activeElement).toBe(monday[1]);
    fireEvent.keyDown(monday[1]!, { key: "End" });
    expect(onChange).toHaveBeenLastCalledWith(slots[2]);
    fireEvent.keyDown(monday[2]!, { key: "Home" });
    expect(onChange).toHaveBeenLastCalledWith(slots[0]);
    fireEvent.keyDown(monday[0]!, { key: "ArrowUp" });
    expect(onChange).toHaveBeenLastCalledWith(slots[2]);
    expect(within(days[0]!).getAllByRole("radio")[0]).toHaveAccessibleName(/with Gregory House at Main/);
  });

  it("puts the day's tab stop on its chosen time", async () => {
    mockApi({ "GET /api/v1/slots": () => found() });
    renderWithProviders(<SlotPicker search={{ doctorId: 3 }} value={slotKey(slots[1]!)} onChange={() => {}} startDate="2030-03-11" />);
    const days = await screen.findAllByRole("radiogroup");
    const monday = within(days[0]!).getAllByRole("radio");
    expect(monday.map((o) => o.tabIndex)).toEqual([-1, 0, -1]);
    expect(monday[1]).toHaveAttribute("aria-checked", "true");
  });

  it("names a specialist who needs a referral before any time is picked", async () => {
    mockApi({
      "GET /api/v1/slots": () =>
        found([], [{ doctor_id: 9, doctor_name: "Cristina Yang", specialty_name: "Cardiology", latest_request: "pending", slots_withheld: true }]),
    });
    renderWithProviders(<SlotPicker search={{}} value={null} onChange={() => {}} startDate="2030-03-11" />);
    expect(await screen.findByText(/Needs a referral from your primary doctor/)).toHaveTextContent("A request is pending");
  });

  it("says so when the week has no free time, and moves to the next week", async () => {
    const api = mockApi({ "GET /api/v1/slots": () => found([]) });
    renderWithProviders(<SlotPicker search={{}} value={null} onChange={() => {}} startDate="2030-03-11" />);
    expect(await screen.findByText("No free times this week.")).toBeInTheDocument();
    fireEvent.click(screen.getByRole("button", { name: /Later/ }));
    await screen.findByText("No free times this week.");
    const last = new URL((api.mock.calls.at(-1)![0] as Request).url);
    expect(last.searchParams.get("from")).toBe("2030-03-18");
  });
});

describe("slot keyboard maths", () => {
  it("wraps around and knows Home and End", () => {
    expect(nextIndex("ArrowRight", 2, 3)).toBe(0);
    expect(nextIndex("ArrowLeft", 0, 3)).toBe(2);
    expect(nextIndex("ArrowDown", 0, 3)).toBe(1);
    expect(nextIndex("End", 0, 3)).toBe(2);
    expect(nextIndex("Tab", 0, 3)).toBeNull();
  });

  it("groups by the office's calendar day, not the browser's", () => {
    expect(groupByOfficeDay(slots).map(([day, s]) => [day, s.length])).toEqual([
      ["2030-03-11", 3],
      ["2030-03-12", 2],
    ]);
  });
});
