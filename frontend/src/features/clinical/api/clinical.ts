import { useQueryClient } from "@tanstack/react-query";
import { $api, type Schemas } from "@/lib/api-client";

export type MedicalRecord = Schemas["RecordResponse"];
export type TestResult = Schemas["TestResultDto"];
export type ResultFlag = Schemas["ResultFlagDto"];
export type Prescription = Schemas["PrescriptionResponse"];
export type CreatedRecord = Schemas["CreatedRecordResponse"];
export type Addendum = Schemas["AddendumResponse"];
export type Allergy = Schemas["AllergyResponse"];
export type Problem = Schemas["ProblemResponse"];
export type Vital = Schemas["VitalDto"];
export type ChartSummary = Schemas["ChartSummaryResponse"];
export type Approval = Schemas["ApprovalResponse"];
export type ApprovalStatus = Schemas["ApprovalStatusDto"];

function useInvalidate(paths: string[]) {
  const queryClient = useQueryClient();
  return () => {
    for (const path of [...paths, "/api/v1/notifications", "/api/v1/notifications/unread-count"]) {
      void queryClient.invalidateQueries({ queryKey: ["get", path] });
    }
  };
}

export function useRecords(query: { patient_id?: number; appointment_id?: number; page?: number; per_page?: number }, enabled = true) {
  return $api.useQuery("get", "/api/v1/medical-records", { params: { query: { per_page: 50, ...query } } }, { enabled });
}

export function usePrescriptions(query: { patient_id?: number; record_id?: number; page?: number; per_page?: number }, enabled = true) {
  return $api.useQuery("get", "/api/v1/prescriptions", { params: { query: { per_page: 100, ...query } } }, { enabled });
}

const CLINICAL = ["/api/v1/medical-records", "/api/v1/medical-records/{id}", "/api/v1/prescriptions", "/api/v1/patients/{id}/chart-summary"];

export function useChartSummary(patientId: number) {
  return $api.useQuery("get", "/api/v1/patients/{id}/chart-summary", { params: { path: { id: patientId } } });
}
export function useAddAddendum() {
  return $api.useMutation("post", "/api/v1/medical-records/{id}/addenda", { onSuccess: useInvalidate(CLINICAL) });
}
export function useNoteAllergy() {
  return $api.useMutation("post", "/api/v1/patients/{id}/allergies", { onSuccess: useInvalidate(CLINICAL) });
}
export function useChangeAllergy() {
  return $api.useMutation("patch", "/api/v1/allergies/{id}", { onSuccess: useInvalidate(CLINICAL) });
}
export function useNoteProblem() {
  return $api.useMutation("post", "/api/v1/patients/{id}/problems", { onSuccess: useInvalidate(CLINICAL) });
}
export function useChangeProblem() {
  return $api.useMutation("patch", "/api/v1/problems/{id}", { onSuccess: useInvalidate(CLINICAL) });
}
export function useCreateRecord() {
  return $api.useMutation("post", "/api/v1/medical-records", { onSuccess: useInvalidate(CLINICAL) });
}
export function useAddPrescription() {
  return $api.useMutation("post", "/api/v1/medical-records/{id}/prescriptions", { onSuccess: useInvalidate(CLINICAL) });
}

export function useApprovals(query: { status?: ApprovalStatus; patient_id?: number; page?: number; per_page?: number }, enabled = true) {
  return $api.useQuery("get", "/api/v1/specialist-approvals", { params: { query: { per_page: 50, ...query } } }, { enabled });
}

const APPROVALS = ["/api/v1/specialist-approvals", "/api/v1/specialist-approvals/{id}"];
export function useRequestSpecialist() {
  return $api.useMutation("post", "/api/v1/specialist-approvals", { onSuccess: useInvalidate(APPROVALS) });
}
export function useApprove() {
  return $api.useMutation("post", "/api/v1/specialist-approvals/{id}/approve", { onSuccess: useInvalidate(APPROVALS) });
}
export function useDeny() {
  return $api.useMutation("post", "/api/v1/specialist-approvals/{id}/deny", { onSuccess: useInvalidate(APPROVALS) });
}
export function useCancelApproval() {
  return $api.useMutation("post", "/api/v1/specialist-approvals/{id}/cancel", { onSuccess: useInvalidate(APPROVALS) });
}

/** A flag that deserves attention: anything but normal. */
export function isFlagged(flag: ResultFlag | null | undefined): boolean {
  return flag != null && flag !== "normal";
}

export { parseResultValue } from "../record-form-model";
