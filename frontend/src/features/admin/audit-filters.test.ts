import { describe, expect, it } from "vitest";
import { auditQuery, EMPTY_AUDIT_FILTERS } from "./audit-filters";

const dayStart = (day: string) => `${day}T06:00:00.000Z`; // midnight in Chicago (CST)
const nextDay = (day: string) => {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

describe("auditQuery", () => {
  it("sends a username as typed, never as a number", () => {
    expect(auditQuery({ ...EMPTY_AUDIT_FILTERS, changed_by: "  frontdesk " }, dayStart, nextDay)).toEqual({ changed_by: "frontdesk" });
  });

  it("turns the clinic's days into an instant range, the last day included", () => {
    const q = auditQuery({ ...EMPTY_AUDIT_FILTERS, from: "2026-12-02", to: "2026-12-01" }, dayStart, nextDay);
    expect(q).toEqual({ from: "2026-12-01T06:00:00.000Z", to: "2026-12-03T06:00:00.000Z" });
    expect(auditQuery({ ...EMPTY_AUDIT_FILTERS, from: "2026-12-01" }, dayStart, nextDay)).toEqual({ from: "2026-12-01T06:00:00.000Z", to: "2026-12-02T06:00:00.000Z" });
  });

  it("sends the chosen patient's id only", () => {
    expect(auditQuery({ ...EMPTY_AUDIT_FILTERS, patient_id: "7", patient_name: "Meredith Grey" }, dayStart, nextDay)).toEqual({ patient_id: 7 });
    expect(auditQuery({ ...EMPTY_AUDIT_FILTERS, patient_name: "Meredith" }, dayStart, nextDay)).toEqual({});
  });
});
