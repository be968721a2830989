import { useQueryClient } from "@tanstack/react-query";
import { $api, type Schemas } from "@/lib/api-client";

export type Appointment = Schemas["AppointmentResponse"];
export type AppointmentStatus = Schemas["AppointmentStatusDto"];
export type AppointmentFilters = {
  doctor_id?: number;
  patient_id?: number;
  office_id?: number;
  status?: AppointmentStatus;
  from?: string;
  to?: string;
  page?: number;
  per_page?: number;
};

export function useAppointments(filters: AppointmentFilters, enabled = true) {
  return $api.useQuery("get", "/api/v1/appointments", { params: { query: { per_page: 100, ...filters } } }, { enabled });
}

/** After any change to appointments: lists, availability, bills and notifications may move. */
export function useInvalidateScheduling() {
  const queryClient = useQueryClient();
  return () => {
    for (const path of [
      "/api/v1/appointments",
      "/api/v1/appointments/{id}",
      "/api/v1/doctors/{id}/availability",
      "/api/v1/slots",
      "/api/v1/bills",
      "/api/v1/notifications",
      "/api/v1/notifications/unread-count",
      "/api/v1/calendar",
    ]) {
      void queryClient.invalidateQueries({ queryKey: ["get", path] });
    }
  };
}

export function useBookAppointment() {
  const invalidate = useInvalidateScheduling();
  return $api.useMutation("post", "/api/v1/appointments", { onSuccess: invalidate });
}

export function useReschedule() {
  const invalidate = useInvalidateScheduling();
  return $api.useMutation("patch", "/api/v1/appointments/{id}", { onSuccess: invalidate });
}

export const ACTIONS = {
  confirm: "/api/v1/appointments/{id}/confirm",
  "check-in": "/api/v1/appointments/{id}/check-in",
  complete: "/api/v1/appointments/{id}/complete",
  "no-show": "/api/v1/appointments/{id}/no-show",
  cancel: "/api/v1/appointments/{id}/cancel",
} as const;
export type AppointmentAction = keyof typeof ACTIONS;

export function useAppointmentAction(action: AppointmentAction) {
  const invalidate = useInvalidateScheduling();
  return $api.useMutation("post", ACTIONS[action], { onSuccess: invalidate });
}

export function useAvailability(doctorId: number | null, officeId: number | null, from: string, to: string) {
  return $api.useQuery(
    "get",
    "/api/v1/doctors/{id}/availability",
    { params: { path: { id: doctorId ?? 0 }, query: { office_id: officeId ?? 0, from, to } } },
    { enabled: doctorId !== null && officeId !== null },
  );
}

/** Which actions make sense from a status (the server has the last word). */
export function actionsFor(status: AppointmentStatus): AppointmentAction[] {
  switch (status) {
    case "scheduled":
      return ["confirm", "check-in", "no-show", "cancel"];
    case "confirmed":
      return ["check-in", "no-show", "cancel"];
    case "checked_in":
      return ["complete"];
    default:
      return [];
  }
}

/** A calendar day lasts at most 25 hours (the day clocks go back). */
const LONGEST_DAY_MS = 25 * 60 * 60 * 1000;

/**
 * Why an action the status allows cannot succeed yet, or null. Only the time rules that need
 * no office time zone are judged here (the server has the last word, and judges them in the
 * office's zone): completion and no-show wait for the start; check-in is on the visit's day,
 * which is certainly not today when the start is more than a day away.
 */
export function notYet(appointment: Appointment, action: AppointmentAction, now: Date = new Date()): string | null {
  const start = new Date(appointment.starts_at).getTime();
  const started = now.getTime() >= start;
  switch (action) {
    case "complete":
      return started ? null : "A visit is completed from its start time.";
    case "no-show":
      return started ? null : "A no-show is marked once the start time has passed.";
    case "check-in":
      return Math.abs(start - now.getTime()) >= LONGEST_DAY_MS ? "Check-in opens on the day of the visit." : null;
    default:
      return null;
  }
}

export function isActive(status: AppointmentStatus): boolean {
  return status === "scheduled" || status === "confirmed" || status === "checked_in";
}

/** What the slot search narrows to: a doctor, a specialty, or neither ("first available"). */
export type SlotSearch = { doctorId?: number; officeId?: number; specialtyId?: number; visitTypeId?: number; patientId?: number };

export function useSlotSearch(search: SlotSearch, from: string, to: string, enabled = true) {
  return $api.useQuery(
    "get",
    "/api/v1/slots",
    {
      params: {
        query: {
          from,
          to,
          doctor_id: search.doctorId,
          office_id: search.officeId,
          specialty_id: search.specialtyId,
          visit_type_id: search.visitTypeId,
          patient_id: search.patientId,
        },
      },
    },
    { enabled },
  );
}

export function useVisitTypes() {
  return $api.useQuery("get", "/api/v1/visit-types", {});
}
