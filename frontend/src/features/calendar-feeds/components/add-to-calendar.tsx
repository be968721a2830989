import { useState } from "react";
import { Button } from "@/components/ui/button";
import { problemMessage } from "@/utils/problem";
import { downloadVisitCalendar } from "../api/calendar-feeds";

/** "Add to calendar (.ics)": downloads the visit as a calendar file. */
export function AddToCalendar({ appointmentId }: { appointmentId: number }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function download() {
    setBusy(true);
    setError(null);
    try {
      await downloadVisitCalendar(appointmentId);
    } catch (e) {
      setError(problemMessage(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <div>
      <Button variant="ghost" size="sm" busy={busy} onClick={() => void download()}>
        Add to calendar (.ics)
      </Button>
      {error && (
        <p role="alert" className="mt-1 text-sm text-red-800">
          The calendar file could not be downloaded: {error}
        </p>
      )}
    </div>
  );
}
