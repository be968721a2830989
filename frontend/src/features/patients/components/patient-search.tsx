import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Pager } from "@/components/ui/pager";
import { EmptyState, QueryState } from "@/components/ui/states";
import { formatCalendarDate } from "@/lib/format";
import { patientName, usePatients, type Patient } from "../api/patients";

function useDebounced<T>(value: T, ms = 300): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return debounced;
}

/** Searches patients by name and date of birth; `onSelect` receives the chosen one. */
export function PatientSearch({ onSelect, actionLabel = "Select", selectedId }: { onSelect: (p: Patient) => void; actionLabel?: string; selectedId?: number }) {
  const [q, setQ] = useState("");
  const [dob, setDob] = useState("");
  const [page, setPage] = useState(1);
  const query = useDebounced(q.trim());
  const patients = usePatients({ page, ...(query ? { q: query } : {}), ...(dob ? { dob } : {}) });
  return (
    <div className="space-y-3">
      <div className="grid gap-3 sm:grid-cols-[1fr_auto]">
        <TextField label="Search patients by name" type="search" value={q} onChange={(e) => { setQ(e.target.value); setPage(1); }} />
        <TextField label="Date of birth" type="date" value={dob} onChange={(e) => { setDob(e.target.value); setPage(1); }} />
      </div>
      <QueryState query={patients} empty={<EmptyState title="No patients match." />}>
        {(data) => (
          <>
            <ul className="divide-y divide-slate-200 rounded-md border border-slate-200 bg-white" aria-label="Patients">
              {data.items.map((p) => (
                <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
                  <div>
                    <p className="font-medium">{patientName(p)}</p>
                    <p className="text-sm text-slate-600">
                      {p.dob ? `Born ${formatCalendarDate(p.dob)} · ` : ""}
                      {p.email}
                    </p>
                  </div>
                  <Button size="sm" variant={selectedId === p.id ? "primary" : "secondary"} aria-pressed={selectedId === p.id} onClick={() => onSelect(p)} aria-label={`${actionLabel} ${patientName(p)}`}>
                    {selectedId === p.id ? "Selected" : actionLabel}
                  </Button>
                </li>
              ))}
            </ul>
            <Pager page={data.page} perPage={data.per_page} total={data.total} onPage={setPage} />
          </>
        )}
      </QueryState>
    </div>
  );
}
