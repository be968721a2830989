import { afterEach, describe, expect, it, vi } from "vitest";
import { fireEvent, screen } from "@testing-library/react";
import { json, mockApi, renderWithProviders } from "@/test/render";
import { UsersTable } from "./users-table";

const base = { email: "x@clinic.test", phone: null, doctor_id: null, patient_id: null, created_at: "2026-12-01T09:00:00Z", updated_at: "2026-12-01T09:00:00Z", last_login: null, deactivated_at: null };

describe("UsersTable", () => {
  it("shows one row per account and offers reactivation only to deactivated ones", () => {
    const onDeactivate = vi.fn();
    const onReactivate = vi.fn();
    renderWithProviders(
      <UsersTable
        users={[
          { ...base, id: 1, username: "house", full_name: "Gregory House", role: "doctor", is_active: true },
          { ...base, id: 2, username: "temp", full_name: null, role: "staff", is_active: false, deactivated_at: "2026-12-01T10:00:00Z" },
        ]}
        busyId={null}
        onDeactivate={onDeactivate}
        onReactivate={onReactivate}
      />,
    );
    expect(screen.getAllByRole("row")).toHaveLength(3);
    expect(screen.getByText("Gregory House")).toBeInTheDocument();
    expect(screen.getByText("Front desk")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Reactivate house" })).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Reactivate temp" }));
    expect(onReactivate).toHaveBeenCalledWith(expect.objectContaining({ id: 2 }));
    fireEvent.click(screen.getByRole("button", { name: "Deactivate house" }));
    expect(onDeactivate).toHaveBeenCalledWith(expect.objectContaining({ id: 1 }));
  });

  it("shows the last sign-in in the clinic's zone with its label, whatever the browser's zone", async () => {
    mockApi({ "GET /api/v1/offices": () => json({ items: [{ id: 1, name: "Main", time_zone: "America/Chicago", is_active: true }], page: 1, per_page: 100, total: 1 }) });
    renderWithProviders(
      <UsersTable users={[{ ...base, id: 1, username: "house", full_name: "Gregory House", role: "doctor", is_active: true, last_login: "2026-12-01T15:00:00Z" }]} busyId={null} onDeactivate={() => {}} onReactivate={() => {}} />,
    );
    expect(await screen.findByText(/9:00 AM CST/)).toBeInTheDocument();
  });
});

afterEach(() => vi.unstubAllGlobals());
