import { act, fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormErrors } from "@/components/ui/form-errors";
import { required } from "./forms";
import { useForm } from "./use-form";

function Demo({ submit }: { submit: (v: { name: string; city: string }) => Promise<unknown> }) {
  const form = useForm({
    initial: { name: "", city: "" },
    schema: { name: { label: "Name", rules: [required()] }, city: { label: "City" } },
    aliases: { "address.city": "city" },
    submit,
  });
  return (
    <form {...form.formProps} aria-label="Demo">
      <FormErrors form={form} />
      <TextField {...form.field("name")} />
      <TextField {...form.field("city")} />
      <Button type="submit" busy={form.submitting}>
        Save
      </Button>
    </form>
  );
}

describe("useForm", () => {
  it("checks before sending and sends nothing while a field is wrong", async () => {
    const submit = vi.fn(() => Promise.resolve());
    render(<Demo submit={submit} />);
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("Enter a name.")).toBeInTheDocument();
    expect(screen.getByRole("alert")).toHaveTextContent("Please correct the field marked below.");
    expect(submit).not.toHaveBeenCalled();
  });

  it("sends ONE request for a double click and shows the server's field errors", async () => {
    let reject: (e: unknown) => void = () => {};
    const submit = vi.fn(() => new Promise((_, r) => (reject = r)));
    render(<Demo submit={submit} />);
    fireEvent.change(screen.getByLabelText("Name"), { target: { value: "Ann" } });
    const save = screen.getByRole("button", { name: "Save" });
    fireEvent.click(save);
    fireEvent.click(save);
    fireEvent.submit(screen.getByRole("form", { name: "Demo" }));
    expect(submit).toHaveBeenCalledTimes(1);
    expect(save).toBeDisabled();
    await act(async () => reject({ title: "Unprocessable Content", status: 422, errors: [{ field: "address.city", message: "must not be empty" }] }));
    expect(await screen.findByText("City must not be empty.")).toBeInTheDocument();
    expect(save).not.toBeDisabled();
  });
});
