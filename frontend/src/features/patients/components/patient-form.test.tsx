import { act, fireEvent, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { json, mockApi, problem, renderWithProviders } from "@/test/render";
import { PatientForm } from "./patient-form";

afterEach(() => vi.unstubAllGlobals());

const posts = (api: ReturnType<typeof mockApi>) => api.mock.calls.map((c) => c[0] as Request).filter((r) => r.method === "POST");
const type = (label: RegExp, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

function fillRequired() {
  type(/^First name/, "Ada");
  type(/^Last name/, "Lovelace");
  type(/^Email/, "ada@example.com");
  type(/^Date of birth/, "1990-04-01");
  type(/^Username/, "ada.l");
}

describe("PatientForm (registering at the desk)", () => {
  it("shows every field error at once in plain words and sends nothing", async () => {
    const api = mockApi({});
    renderWithProviders(<PatientForm />);
    type(/^City/, "Springfield"); // part of an address: street and country become needed
    type(/^Initial password/, "short");
    fireEvent.click(screen.getByRole("button", { name: "Register patient" }));
    expect(await screen.findByText("Enter a first name.")).toBeInTheDocument();
    for (const text of [
      "Enter a last name.",
      "Enter an email.",
      "Enter a date of birth.",
      "Enter a username.",
      "Use at least 12 characters.",
      "Enter the street, or leave the whole address empty.",
      "Enter the country, or leave the whole address empty.",
    ]) {
      expect(screen.getByText(text)).toBeInTheDocument();
    }
    expect(screen.getByRole("alert")).toHaveTextContent("Please correct the 8 fields marked below.");
    expect(posts(api)).toHaveLength(0);
  });

  it("sends ONE request for a double click and puts the server's errors on their fields", async () => {
    let answer: (r: Response) => void = () => {};
    const api = mockApi({ "POST /api/v1/patients": () => new Promise<Response>((r) => (answer = r)) });
    renderWithProviders(<PatientForm />);
    fillRequired();
    type(/^Street/, "1 Main Street");
    type(/^City/, "Springfield");
    type(/^Country/, "us");
    const button = screen.getByRole("button", { name: "Register patient" });
    fireEvent.click(button);
    fireEvent.click(button);
    await vi.waitFor(() => expect(posts(api)).toHaveLength(1));
    expect(button).toBeDisabled();
    const body = await posts(api)[0]!.clone().json();
    expect(body.address).toEqual({ line1: "1 Main Street", line2: null, city: "Springfield", state: null, postal_code: null, country: "US" });
    await act(async () =>
      answer(
        json(
          problem(422, [
            { field: "address.city", message: "must not be longer than 100 characters" },
            { field: "phone.number", message: "must have at least 4 digits" },
            { field: "username", message: "is already taken" },
          ]),
          422,
        ),
      ),
    );
    expect(await screen.findByText("City must not be longer than 100 characters.")).toBeInTheDocument();
    expect(screen.getByLabelText(/^City/)).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByText("Phone must have at least 4 digits.")).toBeInTheDocument();
    expect(screen.getByText("Username is already taken.")).toBeInTheDocument();
    expect(within(screen.getByRole("alert")).getByText("Please correct the 3 fields marked below.")).toBeInTheDocument();
    expect(button).toBeEnabled();
    expect(posts(api)).toHaveLength(1);
  });
});
