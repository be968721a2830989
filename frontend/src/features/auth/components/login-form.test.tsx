import { fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { session } from "@/lib/session";
import { json, mockApi, problem, renderWithProviders } from "@/test/render";
import { LoginForm } from "./login-form";

afterEach(() => {
  vi.unstubAllGlobals();
  session.signOut();
});

describe("LoginForm", () => {
  it("shows validation errors on the fields they name", async () => {
    mockApi({ "POST /api/v1/auth/login": () => json(problem(422, [{ field: "login", message: "must not be empty" }]), 422) });
    renderWithProviders(<LoginForm />);

    fireEvent.click(screen.getByRole("button", { name: "Sign in" }));

    const input = await screen.findByLabelText(/Username or email/);
    await waitFor(() => expect(input).toHaveAttribute("aria-invalid", "true"));
    expect(screen.getByText("must not be empty")).toBeInTheDocument();
    expect(input.getAttribute("aria-describedby")).toBe(screen.getByText("must not be empty").id);
  });

  it("says so when the credentials are wrong", async () => {
    mockApi({ "POST /api/v1/auth/login": () => json(problem(401), 401) });
    renderWithProviders(<LoginForm />);
    fireEvent.change(screen.getByLabelText(/Username or email/), { target: { value: "alice" } });
    fireEvent.change(screen.getByLabelText(/Password/), { target: { value: "wrong" } });
    fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(/not right/);
    expect(session.tokens()).toBeNull();
  });

  it("stores the tokens on success", async () => {
    const onSignedIn = vi.fn();
    mockApi({
      "POST /api/v1/auth/login": () => json({ access_token: "a", token_type: "Bearer", expires_in: 900, refresh_token: "r" }),
    });
    renderWithProviders(<LoginForm onSignedIn={onSignedIn} />);
    fireEvent.change(screen.getByLabelText(/Username or email/), { target: { value: "alice" } });
    fireEvent.change(screen.getByLabelText(/Password/), { target: { value: "clinic-demo-2026" } });
    fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
    await waitFor(() => expect(onSignedIn).toHaveBeenCalled());
    expect(session.tokens()).toEqual({ accessToken: "a", refreshToken: "r" });
  });
});
