/**
 * The clinic's time zone, for times that belong to no office (a bill's due date stamp, a
 * record's or a notification's creation time, an approval's decision): the zone of the first
 * active office by name, as `GET /offices` lists them. Every office of the demo clinic is in
 * America/Chicago. Times that do belong to an office use that office's zone instead
 * (`appointment.office_time_zone`, a calendar's `time_zone`, a waitlist offer's `time_zone`).
 *
 * Until the offices are loaded (or when there are none) it is "UTC": labelled, so never mistaken.
 */
import { $api } from "@/lib/api-client";

export const FALLBACK_TIME_ZONE = "UTC";

/** The zone of the first of `offices` (by name), or UTC. */
export function clinicTimeZoneOf(offices: readonly { name: string; time_zone: string; is_active?: boolean }[] | undefined): string {
  const active = (offices ?? []).filter((o) => o.is_active !== false);
  const first = [...active].sort((a, b) => a.name.localeCompare(b.name))[0];
  return first?.time_zone ?? FALLBACK_TIME_ZONE;
}

/** The clinic's zone (see the module's note); cached for ten minutes. */
export function useClinicTimeZone(): string {
  const { data } = $api.useQuery(
    "get",
    "/api/v1/offices",
    { params: { query: { is_active: true, per_page: 100 } } },
    { staleTime: 600_000 },
  );
  return clinicTimeZoneOf(data?.items);
}
