import { useEffect } from "react";
import { PageHeader } from "@/components/ui/card";
import { CalendarFeedPanel } from "@/features/calendar-feeds/components/calendar-feed-panel";

/** A doctor's private calendar feed URLs. */
export function DoctorCalendarFeedPage() {
  useEffect(() => {
    document.title = "Calendar feed · Clinic";
  }, []);
  return (
    <>
      <PageHeader
        title="Calendar feed"
        description="Subscribe to your appointments from Google Calendar, Outlook or Apple Calendar: a month back and half a year ahead, cancelled visits removed, updated about hourly."
      />
      <CalendarFeedPanel />
    </>
  );
}
