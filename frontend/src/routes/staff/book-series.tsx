import { useRef, useState } from "react";
import { useSearchParams } from "react-router";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, PageHeader, SectionTitle } from "@/components/ui/card";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { FormErrors } from "@/components/ui/form-errors";
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
import { fromZonedInput } from "@/features/calendar/zone";
import { useDocumentTitle } from "@/lib/document-title";
import { appointmentStatusLabel, formatDateTime } from "@/lib/format";
import { date, humanizeField, mapProblem, integer, maxLength, plainMessage, required, requiredWhen } from "@/lib/forms";
import { useForm } from "@/lib/use-form";
import { problemMessage } from "@/utils/problem";

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
  const fields = problem.errors?.map((e) => plainMessage(humanizeField(e.field), e.message)).join(" ");
  return fields || plainMessage("", problem.detail || problem.title);
}

function OccurrenceList({ occurrences, caption, timeZone }: { occurrences: Occurrence[]; caption: string; timeZone: string }) {
  return (
    <ol aria-label={caption} className="divide-y divide-slate-200 rounded border border-slate-200">
      {occurrences.map((o) => (
        <li key={o.number} className="flex flex-wrap items-center gap-3 px-3 py-2 text-sm">
          <span className="w-8 text-slate-600">#{o.number}</span>
          <span className="font-medium">{formatDateTime(o.starts_at, timeZone)}</span>
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
  const reasonError = mapProblem(cancel.error, { fields: ["reason"], labels: { reason: "Reason" } }).fields.reason;
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
      {cancel.error != null && reasonError === undefined && <Alert tone="error">{problemMessage(cancel.error, ["reason"])}</Alert>}
      <TextField
        label="Reason for cancelling (needed for a visit within the late-cancellation window)"
        value={reason}
        maxLength={1000}
        error={reasonError}
        onChange={(e) => setReason(e.target.value)}
      />
      <ul className="mt-3 divide-y divide-slate-200 rounded border border-slate-200">
        {data.occurrences.map((a) => (
          <li key={a.id} className="flex flex-wrap items-center gap-3 px-3 py-2 text-sm">
            <span className="font-medium">{formatDateTime(a.starts_at, data.time_zone)}</span>
            <Badge tone={a.status === "cancelled" ? "gray" : "blue"}>{appointmentStatusLabel(a.status)}</Badge>
            {(a.status === "scheduled" || a.status === "confirmed") && (
              <span className="flex flex-wrap gap-2" role="group" aria-label={`Cancel from ${formatDateTime(a.starts_at, data.time_zone)}`}>
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

const DAY_FIELDS = DAYS.map(([code]) => `day_${code}` as const);

const initialSeries = {
  doctor_id: "",
  office_id: "",
  start: "",
  duration_minutes: "30",
  reason: "",
  frequency: "WEEKLY",
  interval: "1",
  ...(Object.fromEntries(DAY_FIELDS.map((d) => [d, false])) as Record<(typeof DAY_FIELDS)[number], boolean>),
  end: "count",
  count: "10",
  until: "",
  all_or_nothing: false,
};
type SeriesValues = typeof initialSeries;

/** The API's limits (`SeriesBody`): 5 to 480 minutes, at most 52 visits, a reason of at most 1000 characters. */
const SERIES_SCHEMA = {
  doctor_id: { label: "Doctor", rules: [required("Choose a doctor.")] },
  office_id: { label: "Office", rules: [required("Choose an office.")] },
  start: { label: "First visit", rules: [required("Enter the day and time of the first visit.")] },
  duration_minutes: { label: "Length (minutes)", rules: [required("Enter the length in minutes."), integer(5, 480)] },
  interval: { label: "Every how many", rules: [required("Enter how often the visit repeats."), integer(1, 52)] },
  count: { label: "Number of visits (at most 52)", rules: [requiredWhen((v) => v.end === "count", "Enter the number of visits."), integer(1, 52)] },
  until: { label: "Last date", rules: [requiredWhen((v) => v.end === "until", "Enter the last date."), date()] },
  reason: { label: "Reason for the visits", rules: [maxLength(1000)] },
};

function SeriesForm({ patientId, onBooked }: { patientId: number; onBooked: (seriesId: number) => void }) {
  const doctors = useDoctors();
  const preview = usePreviewSeries();
  const book = useBookSeries();
  // One form, two actions: "Preview visits" (the form's submit) and "Book …". Both go through
  // the kit, so either is checked first and sends one request however often it is clicked.
  const action = useRef<"preview" | "book">("preview");
  const [doctorId, setDoctorId] = useState<number | null>(null);
  const offices = useDoctorOffices(doctorId);
  const activeOffices = (offices.data?.offices ?? []).filter((o) => o.is_active);

  const form = useForm<SeriesValues, unknown>({
    initial: initialSeries,
    schema: SERIES_SCHEMA,
    aliases: { starts_at: "start", "repeat.interval": "interval", "repeat.count": "count", "repeat.until": "until" },
    extraFields: ["rrule"],
    submit: async (v) => {
      const office = activeOffices.find((o) => String(o.id) === v.office_id);
      const startsAt = office ? fromZonedInput(v.start, office.time_zone) : null;
      if (!office || startsAt === null) throw new Error("Choose an office and the day and time of the first visit.");
      const body: SeriesBody = {
        patient_id: patientId,
        doctor_id: Number(v.doctor_id),
        office_id: office.id,
        starts_at: startsAt,
        duration_minutes: Number(v.duration_minutes),
        reason: v.reason.trim() || null,
        rrule: ruleText({
          frequency: v.frequency as "DAILY" | "WEEKLY",
          interval: Number(v.interval) || 1,
          days: DAYS.map(([code]) => code).filter((code) => v[`day_${code}`]),
          end: v.end as "count" | "until",
          count: Number(v.count) || 0,
          until: v.until,
        }),
        all_or_nothing: v.all_or_nothing,
      };
      if (action.current === "book") {
        const booked = await book.mutateAsync({ body });
        onBooked(booked.series.id);
        return booked;
      }
      return preview.mutateAsync({ body });
    },
  });
  const v = form.values;
  const officeZone = activeOffices.find((o) => String(o.id) === v.office_id)?.time_zone;
  const seriesConflict = (book.error as { code?: string } | null)?.code === "series_conflict";

  function changed() {
    preview.reset();
    book.reset();
  }

  if (doctors.isPending) return <Loading label="Loading doctors…" />;
  const occurrences = preview.data?.occurrences ?? [];
  const free = occurrences.filter((o) => o.free).length;
  const zone = preview.data?.time_zone ?? officeZone ?? "UTC";

  return (
    <form
      {...form.formProps}
      onSubmit={(e) => {
        action.current = "preview";
        form.formProps.onSubmit(e);
      }}
      onChange={changed}
      className="space-y-5"
      aria-label="Book a series of visits"
    >
      {seriesConflict ? (
        <Alert tone="error">Nothing was booked: {problemMessage(book.error)} Book the free visits only, or choose other times.</Alert>
      ) : (
        <FormErrors form={form} />
      )}
      {book.isSuccess && (
        <Alert tone="success">
          Booked {book.data.series.occurrences.length} visits.
          {book.data.skipped.length > 0 && ` Skipped ${book.data.skipped.length}: see below.`}
        </Alert>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          {...form.field("doctor_id")}
          required
          onChange={(e) => {
            form.set("doctor_id", e.target.value);
            form.set("office_id", "");
            setDoctorId(e.target.value ? Number(e.target.value) : null);
          }}
        >
          <option value="">Choose a doctor</option>
          {(doctors.data?.items ?? []).map((d) => (
            <option key={d.id} value={d.id}>
              {doctorName(d)} — {d.specialty_name}
            </option>
          ))}
        </SelectField>
        <SelectField {...form.field("office_id")} required disabled={doctorId === null}>
          <option value="">{doctorId === null ? "Choose a doctor first" : "Choose an office"}</option>
          {activeOffices.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}, {o.city}
            </option>
          ))}
        </SelectField>
        <TextField
          {...form.field("start")}
          type="datetime-local"
          required
          hint={officeZone ? `On the office's clock (${officeZone}).` : "On the office's clock: choose the office first."}
        />
        <TextField {...form.field("duration_minutes")} type="number" min={5} max={480} required />
      </div>
      <fieldset className="space-y-3 rounded border border-slate-200 p-4">
        <legend className="px-1 font-medium">Repeat</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField {...form.field("frequency")} label="How often">
            <option value="WEEKLY">Weekly</option>
            <option value="DAILY">Daily</option>
          </SelectField>
          <TextField {...form.field("interval")} label={v.frequency === "WEEKLY" ? "Every how many weeks" : "Every how many days"} type="number" min={1} max={52} />
        </div>
        {v.frequency === "WEEKLY" && (
          <fieldset>
            <legend className="text-sm font-medium">On these days (leave empty for the first visit's day)</legend>
            <div className="mt-1 flex flex-wrap gap-3">
              {DAYS.map(([code, label]) => (
                <label key={code} className="inline-flex items-center gap-1 text-sm">
                  <input type="checkbox" className="size-4" checked={v[`day_${code}`]} onChange={(e) => form.set(`day_${code}`, e.target.checked)} />
                  {label}
                </label>
              ))}
            </div>
          </fieldset>
        )}
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField {...form.field("end")} label="Ends">
            <option value="count">After a number of visits</option>
            <option value="until">On a date</option>
          </SelectField>
          {v.end === "count" ? <TextField {...form.field("count")} type="number" min={1} max={52} /> : <TextField {...form.field("until")} type="date" />}
        </div>
        {form.errors.rrule && <p className="text-sm font-medium text-red-700">The repeat rule: {form.errors.rrule}</p>}
      </fieldset>
      <TextAreaField {...form.field("reason")} maxLength={1000} />
      <label className="inline-flex items-center gap-2 text-sm">
        <input type="checkbox" className="size-4" checked={v.all_or_nothing} onChange={(e) => form.set("all_or_nothing", e.target.checked)} />
        Book all or nothing (book none if any visit is not available)
      </label>
      <div className="flex flex-wrap gap-3">
        <Button type="submit" variant="secondary" busy={form.submitting && action.current === "preview"} disabled={form.submitting}>
          Preview visits
        </Button>
        <Button
          type="button"
          busy={form.submitting && action.current === "book"}
          disabled={form.submitting || !preview.isSuccess || free === 0}
          onClick={() => {
            action.current = "book";
            void form.submitNow();
          }}
        >
          {v.all_or_nothing ? "Book all visits" : `Book ${free} free visit${free === 1 ? "" : "s"}`}
        </Button>
      </div>
      {preview.isSuccess && (
        <section aria-labelledby="preview-title">
          <h3 id="preview-title" className="mb-2 font-medium">
            {occurrences.length} visits ({preview.data.description}), {free} free, times in {preview.data.time_zone}
          </h3>
          <OccurrenceList occurrences={occurrences} caption="Previewed visits" timeZone={zone} />
        </section>
      )}
      {book.isSuccess && book.data.skipped.length > 0 && (
        <section aria-labelledby="skipped-title">
          <h3 id="skipped-title" className="mb-2 font-medium">
            Skipped visits
          </h3>
          <OccurrenceList occurrences={book.data.skipped} caption="Skipped visits" timeZone={book.data.series.time_zone} />
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
