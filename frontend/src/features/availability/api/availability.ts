import { useQueryClient } from "@tanstack/react-query";
import { $api, type Schemas } from "@/lib/api-client";

export type TimeOff = Schemas["TimeOffResponse"];
export type Closure = Schemas["ClosureResponse"];
export type ScheduleException = Schemas["ScheduleExceptionResponse"];

export function useTimeOff(doctorId: number) {
  return $api.useQuery("get", "/api/v1/doctors/{id}/time-off", { params: { path: { id: doctorId } } });
}

export function useScheduleExceptions(doctorId: number) {
  return $api.useQuery("get", "/api/v1/doctors/{id}/schedule-exceptions", { params: { path: { id: doctorId } } });
}

export function useClosures(officeId: number | null) {
  return $api.useQuery("get", "/api/v1/offices/{id}/closures", { params: { path: { id: officeId ?? 0 } } }, { enabled: officeId !== null });
}

/** Refetches what a change to closures, time off or exceptions affects: the lists, free slots and the calendar. */
export function useInvalidateAvailability() {
  const queryClient = useQueryClient();
  return () => {
    for (const path of [
      "/api/v1/doctors/{id}/time-off",
      "/api/v1/doctors/{id}/schedule-exceptions",
      "/api/v1/offices/{id}/closures",
      "/api/v1/doctors/{id}/availability",
      "/api/v1/calendar",
    ]) {
      void queryClient.invalidateQueries({ queryKey: ["get", path] });
    }
  };
}

