import { useState, type FormEvent } from "react";
import { useSearchParams } from "react-router";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, PageHeader, SectionTitle } from "@/components/ui/card";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { Loading } from "@/components/ui/states";
import { doctorName, useDoctorOffices, useDoctors } from "@/features/directory/api/directory";
import {
  ruleText,
  SCOPE_LABELS,
  useBookSeries,
  useCancelInSeries,
  usePreviewSeries,
  useSeries,
  type Occurrence,
  type SeriesBody,
  type SeriesScope,
} from "@/features/appointments/api/series";
import { patientName, usePatient } from "@/features/patients/api/patients";
import { PatientSearch } from "@/features/patients/components/patient-search";
import { formatDateTime, fromLocalInput } from "@/utils/dates";
import { fieldErrors, problemMessage } from "@/utils/problem";
import { useDocumentTitle } from "@/lib/document-title";

const DAYS = [
  ["MO", "Mon"],
  ["TU", "Tue"],
  ["WE", "Wed"],
  ["TH", "Thu"],
  ["FR", "Fri"],
  ["SA", "Sat"],
  ["SU", "Sun"],
] as const;

/** Why an occurrence cannot be booked, in plain words. */
function whyNot(occurrence: Occurrence): string {
  const problem = occurrence.problem;
  if (!problem) return "";
  if (problem.code === "appointment_conflict") return "The doctor or the patient already has a visit at this time.";
  const fields = problem.errors?.map((e) => e.message).join("; ");
  return fields || problem.detail || problem.title;
}

function OccurrenceList({ occurrences, caption }: { occurrences: Occurrence[]; caption: string }) {
  return (
    <ol aria-label={caption} className="divide-y divide-slate-200 rounded border border-slate-200">
      {occurrences.map((o) => (
        <li key={o.number} className="flex flex-wrap items-center gap-3 px-3 py-2 text-sm">
          <span className="w-8 text-slate-600">#{o.number}</span>
          <span className="font-medium">{formatDateTime(o.starts_at)}</span>
          {o.free ? <Badge tone="green">Free</Badge> : <Badge tone="red">Not available</Badge>}
          {!o.free && <span className="text-slate-700">{whyNot(o)}</span>}
        </li>
      ))}
    </ol>
  );
}

