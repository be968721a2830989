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
  it("asks for both fields before sending anything", async () => {
    const api = mockApi({});
    renderWithProviders(<LoginForm />);
    fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByText("Enter your username or email.")).toBeInTheDocument();
    expect(screen.getByText("Enter your password.")).toBeInTheDocument();
    expect(api).not.toHaveBeenCalled();
  });

  it("shows the server's validation errors on the fields they name", async () => {
    mockApi({ "POST /api/v1/auth/login": () => json(problem(422, [{ field: "login", message: "must be at most 254 characters" }]), 422) });
    renderWithProviders(<LoginForm />);
    fireEvent.change(screen.getByLabelText(/Username or email/), { target: { value: "alice" } });
    fireEvent.change(screen.getByLabelText(/Password/), { target: { value: "secret" } });
    fireEvent.click(screen.getByRole("button", { name: "Sign in" }));

    const input = await screen.findByLabelText(/Username or email/);
    await waitFor(() => expect(input).toHaveAttribute("aria-invalid", "true"));
    const message = screen.getByText("Username or email must be at most 254 characters.");
    expect(input.getAttribute("aria-describedby")).toBe(message.id);
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
