import { useQueryClient } from "@tanstack/react-query";
import { $api, type Schemas } from "@/lib/api-client";

export type Bill = Schemas["BillResponse"];
export type BillStatus = Schemas["PaymentStatusDto"];
export type PaymentMethod = Schemas["PaymentMethodDto"];
export type BillAction = Schemas["BillActionDto"];
export type Payment = Schemas["PaymentResponse"];

export type PaymentHistoryLine = Schemas["PaymentHistoryResponse"];
export type BillTotals = Schemas["BillTotalsResponse"];

export interface BillSearch {
  patient_id?: number;
  appointment_id?: number;
  status?: BillStatus;
  q?: string;
  issued_from?: string;
  issued_to?: string;
  page?: number;
  per_page?: number;
}

/** Bills and the totals of everything the filter selects (the server sums them). */
export function useBills(query: BillSearch, options: { enabled?: boolean } = {}) {
  return $api.useQuery("get", "/api/v1/bills", { params: { query: { per_page: 20, ...query } } }, options);
}

/** Every payment and refund on a patient's bills, newest first. */
export function usePatientPayments(patientId: number | null, perPage = 100) {
  return $api.useQuery(
    "get",
    "/api/v1/patients/{id}/payments",
    { params: { path: { id: patientId ?? 0 }, query: { per_page: perPage } } },
    { enabled: patientId !== null },
  );
}

export function useBill(id: number | null) {
  return $api.useQuery("get", "/api/v1/bills/{id}", { params: { path: { id: id ?? 0 } } }, { enabled: id !== null });
}

function useInvalidateBills() {
  const queryClient = useQueryClient();
  return () => {
    for (const path of ["/api/v1/bills", "/api/v1/bills/{id}", "/api/v1/patients/{id}/payments", "/api/v1/notifications", "/api/v1/notifications/unread-count"]) {
      void queryClient.invalidateQueries({ queryKey: ["get", path] });
    }
  };
}

/** Bills a visit at checkout (staff). */
export function useIssueBill() {
  return $api.useMutation("post", "/api/v1/appointments/{id}/bill", { onSuccess: useInvalidateBills() });
}

export function usePayBill() {
  return $api.useMutation("post", "/api/v1/bills/{id}/payments", { onSuccess: useInvalidateBills() });
}

export function useRefundBill() {
  return $api.useMutation("post", "/api/v1/bills/{id}/refunds", { onSuccess: useInvalidateBills() });
}

export function useVoidBill() {
  return $api.useMutation("post", "/api/v1/bills/{id}/void", { onSuccess: useInvalidateBills() });
}

/** Whether the server says the caller may do `action` with `bill` now (it applies the rules). */
export function allows(bill: Bill, action: BillAction): boolean {
  return bill.allowed_actions.includes(action);
}
