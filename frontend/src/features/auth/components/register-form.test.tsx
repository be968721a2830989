import { fireEvent, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { json, mockApi, renderWithProviders } from "@/test/render";
import { RegisterForm } from "./register-form";

describe("RegisterForm", () => {
  it("shows every missing field at once in plain words and sends nothing", async () => {
    const api = mockApi({});
    renderWithProviders(<RegisterForm />);
    fireEvent.click(screen.getByRole("button", { name: "Create account" }));
    expect(await screen.findByText("Enter a first name.")).toBeInTheDocument();
    for (const text of ["Enter a last name.", "Enter a date of birth.", "Enter an email address.", "Enter a username.", "Enter a password."]) {
      expect(screen.getByText(text)).toBeInTheDocument();
    }
    expect(screen.getByRole("alert")).toHaveTextContent("Please correct the 6 fields marked below.");
    expect(api).not.toHaveBeenCalled();
  });

  it("puts the server's field errors on their fields", async () => {
    mockApi({
      "POST /api/v1/auth/register": () =>
        json({ type: "/problems/validation_failed", title: "Unprocessable Content", status: 422, code: "validation_failed", errors: [{ field: "phone.number", message: "must be 4 to 20 characters" }, { field: "password", message: "is too common; choose a less predictable password" }] }, 422),
    });
    renderWithProviders(<RegisterForm />);
    const fill = (label: RegExp, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
    fill(/^First name/, "Ann");
    fill(/^Last name/, "Lee");
    fill(/^Date of birth/, "1990-04-01");
    fill(/^Email address/, "ann@example.com");
    fill(/^Phone/, "5550100");
    fill(/^Username/, "ann.lee");
    fill(/^Password/, "password1234");
    fireEvent.click(screen.getByRole("button", { name: "Create account" }));
    expect(await screen.findByText("Phone must be 4 to 20 characters.")).toBeInTheDocument();
    expect(screen.getByText("Password is too common; choose a less predictable password.")).toBeInTheDocument();
  });
});
