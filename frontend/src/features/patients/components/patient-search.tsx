import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Pager } from "@/components/ui/pager";
import { EmptyState, QueryState } from "@/components/ui/states";
import { formatCalendarDate } from "@/lib/format";
import { formatPhone, patientName, usePatients, type Patient } from "../api/patients";
import { classifySearch, searchHint } from "../search-text";
import { Table, Td } from "@/components/ui/table";

function useDebounced<T>(value: T, ms = 300): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return debounced;
}

/** Searches patients by name (typos forgiven), phone, email or date of birth in one box; a dense table of matches, closest first. */
export function PatientSearch({ onSelect, actionLabel = "Select", selectedId }: { onSelect: (p: Patient) => void; actionLabel?: string; selectedId?: number }) {
  const [q, setQ] = useState("");
  const [page, setPage] = useState(1);
  const query = useDebounced(q.trim());
  const patients = usePatients({ page, ...(query ? { q: query } : {}) });
  return (
    <div className="space-y-3">
      <TextField label="Search patients by name, phone, email or date of birth" type="search" autoComplete="off" hint={searchHint(classifySearch(q))} value={q} onChange={(e) => { setQ(e.target.value); setPage(1); }} />
      <QueryState query={patients} empty={<EmptyState title="No patients match." />}>
        {(data) => (
          <>
            <Table caption="Patients" head={["Name", "Date of birth", "Phone", "Email", "Action"]}>
              {data.items.map((p) => (
                <tr key={p.id} className="text-sm">
                  <Td className="font-medium">{patientName(p)}</Td>
                  <Td className="whitespace-nowrap">{p.dob ? formatCalendarDate(p.dob) : "—"}</Td>
                  <Td className="whitespace-nowrap">{formatPhone(p.phone)}</Td>
                  <Td className="break-all">{p.email}</Td>
                  <Td>
                    <Button size="sm" variant={selectedId === p.id ? "primary" : "secondary"} aria-pressed={selectedId === p.id} onClick={() => onSelect(p)} aria-label={`${actionLabel} ${patientName(p)}`}>
                      {selectedId === p.id ? "Selected" : actionLabel}
                    </Button>
                  </Td>
                </tr>
              ))}
            </Table>
            <Pager page={data.page} perPage={data.per_page} total={data.total} onPage={setPage} />
          </>
        )}
      </QueryState>
    </div>
  );
}
