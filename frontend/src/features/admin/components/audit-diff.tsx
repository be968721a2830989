import { cn } from "@/utils/cn";

type Row = Record<string, unknown>;
/** One row, or a parent's child rows (an office's services, a doctor's hours), or nothing. */
type Values = Row | Row[] | null | undefined;

function show(value: unknown): string {
  if (value === undefined) return "";
  if (value === null) return "null";
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** The keys of both sides, each with its old and new value and whether it changed. For lists of
 * child rows, the rows kept, removed and added (a changed row is one removed and one added). */
export function diffRows(oldValues: Values, newValues: Values) {
  if (Array.isArray(oldValues) || Array.isArray(newValues)) return diffLists(asList(oldValues), asList(newValues));
  const keys = [...new Set([...Object.keys(oldValues ?? {}), ...Object.keys(newValues ?? {})])].sort();
  return keys.map((key) => {
    const before = oldValues ? show(oldValues[key]) : "";
    const after = newValues ? show(newValues[key]) : "";
    return { key, before, after, changed: before !== after };
  });
}

function asList(values: Values): Row[] {
  if (Array.isArray(values)) return values;
  return values ? [values] : [];
}

function diffLists(before: Row[], after: Row[]) {
  const oldRows = before.map(show);
  const newRows = after.map(show);
  return [
    ...oldRows.filter((r) => newRows.includes(r)).map((r) => ({ key: "row kept", before: r, after: r, changed: false })),
    ...oldRows.filter((r) => !newRows.includes(r)).map((r) => ({ key: "row removed", before: r, after: "", changed: true })),
    ...newRows.filter((r) => !oldRows.includes(r)).map((r) => ({ key: "row added", before: "", after: r, changed: true })),
  ];
}

/** Old and new values side by side; changed fields are marked, not only coloured. */
export function AuditDiff({ oldValues, newValues }: { oldValues: Values; newValues: Values }) {
  const rows = diffRows(oldValues, newValues);
  if (rows.length === 0) return <p className="text-sm text-slate-600">No values recorded.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-sm">
        <caption className="sr-only">Old and new values</caption>
        <thead className="text-left text-slate-700">
          <tr>
            <th scope="col" className="px-2 py-1">Field</th>
            <th scope="col" className="px-2 py-1">Old value</th>
            <th scope="col" className="px-2 py-1">New value</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={`${r.key}-${i}`} className={cn(r.changed && "bg-amber-50")}>
              <th scope="row" className="px-2 py-1 text-left font-mono font-medium">
                {r.key}
                {r.changed && <span className="ml-1 text-amber-800" title="changed">●<span className="sr-only"> changed</span></span>}
              </th>
              <td className={cn("px-2 py-1 font-mono break-all", r.changed && "text-red-800 line-through decoration-red-400")}>{r.before}</td>
              <td className={cn("px-2 py-1 font-mono break-all", r.changed && "font-semibold text-green-800")}>{r.after}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
