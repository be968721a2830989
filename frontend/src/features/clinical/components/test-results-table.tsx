import { Badge, type Tone } from "@/components/ui/badge";
import { useClinicTimeZone } from "@/lib/clinic-time-zone";
import { formatDateTime } from "@/lib/format";
import { cn } from "@/utils/cn";
import { isFlagged, type ResultFlag, type TestResult } from "../api/clinical";

const FLAG: Record<ResultFlag, [string, Tone]> = {
  normal: ["Normal", "green"],
  low: ["Low", "amber"],
  high: ["High", "amber"],
  abnormal: ["Abnormal", "amber"],
  critical: ["Critical", "red"],
};

/** Test results with out-of-range flags highlighted (by colour, a badge and a word). */
export function TestResultsTable({ results }: { results: TestResult[] }) {
  const zone = useClinicTimeZone();
  if (results.length === 0) return null;
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-sm">
        <caption className="sr-only">Test results</caption>
        <thead className="text-left text-slate-700">
          <tr>
            <th scope="col" className="px-2 py-1">Test</th>
            <th scope="col" className="px-2 py-1">Result</th>
            <th scope="col" className="px-2 py-1">Reference</th>
            <th scope="col" className="px-2 py-1">Flag</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {results.map((r, i) => {
            const flagged = isFlagged(r.flag);
            return (
              <tr key={i} className={cn(flagged && (r.flag === "critical" ? "bg-red-50" : "bg-amber-50"))} data-flagged={flagged || undefined}>
                <th scope="row" className="px-2 py-1 text-left font-medium">
                  {r.name}
                  {r.observed_at && <span className="block text-xs font-normal text-slate-600">{formatDateTime(r.observed_at, zone)}</span>}
                </th>
                <td className={cn("px-2 py-1 tabular-nums", flagged && "font-bold")}>
                  {String(r.value)} {r.unit}
                </td>
                <td className="px-2 py-1 text-slate-700">{r.reference_range ?? "—"}</td>
                <td className="px-2 py-1">{r.flag ? <Badge tone={FLAG[r.flag][1]}>{FLAG[r.flag][0]}</Badge> : "—"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
