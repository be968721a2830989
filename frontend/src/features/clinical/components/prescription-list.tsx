import { useClinicTimeZone } from "@/lib/clinic-time-zone";
import { formatDate } from "@/lib/format";
import type { Prescription } from "../api/clinical";

export function PrescriptionList({ items }: { items: Prescription[] }) {
  const zone = useClinicTimeZone();
  return (
    <ul className="space-y-2" aria-label="Prescriptions">
      {items.map((p) => (
        <li key={p.id} className="rounded-md border border-slate-200 bg-white p-3 text-sm">
          <p className="font-semibold">
            {p.medication_name} <span className="font-normal">{p.dose}</span>
          </p>
          <p className="text-slate-700">
            {p.route}, {p.frequency} · quantity {p.quantity} · {p.refills} refill{p.refills === 1 ? "" : "s"}
          </p>
          {p.instructions && <p className="mt-1 whitespace-pre-line text-slate-700">{p.instructions}</p>}
          <p className="mt-1 text-xs text-slate-600">
            Issued {formatDate(p.date_issued, zone)} by {p.doctor_name}
            {p.pharmacy_details && ` · pharmacy: ${p.pharmacy_details.name}`}
          </p>
        </li>
      ))}
    </ul>
  );
}
