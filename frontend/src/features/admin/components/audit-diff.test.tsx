import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { AuditDiff, diffRows } from "./audit-diff";

describe("audit diff", () => {
  it("lists every key of both sides and marks the changed ones", () => {
    expect(diffRows({ email: "a@x", role: "staff" }, { email: "b@x", role: "staff", phone: null })).toEqual([
      { key: "email", before: "a@x", after: "b@x", changed: true },
      { key: "phone", before: "", after: "null", changed: true },
      { key: "role", before: "staff", after: "staff", changed: false },
    ]);
  });

  it("marks a withheld clinical field as changed only where the API says it changed", () => {
    const before = { diagnosis: "[redacted]", notes: "[redacted]", doctor_id: 4 };
    const after = { diagnosis: "[redacted: changed]", notes: "[redacted]", doctor_id: 4 };
    expect(diffRows(before, after)).toEqual([
      { key: "diagnosis", before: "[redacted]", after: "[redacted: changed]", changed: true },
      { key: "doctor_id", before: "4", after: "4", changed: false },
      { key: "notes", before: "[redacted]", after: "[redacted]", changed: false },
    ]);
  });

  it("handles inserts and deletes", () => {
    expect(diffRows(null, { id: 1 })).toEqual([{ key: "id", before: "", after: "1", changed: true }]);
    expect(diffRows({ id: 1 }, null)).toEqual([{ key: "id", before: "1", after: "", changed: true }]);
  });

  it("shows a replaced list of child rows as rows kept, removed and added", () => {
    const before = [{ name: "ECG", price: "30.00" }, { name: "Vaccination", price: "45.00" }];
    const after = [{ name: "ECG", price: "30.00" }, { name: "Vaccination", price: "50.00" }];
    expect(diffRows(before, after)).toEqual([
      { key: "row kept", before: '{"name":"ECG","price":"30.00"}', after: '{"name":"ECG","price":"30.00"}', changed: false },
      { key: "row removed", before: '{"name":"Vaccination","price":"45.00"}', after: "", changed: true },
      { key: "row added", before: "", after: '{"name":"Vaccination","price":"50.00"}', changed: true },
    ]);
    expect(diffRows([], [{ day: 1 }])).toEqual([{ key: "row added", before: "", after: '{"day":1}', changed: true }]);
  });

  it("renders old and new side by side with a text mark for changes", () => {
    render(<AuditDiff oldValues={{ amount: "10.00" }} newValues={{ amount: "12.00" }} />);
    expect(screen.getByText((_, el) => el?.tagName === "TH" && el.textContent === "amount● changed")).toBeInTheDocument();
    expect(screen.getByText("10.00")).toBeInTheDocument();
    expect(screen.getByText("12.00")).toBeInTheDocument();
  });
});
