import { useQueryClient } from "@tanstack/react-query";
import { $api, type Schemas } from "@/lib/api-client";

export type Patient = Schemas["PatientResponse"];
export type Phone = Schemas["Phone"];
export type Address = Schemas["AddressBody"];
export type Insurance = Schemas["InsuranceResponse"];
export type CareTeamMember = Schemas["CareTeamMemberResponse"];
export type EmergencyContact = Schemas["EmergencyContactBody"];

export function patientName(p: Pick<Patient, "first_name" | "middle_name" | "last_name">): string {
  return [p.first_name, p.middle_name, p.last_name].filter(Boolean).join(" ");
}

export function formatPhone(phone: Phone | null | undefined): string {
  if (!phone) return "—";
  return [phone.country_code, phone.number, phone.extension && `ext. ${phone.extension}`].filter(Boolean).join(" ");
}

export function usePatients(query: { q?: string; dob?: string; page?: number; per_page?: number }, enabled = true) {
  return $api.useQuery("get", "/api/v1/patients", { params: { query: { per_page: 20, ...query } } }, { enabled });
}

export function usePatient(id: number | null) {
  return $api.useQuery("get", "/api/v1/patients/{id}", { params: { path: { id: id ?? 0 } } }, { enabled: id !== null });
}

function useInvalidate(paths: string[]) {
  const queryClient = useQueryClient();
  return () => {
    for (const path of paths) void queryClient.invalidateQueries({ queryKey: ["get", path] });
  };
}

export function useRegisterPatient() {
  return $api.useMutation("post", "/api/v1/patients", { onSuccess: useInvalidate(["/api/v1/patients"]) });
}

export function useUpdatePatient() {
  return $api.useMutation("patch", "/api/v1/patients/{id}", { onSuccess: useInvalidate(["/api/v1/patients", "/api/v1/patients/{id}"]) });
}

export function useCareTeam(patientId: number) {
  return $api.useQuery("get", "/api/v1/patients/{id}/doctors", { params: { path: { id: patientId }, query: { per_page: 100 } } });
}

const CARE_TEAM = ["/api/v1/patients/{id}/doctors", "/api/v1/patients/{id}", "/api/v1/patients"];
export function useAddCareTeamMember() {
  return $api.useMutation("post", "/api/v1/patients/{id}/doctors", { onSuccess: useInvalidate(CARE_TEAM) });
}
export function useRemoveCareTeamMember() {
  return $api.useMutation("delete", "/api/v1/patients/{id}/doctors/{doctor_id}", { onSuccess: useInvalidate(CARE_TEAM) });
}
export function useSetPrimaryDoctor() {
  return $api.useMutation("put", "/api/v1/patients/{id}/primary-doctor", { onSuccess: useInvalidate(CARE_TEAM) });
}

export function useInsurances(patientId: number) {
  return $api.useQuery("get", "/api/v1/patients/{id}/insurances", { params: { path: { id: patientId }, query: { per_page: 100 } } });
}
const INSURANCES = ["/api/v1/patients/{id}/insurances", "/api/v1/insurances/{id}"];
export function useAddInsurance() {
  return $api.useMutation("post", "/api/v1/patients/{id}/insurances", { onSuccess: useInvalidate(INSURANCES) });
}
export function useUpdateInsurance() {
  return $api.useMutation("patch", "/api/v1/insurances/{id}", { onSuccess: useInvalidate(INSURANCES) });
}

export function useEmergencyContacts(patientId: number) {
  return $api.useQuery("get", "/api/v1/patients/{id}/emergency-contacts", { params: { path: { id: patientId } } });
}
export function useSaveEmergencyContacts() {
  return $api.useMutation("put", "/api/v1/patients/{id}/emergency-contacts", { onSuccess: useInvalidate(["/api/v1/patients/{id}/emergency-contacts"]) });
}
