import { fireEvent, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { json, mockApi, renderWithProviders } from "@/test/render";
import { SlotPicker } from "./slot-picker";

afterEach(() => vi.unstubAllGlobals());

const slots = [
  { starts_at: "2030-03-11T14:00:00Z", ends_at: "2030-03-11T14:30:00Z" },
  { starts_at: "2030-03-11T14:30:00Z", ends_at: "2030-03-11T15:00:00Z" },
  { starts_at: "2030-03-12T15:00:00Z", ends_at: "2030-03-12T15:30:00Z" },
];

describe("SlotPicker", () => {
  it("groups free slots by local day and reports the chosen one", async () => {
    const api = mockApi({ "GET /api/v1/doctors/3/availability": () => json({ doctor_id: 3, office_id: 4, time_zone: "America/Chicago", slots }) });
    const onChange = vi.fn();
    renderWithProviders(<SlotPicker doctorId={3} officeId={4} value={null} onChange={onChange} startDate="2030-03-11" />);

    const group = await screen.findByRole("radiogroup", { name: "Free times" });
    expect(within(group).getByRole("heading", { name: "Mon, Mar 11" })).toBeInTheDocument();
    expect(within(group).getByRole("heading", { name: "Tue, Mar 12" })).toBeInTheDocument();
    const options = within(group).getAllByRole("radio");
    expect(options.map((o) => o.textContent)).toEqual(["9:00 AM", "9:30 AM", "10:00 AM"]);

    fireEvent.click(options[1]!);
    expect(onChange).toHaveBeenCalledWith(slots[1]);

    const url = new URL((api.mock.calls[0]![0] as Request).url);
    expect(url.searchParams.get("office_id")).toBe("4");
    expect(url.searchParams.get("from")).toBe("2030-03-11");
    expect(url.searchParams.get("to")).toBe("2030-03-17");
  });

  it("marks the selected slot as checked", async () => {
    mockApi({ "GET /api/v1/doctors/3/availability": () => json({ doctor_id: 3, office_id: 4, time_zone: "UTC", slots }) });
    renderWithProviders(<SlotPicker doctorId={3} officeId={4} value={slots[2]!.starts_at} onChange={() => {}} startDate="2030-03-11" />);
    const chosen = await screen.findByRole("radio", { name: "Tue, Mar 12 10:00 AM" });
    expect(chosen).toHaveAttribute("aria-checked", "true");
  });

  it("says so when the week has no free time, and moves to the next week", async () => {
    const api = mockApi({ "GET /api/v1/doctors/3/availability": () => json({ doctor_id: 3, office_id: 4, time_zone: "UTC", slots: [] }) });
    renderWithProviders(<SlotPicker doctorId={3} officeId={4} value={null} onChange={() => {}} startDate="2030-03-11" />);
    expect(await screen.findByText("No free times this week.")).toBeInTheDocument();
    fireEvent.click(screen.getByRole("button", { name: /Later/ }));
    await screen.findByText("No free times this week.");
    const last = new URL((api.mock.calls.at(-1)![0] as Request).url);
    expect(last.searchParams.get("from")).toBe("2030-03-18");
  });

  it("shows an error with a retry", async () => {
    mockApi({ "GET /api/v1/doctors/3/availability": () => json({ type: "about:blank", title: "Unprocessable", status: 422, code: "x", detail: "bad range" }, 422) });
    renderWithProviders(<SlotPicker doctorId={3} officeId={4} value={null} onChange={() => {}} startDate="2030-03-11" />);
    expect(await screen.findByRole("alert")).toHaveTextContent("bad range");
    expect(screen.getByRole("button", { name: "Try again" })).toBeInTheDocument();
  });
});
