import { PageHeader } from "@/components/ui/card";
import { CalendarFeedPanel } from "@/features/calendar-feeds/components/calendar-feed-panel";
import { useDocumentTitle } from "@/lib/document-title";

/** A doctor's private calendar feed URLs. */
export function DoctorCalendarFeedPage() {
  useDocumentTitle("Calendar feed");
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
