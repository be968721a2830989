import { describe, expect, it } from "vitest";
import { check, date, email, mapProblem, maxLength, minLength, notInFuture, phone, required, username } from "./forms";

const problem = (errors: { field: string; message: string }[], detail = "Some fields need correcting.") => ({
  type: "/problems/validation_failed",
  title: "Unprocessable Content",
  status: 422,
  code: "validation_failed",
  detail,
  errors,
});

describe("client rules", () => {
  const schema = {
    first_name: { label: "First name", rules: [required(), maxLength(100)] },
    date_of_birth: { label: "Date of birth", rules: [required(), date(), notInFuture("2026-12-01")] },
    email: { label: "Email", rules: [required(), email()] },
    phone: { label: "Phone", rules: [phone()] },
    username: { label: "Username", rules: [required(), minLength(3), username()] },
    password: { label: "Password", rules: [required(), minLength(12)] },
  };

  it("reports every field at once, in plain words", () => {
    const empty = { first_name: "", date_of_birth: "", email: "", phone: "", username: "", password: "" };
    expect(check(schema, empty)).toEqual({
      first_name: "Enter a first name.",
      date_of_birth: "Enter a date of birth.",
      email: "Enter an email.",
      username: "Enter a username.",
      password: "Enter a password.",
    });
  });

  it("checks format, length and dates the way the API does", () => {
    const errors = check(schema, {
      first_name: "x".repeat(101),
      date_of_birth: "2030-01-01",
      email: "alice@localhost",
      phone: "12a",
      username: "-al",
      password: "short",
    });
    expect(errors.first_name).toBe("Use at most 100 characters (now 101).");
    expect(errors.date_of_birth).toBe("This date cannot be in the future.");
    expect(errors.email).toMatch(/name@example.com/);
    expect(errors.phone).toMatch(/phone number/);
    expect(errors.username).toBe("Start with a letter or a digit.");
    expect(errors.password).toBe("Use at least 12 characters.");
    expect(check(schema, { first_name: "Al", date_of_birth: "2001-02-29", email: "a@b.co", phone: "", username: "al.b", password: "x".repeat(12) })).toEqual({
      date_of_birth: "Enter a date such as 1990-04-01.",
    });
  });
});

describe("mapping the server's errors onto fields", () => {
  const fields = ["first_name", "address.city", "phone", "prescriptions.0.dosage", "username"];
  const labels = { first_name: "First name", "address.city": "City", phone: "Phone", "prescriptions.0.dosage": "Dosage", username: "Username" };

  it("maps nested and list names, several errors per field joined", () => {
    const mapped = mapProblem(
      problem([
        { field: "first_name", message: "must be 1 to 100 characters long" },
        { field: "address.city", message: "Enter a city." },
        { field: "prescriptions[0].dosage", message: "must not be empty" },
        { field: "phone.number", message: "must be 4 to 20 characters" },
        { field: "phone.extension", message: "must be 1 to 10 digits" },
        { field: "login", message: "is taken" },
      ]),
      { fields, labels, aliases: { login: "username" } },
    );
    expect(mapped.fields).toEqual({
      first_name: "First name must be 1 to 100 characters long.",
      "address.city": "Enter a city.",
      "prescriptions.0.dosage": "Dosage must not be empty.",
      phone: "Phone must be 4 to 20 characters. Phone must be 1 to 10 digits.",
      username: "Username is taken.",
    });
    expect(mapped.banner).toEqual(["Please correct the 5 fields marked below."]);
  });

  it("sends fields the form does not have to the banner, in words, never raw names", () => {
    const mapped = mapProblem(problem([{ field: "insurance.member_id", message: "must be at most 50 characters" }]), { fields, labels });
    expect(mapped.fields).toEqual({});
    expect(mapped.banner).toEqual(["Member id must be at most 50 characters."]);
  });

  it("shows a problem without field errors as its detail, and a network failure plainly", () => {
    expect(mapProblem({ title: "Conflict", status: 409, detail: "that time is no longer free" }, { fields }).banner).toEqual([
      "That time is no longer free.",
    ]);
    expect(mapProblem(new TypeError("Failed to fetch"), { fields }).banner[0]).toMatch(/reach the server/);
    expect(mapProblem(null, { fields })).toEqual({ fields: {}, banner: [] });
  });
});
