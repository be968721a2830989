import { describe, expect, it } from "vitest";
import { fieldErrors, isProblem, problemMessage } from "./problem";

const validation = {
  type: "about:blank",
  title: "Validation failed",
  status: 422,
  code: "validation_failed",
  detail: "The request has invalid fields",
  errors: [
    { field: "email", message: "must be an email address" },
    { field: "password", message: "too short" },
    { field: "password", message: "too common" },
  ],
};

describe("problem", () => {
  it("recognises problem+json bodies", () => {
    expect(isProblem(validation)).toBe(true);
    expect(isProblem(new Error("x"))).toBe(false);
    expect(isProblem(null)).toBe(false);
  });

  it("maps errors to the fields they name, joining repeats", () => {
    expect(fieldErrors(validation)).toEqual({
      email: "must be an email address",
      password: "too short; too common",
    });
    expect(fieldErrors({ title: "Conflict", status: 409 })).toEqual({});
  });

  it("summarises without repeating what fields already show", () => {
    expect(problemMessage(validation, ["email", "password"])).toBe(
      "Please correct the highlighted fields.",
    );
    expect(problemMessage(validation, ["email"])).toBe(
      "Password too short. Password too common.",
    );
    expect(problemMessage({ title: "Conflict", status: 409, detail: "Slot taken" })).toBe(
      "Slot taken",
    );
    expect(problemMessage(new TypeError("Failed to fetch"))).toMatch(/reach the server/);
  });
});
