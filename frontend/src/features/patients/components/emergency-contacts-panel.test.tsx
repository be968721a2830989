import { fireEvent, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { json, mockApi, problem, renderWithProviders } from "@/test/render";
import { EmergencyContactsPanel } from "./emergency-contacts-panel";

afterEach(() => vi.unstubAllGlobals());

const grace = { name: "Grace Hopper", relationship: "aunt", phone: { country_code: null, number: "555-0100", extension: null }, priority: 1 };

describe("EmergencyContactsPanel", () => {
  it("checks every row at once, then puts the server's [1].phone.number on the second row's Phone", async () => {
    const api = mockApi({
      "GET /api/v1/patients/7/emergency-contacts": () => json([grace]),
      "PUT /api/v1/patients/7/emergency-contacts": () => json(problem(422, [{ field: "[1].phone.number", message: "must have at least 4 digits" }]), 422),
    });
    renderWithProviders(<EmergencyContactsPanel patientId={7} manage />);
    fireEvent.click(await screen.findByRole("button", { name: "Edit emergency contacts" }));
    fireEvent.click(screen.getByRole("button", { name: "Add a contact" }));
    fireEvent.click(screen.getByRole("button", { name: "Save contacts" }));
    expect(await screen.findByText("Enter a name.")).toBeInTheDocument();
    expect(screen.getByText("Enter a relationship.")).toBeInTheDocument();
    expect(screen.getByText("Enter a phone number.")).toBeInTheDocument();
    expect(api.mock.calls.some((c) => (c[0] as Request).method === "PUT")).toBe(false);

    const [, name2] = screen.getAllByLabelText(/^Name/);
    const [, rel2] = screen.getAllByLabelText(/^Relationship/);
    const [phone1, phone2] = screen.getAllByLabelText(/^Phone/);
    fireEvent.change(name2!, { target: { value: "Alan Turing" } });
    fireEvent.change(rel2!, { target: { value: "friend" } });
    fireEvent.change(phone2!, { target: { value: "55-01" } });
    fireEvent.click(screen.getByRole("button", { name: "Save contacts" }));
    expect(await screen.findByText("Phone must have at least 4 digits.")).toBeInTheDocument();
    expect(phone2).toHaveAttribute("aria-invalid", "true");
    expect(phone1).not.toHaveAttribute("aria-invalid");
    const put = api.mock.calls.map((c) => c[0] as Request).find((r) => r.method === "PUT")!;
    expect(await put.clone().json()).toEqual([
      { name: "Grace Hopper", relationship: "aunt", phone: { number: "555-0100" }, priority: 1 },
      { name: "Alan Turing", relationship: "friend", phone: { number: "55-01" }, priority: 2 },
    ]);
  });

  it("renumbers the rows when one is removed", async () => {
    mockApi({ "GET /api/v1/patients/7/emergency-contacts": () => json([grace, { ...grace, name: "Alan Turing", priority: 2 }]) });
    renderWithProviders(<EmergencyContactsPanel patientId={7} manage />);
    fireEvent.click(await screen.findByRole("button", { name: "Edit emergency contacts" }));
    fireEvent.click(screen.getByRole("button", { name: "Remove contact 1" }));
    expect(screen.getAllByLabelText(/^Name/).map((i) => (i as HTMLInputElement).value)).toEqual(["Alan Turing"]);
    expect(screen.getByText("Contact 1")).toBeInTheDocument();
    expect(screen.queryByText("Contact 2")).toBeNull();
  });
});
