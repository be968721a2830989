import { fireEvent, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { json, mockApi, problem, renderWithProviders } from "@/test/render";
import { PasswordForm } from "./password-form";

afterEach(() => vi.unstubAllGlobals());

const type = (label: RegExp, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe("PasswordForm", () => {
  it("says everything wrong at once before sending", async () => {
    const api = mockApi({});
    renderWithProviders(<PasswordForm />);
    type(/^New password/, "short");
    type(/^Repeat the new password/, "shorter");
    fireEvent.click(screen.getByRole("button", { name: "Change password" }));
    expect(await screen.findByText("Enter your current password.")).toBeInTheDocument();
    expect(screen.getByText("Use at least 12 characters.")).toBeInTheDocument();
    expect(screen.getByText("The passwords do not match.")).toBeInTheDocument();
    expect(api).not.toHaveBeenCalled();
  });

  it("puts the server's refusal on the field it names", async () => {
    mockApi({ "PUT /api/v1/auth/password": () => json(problem(422, [{ field: "new_password", message: "is a common password" }]), 422) });
    renderWithProviders(<PasswordForm />);
    type(/^Current password/, "clinic-demo-2026");
    type(/^New password/, "password1234");
    type(/^Repeat the new password/, "password1234");
    fireEvent.click(screen.getByRole("button", { name: "Change password" }));
    expect(await screen.findByText("New password is a common password.")).toBeInTheDocument();
  });
});