/** Cancel one visit of a series, the following ones, or all of them. */
function SeriesVisits({ seriesId }: { seriesId: number }) {
  const series = useSeries(seriesId);
  const [reason, setReason] = useState("");
  const cancel = useCancelInSeries(() => void series.refetch());
  if (series.isPending) return <Loading label="Loading the series…" />;
  if (series.error) return <Alert tone="error">{problemMessage(series.error)}</Alert>;
  const data = series.data;
  function cancelFrom(id: number, scope: SeriesScope) {
    cancel.mutate({ params: { path: { id } }, body: { scope, reason: reason.trim() || null } });
  }
  return (
    <Card aria-labelledby="series-title" className="mt-6">
      <SectionTitle id="series-title">Series {data.id}: its visits</SectionTitle>
      <p className="mb-3 text-sm text-slate-700">
        Rule {data.rrule}, times in {data.time_zone}. Past, completed and cancelled visits are never changed.
      </p>
      {cancel.isSuccess && (
        <Alert tone="success">
          Cancelled {cancel.data.changed.length} visit{cancel.data.changed.length === 1 ? "" : "s"}
          {cancel.data.left_alone.length > 0 && `; ${cancel.data.left_alone.length} left as they were`}.
        </Alert>
      )}
      {cancel.error != null && <Alert tone="error">{problemMessage(cancel.error, ["reason"])}</Alert>}
      <TextField
        label="Reason for cancelling (needed for a visit within the late-cancellation window)"
        value={reason}
        maxLength={1000}
        error={fieldErrors(cancel.error).reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <ul className="mt-3 divide-y divide-slate-200 rounded border border-slate-200">
        {data.occurrences.map((a) => (
          <li key={a.id} className="flex flex-wrap items-center gap-3 px-3 py-2 text-sm">
            <span className="font-medium">{formatDateTime(a.starts_at)}</span>
            <Badge tone={a.status === "cancelled" ? "gray" : "blue"}>{a.status.replace("_", " ")}</Badge>
            {(a.status === "scheduled" || a.status === "confirmed") && (
              <span className="flex flex-wrap gap-2" role="group" aria-label={`Cancel from ${formatDateTime(a.starts_at)}`}>
                {(Object.keys(SCOPE_LABELS) as SeriesScope[]).map((scope) => (
                  <Button key={scope} type="button" size="sm" variant="secondary" busy={cancel.isPending} onClick={() => cancelFrom(a.id, scope)}>
                    Cancel: {SCOPE_LABELS[scope].toLowerCase()}
                  </Button>
                ))}
              </span>
            )}
          </li>
        ))}
      </ul>
    </Card>
  );
}

function SeriesForm({ patientId, onBooked }: { patientId: number; onBooked: (seriesId: number) => void }) {
  const doctors = useDoctors();
  const [doctorId, setDoctorId] = useState<number | null>(null);
  const [officeId, setOfficeId] = useState<number | null>(null);
  const [start, setStart] = useState("");
  const [minutes, setMinutes] = useState("30");
  const [reason, setReason] = useState("");
  const [frequency, setFrequency] = useState<"DAILY" | "WEEKLY">("WEEKLY");
  const [interval, setInterval] = useState("1");
  const [days, setDays] = useState<string[]>([]);
  const [end, setEnd] = useState<"count" | "until">("count");
  const [count, setCount] = useState("10");
  const [until, setUntil] = useState("");
  const [allOrNothing, setAllOrNothing] = useState(false);
  const offices = useDoctorOffices(doctorId);
  const preview = usePreviewSeries();
  const book = useBookSeries();
  const activeOffices = (offices.data?.offices ?? []).filter((o) => o.is_active);
  const startsAt = fromLocalInput(start);
  const error = book.error ?? preview.error;
  const errors = fieldErrors(error);

  function body(): SeriesBody | null {
    if (doctorId === null || officeId === null || startsAt === null) return null;
    return {
      patient_id: patientId,
      doctor_id: doctorId,
      office_id: officeId,
      starts_at: startsAt,
      duration_minutes: Number(minutes),
      reason: reason.trim() || null,
      rrule: ruleText({ frequency, interval: Number(interval) || 1, days, end, count: Number(count) || 0, until }),
      all_or_nothing: allOrNothing,
    };
  }

  function changed() {
    preview.reset();
    book.reset();
  }

  function showPreview(event: FormEvent) {
    event.preventDefault();
    const b = body();
    if (b) preview.mutate({ body: b });
  }

  function save() {
    const b = body();
    if (b) book.mutate({ body: b }, { onSuccess: (booked) => onBooked(booked.series.id) });
  }

  if (doctors.isPending) return <Loading label="Loading doctors…" />;
  const occurrences = preview.data?.occurrences ?? [];
  const free = occurrences.filter((o) => o.free).length;

  return (
    <form onSubmit={showPreview} onChange={changed} className="space-y-5" noValidate aria-label="Book a series of visits">
      {error != null && (
        <Alert tone="error">
          {error === book.error && (book.error as { code?: string }).code === "series_conflict"
            ? `Nothing was booked: ${problemMessage(book.error)}. Book the free visits only, or choose other times.`
            : problemMessage(error, ["doctor_id", "office_id", "starts_at", "reason", "duration_minutes", "rrule"])}
        </Alert>
      )}
      {book.isSuccess && (
        <Alert tone="success">
          Booked {book.data.series.occurrences.length} visits.
          {book.data.skipped.length > 0 && ` Skipped ${book.data.skipped.length}: see below.`}
        </Alert>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label="Doctor"
          required
          value={doctorId ?? ""}
          error={errors.doctor_id}
          onChange={(e) => {
            setDoctorId(e.target.value ? Number(e.target.value) : null);
            setOfficeId(null);
          }}
        >
          <option value="">Choose a doctor</option>
          {(doctors.data?.items ?? []).map((d) => (
            <option key={d.id} value={d.id}>
              {doctorName(d)} — {d.specialty_name}
            </option>
          ))}
        </SelectField>
        <SelectField label="Office" required disabled={doctorId === null} value={officeId ?? ""} error={errors.office_id} onChange={(e) => setOfficeId(e.target.value ? Number(e.target.value) : null)}>
          <option value="">{doctorId === null ? "Choose a doctor first" : "Choose an office"}</option>
          {activeOffices.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}, {o.city}
            </option>
          ))}
        </SelectField>
        <TextField label="First visit" type="datetime-local" required value={start} error={errors.starts_at} onChange={(e) => setStart(e.target.value)} />
        <TextField label="Length (minutes)" type="number" min={5} max={480} required value={minutes} error={errors.duration_minutes} onChange={(e) => setMinutes(e.target.value)} />
      </div>
      <fieldset className="space-y-3 rounded border border-slate-200 p-4">
        <legend className="px-1 font-medium">Repeat</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField label="How often" value={frequency} onChange={(e) => setFrequency(e.target.value as "DAILY" | "WEEKLY")}>
            <option value="WEEKLY">Weekly</option>
            <option value="DAILY">Daily</option>
          </SelectField>
          <TextField
            label={frequency === "WEEKLY" ? "Every how many weeks" : "Every how many days"}
            type="number"
            min={1}
            max={52}
            value={interval}
            onChange={(e) => setInterval(e.target.value)}
          />
        </div>
        {frequency === "WEEKLY" && (
          <fieldset>
            <legend className="text-sm font-medium">On these days (leave empty for the first visit's day)</legend>
            <div className="mt-1 flex flex-wrap gap-3">
              {DAYS.map(([code, label]) => (
                <label key={code} className="inline-flex items-center gap-1 text-sm">
                  <input
                    type="checkbox"
                    className="size-4"
                    checked={days.includes(code)}
                    onChange={(e) => setDays(e.target.checked ? [...days, code] : days.filter((d) => d !== code))}
                  />
                  {label}
                </label>
              ))}
            </div>
          </fieldset>
        )}
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField label="Ends" value={end} onChange={(e) => setEnd(e.target.value as "count" | "until")}>
            <option value="count">After a number of visits</option>
            <option value="until">On a date</option>
          </SelectField>
          {end === "count" ? (
            <TextField label="Number of visits (at most 52)" type="number" min={1} max={52} value={count} onChange={(e) => setCount(e.target.value)} />
          ) : (
            <TextField label="Last date" type="date" value={until} onChange={(e) => setUntil(e.target.value)} />
          )}
        </div>
        {errors.rrule && <p className="text-sm font-medium text-red-700">The repeat rule: {errors.rrule}</p>}
      </fieldset>
      <TextAreaField label="Reason for the visits" value={reason} error={errors.reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} />
      <label className="inline-flex items-center gap-2 text-sm">
        <input type="checkbox" className="size-4" checked={allOrNothing} onChange={(e) => setAllOrNothing(e.target.checked)} />
        Book all or nothing (book none if any visit is not available)
      </label>
      <div className="flex flex-wrap gap-3">
        <Button type="submit" variant="secondary" busy={preview.isPending} disabled={body() === null}>
          Preview visits
        </Button>
        <Button type="button" busy={book.isPending} disabled={!preview.isSuccess || free === 0} onClick={save}>
          {allOrNothing ? "Book all visits" : `Book ${free} free visit${free === 1 ? "" : "s"}`}
        </Button>
      </div>
      {preview.isSuccess && (
        <section aria-labelledby="preview-title">
          <h3 id="preview-title" className="mb-2 font-medium">
            {occurrences.length} visits ({preview.data.description}), {free} free, times in {preview.data.time_zone}
          </h3>
          <OccurrenceList occurrences={occurrences} caption="Previewed visits" />
        </section>
      )}
      {book.isSuccess && book.data.skipped.length > 0 && (
        <section aria-labelledby="skipped-title">
          <h3 id="skipped-title" className="mb-2 font-medium">
            Skipped visits
          </h3>
          <OccurrenceList occurrences={book.data.skipped} caption="Skipped visits" />
        </section>
      )}
    </form>
  );
}

/** Staff and doctors book a series of recurring visits: preview, save, cancel by scope. */
export function BookSeriesPage() {
  const [params, setParams] = useSearchParams();
  const patientId = params.get("patient") ? Number(params.get("patient")) : null;
  const seriesId = params.get("series") ? Number(params.get("series")) : null;
  const patient = usePatient(patientId);
  useDocumentTitle("Book a series of visits");
  return (
    <>
      <PageHeader title="Book a series of visits" description="Repeat a visit daily or weekly; every visit is checked like a single booking." />
      <Card className="mb-6" aria-labelledby="who-title">
        <SectionTitle id="who-title">Patient</SectionTitle>
        {patientId === null ? (
          <PatientSearch onSelect={(p) => setParams({ patient: String(p.id) })} />
        ) : patient.isPending ? (
          <Loading />
        ) : (
          <div className="flex flex-wrap items-center gap-3">
            <p className="font-medium">{patient.data ? patientName(patient.data) : `Patient ${patientId}`}</p>
            <Button variant="secondary" size="sm" onClick={() => setParams({})}>
              Choose another patient
            </Button>
          </div>
        )}
      </Card>
      {patientId !== null && (
        <Card aria-labelledby="series-form-title">
          <SectionTitle id="series-form-title">Doctor, office, first visit and repeat rule</SectionTitle>
          <SeriesForm key={patientId} patientId={patientId} onBooked={(id) => setParams({ patient: String(patientId), series: String(id) })} />
        </Card>
      )}
      {seriesId !== null && <SeriesVisits seriesId={seriesId} />}
    </>
  );
}
