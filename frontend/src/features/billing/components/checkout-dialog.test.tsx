import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { json, mockApi, problem, renderWithProviders } from "@/test/render";
import type { Bill } from "../api/bills";
import { CheckoutDialog } from "./checkout-dialog";

afterEach(() => vi.unstubAllGlobals());

const issued: Bill = {
  id: 31,
  invoice_number: "INV-2030-000031",
  patient_id: 1,
  patient_name: "Alice Doe",
  appointment_id: 7,
  visit_at: "2030-03-11T15:00:00Z",
  doctor_name: "Gregory House",
  office_name: "Downtown",
  office_address: "1 Main St, Springfield, IL 62701, US",
  office_time_zone: "America/Chicago",
  amount_due: "120.00",
  amount_paid: "0.00",
  balance: "120.00",
  status: "unpaid",
  billing_due: "2030-04-10",
  created_at: "2030-03-11T16:00:00Z",
  updated_at: "2030-03-11T16:00:00Z",
  allowed_actions: ["record_payment", "adjust", "void"],
  payments: [],
  refunds: [],
  adjustments: [],
};

const paid: Bill = {
  ...issued,
  amount_paid: "120.00",
  balance: "0.00",
  status: "paid",
  allowed_actions: ["refund", "adjust"],
  payments: [
    { id: 5, bill_id: 31, amount: "120.00", method: "card_present", paid_at: "2030-03-11T16:05:00Z", recorded_by: 3, recorded_by_name: "frontdesk", reference: "slip 42", amount_refunded: "0.00", provider_reference: null },
  ],
};

const empty = { items: [], page: 1, per_page: 1, total: 0, total_exact: true, totals: { count: 0, billed: "0.00", paid: "0.00", refunded: "0.00", outstanding: "0.00" } };

describe("CheckoutDialog", () => {
  it("bills the visit, takes a card payment and shows the receipt in the office's time", async () => {
    let billed = false;
    const api = mockApi({
      "GET /api/v1/bills": () => json(billed ? { ...empty, items: [issued], total: 1 } : empty),
      "POST /api/v1/appointments/7/bill": () => {
        billed = true;
        return json(issued, 201);
      },
      "GET /api/v1/bills/31": () => json(issued),
      "POST /api/v1/bills/31/payments": () => json(paid, 201),
    });
    renderWithProviders(<CheckoutDialog appointmentId={7} patientName="Alice Doe" onClose={() => {}} />);
    const dialog = await screen.findByRole("dialog", { name: "Check out Alice Doe" });
    fireEvent.click(await within(dialog).findByRole("button", { name: "Create bill" }));
    fireEvent.change(await within(dialog).findByLabelText("Method"), { target: { value: "card_present" } });
    fireEvent.change(within(dialog).getByLabelText("Reference (optional)"), { target: { value: "slip 42" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Record payment" }));
    const receipt = await within(dialog).findByRole("article", { name: "Receipt" });
    expect(within(receipt).getByText("INV-2030-000031")).toBeInTheDocument();
    expect(within(receipt).getByText("Card (in person)")).toBeInTheDocument();
    // 16:05 UTC is 11:05 AM daylight time in Chicago, whatever the browser's zone.
    expect(within(receipt).getByText(/11:05\sAM CDT/)).toBeInTheDocument();
    expect(within(receipt).getByText("$0.00")).toBeInTheDocument();
    const payment = api.mock.calls.map((c) => c[0] as Request).find((r) => r.method === "POST" && r.url.endsWith("/payments"))!;
    expect(await payment.clone().json()).toEqual({ amount: "120.00", method: "card_present", reference: "slip 42" });
  });

  it("sends one bill however fast the button is pressed, and shows the server's words", async () => {
    const api = mockApi({
      "GET /api/v1/bills": () => json(empty),
      "POST /api/v1/appointments/7/bill": () => json(problem(409, [], "a scheduled visit is not billed; check the patient in first"), 409),
    });
    renderWithProviders(<CheckoutDialog appointmentId={7} patientName="Alice Doe" onClose={() => {}} />);
    const create = await screen.findByRole("button", { name: "Create bill" });
    fireEvent.click(create);
    fireEvent.click(create);
    expect(await screen.findByText(/check the patient in first/)).toBeInTheDocument();
    const posts = api.mock.calls.filter((c) => (c[0] as Request).method === "POST");
    expect(posts).toHaveLength(1);
  });

  it("refuses a typed amount that is not money before asking the server", async () => {
    const api = mockApi({ "GET /api/v1/bills": () => json(empty) });
    renderWithProviders(<CheckoutDialog appointmentId={7} patientName="Alice Doe" onClose={() => {}} />);
    fireEvent.change(await screen.findByLabelText("Amount"), { target: { value: "12.345" } });
    fireEvent.click(screen.getByRole("button", { name: "Create bill" }));
    expect(await screen.findByText(/Enter an amount such as 120.00/)).toBeInTheDocument();
    await waitFor(() => expect(api.mock.calls.filter((c) => (c[0] as Request).method === "POST")).toHaveLength(0));
  });
});
