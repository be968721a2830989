import { screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { mockApi, renderWithProviders } from "@/test/render";
import type { Bill } from "../api/bills";
import { BillCard } from "./bill-card";

afterEach(() => vi.unstubAllGlobals());

const bill: Bill = {
  id: 9,
  invoice_number: "INV-2030-000001",
  office_name: "Downtown",
  office_address: "1 Main St, Springfield, US",
  office_time_zone: "America/Chicago",
  patient_id: 1,
  patient_name: "Alice Doe",
  appointment_id: 2,
  visit_at: "2030-03-11T14:00:00Z",
  doctor_name: "Dr. House",
  amount_due: "120.00",
  amount_paid: "0.00",
  balance: "120.00",
  status: "unpaid",
  billing_due: "2030-04-10",
  created_at: "2030-03-11T15:00:00Z",
  updated_at: "2030-03-11T15:00:00Z",
  allowed_actions: [],
};

describe("BillCard", () => {
  it("tells a patient honestly that online payment is unavailable instead of offering a form that fails", () => {
    mockApi({});
    renderWithProviders(<BillCard bill={bill} />);
    expect(screen.getByText(/Online payment is not available at this clinic/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Pay bill" })).not.toBeInTheDocument();
  });

  it("offers a patient the online payment the server allows", () => {
    mockApi({});
    renderWithProviders(<BillCard bill={{ ...bill, allowed_actions: ["pay_online"] }} />);
    expect(screen.getByRole("button", { name: "Pay bill" })).toBeInTheDocument();
    expect(screen.queryByText(/Online payment is not available/)).not.toBeInTheDocument();
  });

  it("offers staff exactly the actions the server lists", () => {
    mockApi({});
    renderWithProviders(<BillCard staff bill={{ ...bill, amount_paid: "10.00", balance: "110.00", allowed_actions: ["record_payment", "refund", "adjust"] }} />);
    expect(screen.getByRole("button", { name: "Record payment" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Refund…" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Void…" })).not.toBeInTheDocument();
  });
});
