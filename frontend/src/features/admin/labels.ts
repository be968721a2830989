// Human labels for the audit log's codes. When forms' `lib/format.ts` lands, these move there
// (`auditTableLabel`, `auditActionLabel`) and this file goes.

const TABLES: Record<string, string> = {
  users: "User account", demographics: "Demographics", patients: "Patient", patient_emergency_contacts: "Emergency contacts",
  patient_doctors: "Care team", insurances: "Insurance", doctors: "Doctor", doctor_offices: "Doctor's offices",
  doctor_working_hours: "Working hours", offices: "Office", office_services: "Office services", specialties: "Specialty",
  appointments: "Appointment", medical_records: "Medical record", prescriptions: "Prescription",
  specialist_approvals: "Referral", bills: "Bill", payments: "Payment", refunds: "Refund", bill_adjustments: "Bill adjustment",
  office_closures: "Closure", doctor_time_off: "Time off", schedule_exceptions: "Schedule exception",
  appointment_series: "Visit series", waitlist_entries: "Waitlist entry", calendar_feeds: "Calendar feed",
  clinic_settings: "Clinic settings", audit_log: "Audit log",
};

const ACTIONS: Record<string, string> = {
  insert: "Created", update: "Changed", delete: "Deleted", read: "Viewed", login: "Signed in", login_failed: "Sign-in failed",
};

function humanize(code: string): string {
  const words = code.replace(/[_-]+/g, " ").trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const auditTableLabel = (code: string) => TABLES[code] ?? humanize(code);
export const auditActionLabel = (code: string) => ACTIONS[code] ?? humanize(code);
export const AUDIT_TABLES = Object.keys(TABLES).filter((t) => t !== "audit_log");
export const AUDIT_ACTIONS = Object.keys(ACTIONS);
