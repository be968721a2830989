import { fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { json, mockApi, problem, renderWithProviders } from "@/test/render";
import { WorkingHoursEditor } from "./working-hours-editor";

afterEach(() => vi.unstubAllGlobals());

const monday = { weekday: 1, office_id: 4, start: "08:00:00", end: "12:00:00" };

function routes(save: (request: Request) => Response | Promise<Response>) {
  return mockApi({
    "GET /api/v1/doctors/3/working-hours": () => json({ doctor_id: 3, working_hours: [monday] }),
    "GET /api/v1/doctors/3/offices": () => json({ office_ids: [4], offices: [{ id: 4, name: "Downtown", city: "Chicago", time_zone: "America/Chicago", is_active: true }] }),
    "PUT /api/v1/doctors/3/working-hours": save,
  });
}

describe("WorkingHoursEditor", () => {
  it("adds a block and saves the whole week", async () => {
    const api = routes(async (r) => json({ doctor_id: 3, working_hours: (await r.clone().json()).working_hours }));
    renderWithProviders(<WorkingHoursEditor doctorId={3} />);
    await screen.findByDisplayValue("08:00");
    await waitFor(() => expect(screen.getByRole("button", { name: "Add a block" })).toBeEnabled());
    fireEvent.click(screen.getByRole("button", { name: "Add a block" }));
    fireEvent.change(screen.getAllByLabelText("Day")[1]!, { target: { value: "3" } });
    fireEvent.click(screen.getByRole("button", { name: "Save working hours" }));
    expect(await screen.findByText("Working hours saved.")).toBeInTheDocument();
    const put = api.mock.calls.map((c) => c[0] as Request).find((r) => r.method === "PUT")!;
    expect(await put.clone().json()).toEqual({
      working_hours: [
        { weekday: 1, office_id: 4, start: "08:00", end: "12:00" },
        { weekday: 3, office_id: 4, start: "09:00", end: "17:00" },
      ],
    });
  });

  it("puts the server's errors on the block they name", async () => {
    routes(() => json(problem(422, [{ field: "working_hours[0].end", message: "must be after the start" }]), 422));
    renderWithProviders(<WorkingHoursEditor doctorId={3} />);
    await screen.findByDisplayValue("08:00");
    fireEvent.click(screen.getByRole("button", { name: "Save working hours" }));
    expect(await screen.findByText("To must be after the start.")).toBeInTheDocument();
    expect(screen.getByLabelText("To")).toHaveAttribute("aria-invalid", "true");
  });
});

describe("WorkingHoursEditor checks before sending", () => {
  it("shows every block's error at once and sends nothing", async () => {
    const api = routes(() => json({}));
    renderWithProviders(<WorkingHoursEditor doctorId={3} />);
    await screen.findByDisplayValue("08:00");
    await waitFor(() => expect(screen.getByRole("button", { name: "Add a block" })).toBeEnabled());
    fireEvent.click(screen.getByRole("button", { name: "Add a block" }));
    fireEvent.change(screen.getAllByLabelText("To")[0]!, { target: { value: "07:00" } });
    fireEvent.change(screen.getAllByLabelText("From")[1]!, { target: { value: "" } });
    fireEvent.click(screen.getByRole("button", { name: "Save working hours" }));
    expect(await screen.findByText("Choose an end after the start.")).toBeInTheDocument();
    expect(screen.getByText("Enter a start time.")).toBeInTheDocument();
    expect(screen.getByText("Please correct the 2 fields marked below.")).toBeInTheDocument();
    expect(api.mock.calls.some((c) => (c[0] as Request).method === "PUT")).toBe(false);
  });

  it("puts an overlap the server names by block on that block", async () => {
    routes(() => json(problem(422, [{ field: "working_hours[0]", message: "overlaps another block on Monday" }]), 422));
    renderWithProviders(<WorkingHoursEditor doctorId={3} />);
    await screen.findByDisplayValue("08:00");
    fireEvent.click(screen.getByRole("button", { name: "Save working hours" }));
    expect(await screen.findByText("From overlaps another block on Monday.")).toBeInTheDocument();
    expect(screen.getByLabelText("From")).toHaveAttribute("aria-invalid", "true");
  });
});
