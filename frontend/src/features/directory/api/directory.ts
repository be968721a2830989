import { useQueryClient } from "@tanstack/react-query";
import { $api, type Schemas } from "@/lib/api-client";

export type Doctor = Schemas["DoctorResponse"];
export type Office = Schemas["OfficeResponse"];

export function doctorName(d: Pick<Doctor, "first_name" | "middle_name" | "last_name">): string {
  return `Dr. ${[d.first_name, d.middle_name, d.last_name].filter(Boolean).join(" ")}`;
}

export function useDoctors(query: { specialty_id?: number; office_id?: number; q?: string; page?: number; per_page?: number } = {}) {
  return $api.useQuery("get", "/api/v1/doctors", { params: { query: { per_page: 100, ...query } } }, { staleTime: 60_000 });
}

export function useDoctorOffices(doctorId: number | null) {
  return $api.useQuery("get", "/api/v1/doctors/{id}/offices", { params: { path: { id: doctorId ?? 0 } } }, { enabled: doctorId !== null });
}

export function useOffices(query: { q?: string; is_active?: boolean; page?: number; per_page?: number } = {}) {
  return $api.useQuery("get", "/api/v1/offices", { params: { query: { per_page: 100, ...query } } }, { staleTime: 60_000 });
}

export function useSpecialties() {
  return $api.useQuery("get", "/api/v1/specialties", undefined, { staleTime: 60_000 });
}

/** Refetches every doctor query after a change to a doctor, their offices or hours. */
export function useInvalidateDoctors() {
  const queryClient = useQueryClient();
  return () => {
    for (const path of ["/api/v1/doctors", "/api/v1/doctors/{id}", "/api/v1/doctors/{id}/offices", "/api/v1/doctors/{id}/working-hours"]) {
      void queryClient.invalidateQueries({ queryKey: ["get", path] });
    }
  };
}
