import { fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { json, mockApi, problem, renderWithProviders } from "@/test/render";
import type { Bill } from "../api/bills";
import { PayForm } from "./pay-form";

afterEach(() => vi.unstubAllGlobals());

const bill: Bill = {
  id: 9,
  invoice_number: "INV-2030-000009",
  patient_id: 1,
  patient_name: "Alice Doe",
  appointment_id: 2,
  visit_at: "2030-03-11T14:00:00Z",
  doctor_name: "Dr. House",
  office_name: "Downtown",
  office_address: "1 Main St, Springfield, US",
  office_time_zone: "America/Chicago",
  amount_due: "120.00",
  amount_paid: "20.00",
  balance: "100.00",
  status: "partially_paid",
  billing_due: "2030-04-10",
  created_at: "2030-03-11T15:00:00Z",
  updated_at: "2030-03-11T15:00:00Z",
  allowed_actions: ["pay_online"],
};

describe("PayForm", () => {
  it("refuses more than the balance before asking the server", async () => {
    const api = mockApi({});
    renderWithProviders(<PayForm bill={bill} />);
    const amount = screen.getByLabelText("Amount");
    fireEvent.change(amount, { target: { value: "100.01" } });
    fireEvent.click(screen.getByRole("button", { name: "Pay" }));
    expect(await screen.findByText("The amount cannot exceed the balance of $100.00")).toBeInTheDocument();
    expect(amount).toHaveAttribute("aria-invalid", "true");
    expect(api).not.toHaveBeenCalled();
  });

  it("sends the normalised decimal string and shows server field errors", async () => {
    const api = mockApi({
      "POST /api/v1/bills/9/payments": () => json(problem(422, [{ field: "amount", message: "at most two decimal places" }]), 422),
    });
    renderWithProviders(<PayForm bill={bill} chooseMethod />);
    fireEvent.change(screen.getByLabelText("Amount"), { target: { value: "$50" } });
    fireEvent.change(screen.getByLabelText("Method"), { target: { value: "cash" } });
    fireEvent.click(screen.getByRole("button", { name: "Record payment" }));
    expect(await screen.findByText("at most two decimal places")).toBeInTheDocument();
    const request = api.mock.calls[0]![0] as Request;
    expect(await request.clone().json()).toEqual({ amount: "50.00", method: "cash" });
  });

  it("pays online with the provider's token and reports success to the caller", async () => {
    const onPaid = vi.fn();
    const api = mockApi({ "POST /api/v1/bills/9/payments": () => json({ ...bill, amount_paid: "120.00", balance: "0.00", status: "paid" }, 201) });
    renderWithProviders(<PayForm bill={bill} onPaid={onPaid} />);
    fireEvent.change(screen.getByLabelText("Payment token"), { target: { value: " tok_visa " } });
    fireEvent.click(screen.getByRole("button", { name: "Pay" }));
    await waitFor(() => expect(onPaid).toHaveBeenCalled());
    const request = api.mock.calls[0]![0] as Request;
    expect(await request.clone().json()).toEqual({ amount: "100.00", method: "online", payment_token: "tok_visa" });
  });
});
