import { fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { ConfirmDialog } from "./dialog";

function Opener({ onConfirm, required = true }: { onConfirm: (reason?: string) => void; required?: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button onClick={() => setOpen(true)}>Cancel visit</button>
      {open && (
        <ConfirmDialog
          title="Cancel this visit?"
          message="Alice Smith with Dr. Greg House, Wed, Dec 9, 9:00 – 9:30 AM CST."
          confirmLabel="Cancel visit"
          cancelLabel="Keep visit"
          tone="danger"
          reason={{ label: "Reason", required }}
          onConfirm={onConfirm}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}

describe("ConfirmDialog", () => {
  it("is a labelled modal that names the patient and moves focus in", () => {
    render(<Opener onConfirm={() => {}} />);
    fireEvent.click(screen.getByRole("button", { name: "Cancel visit" }));
    const dialog = screen.getByRole("dialog", { name: "Cancel this visit?" });
    expect(dialog).toHaveAttribute("aria-modal", "true");
    expect(dialog).toHaveAccessibleDescription(/Alice Smith/);
    expect(screen.getByLabelText(/Reason/)).toHaveFocus();
  });

  it("keeps Tab inside and gives focus back on Escape", () => {
    render(<Opener onConfirm={() => {}} />);
    const opener = screen.getByRole("button", { name: "Cancel visit" });
    opener.focus();
    fireEvent.click(opener);
    const dialog = screen.getByRole("dialog");
    const confirm = screen.getAllByRole("button", { name: "Cancel visit" }).find((b) => dialog.contains(b))!;
    const close = screen.getByRole("button", { name: "Close" });
    confirm.focus();
    fireEvent.keyDown(confirm, { key: "Tab" });
    expect(close).toHaveFocus();
    fireEvent.keyDown(close, { key: "Tab", shiftKey: true });
    expect(confirm).toHaveFocus();
    fireEvent.keyDown(confirm, { key: "Escape" });
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(opener).toHaveFocus();
  });

  it("refuses to confirm without a required reason, then passes it trimmed", () => {
    const onConfirm = vi.fn();
    render(<Opener onConfirm={onConfirm} />);
    fireEvent.click(screen.getByRole("button", { name: "Cancel visit" }));
    const dialog = screen.getByRole("dialog");
    const confirm = screen.getAllByRole("button", { name: "Cancel visit" }).find((b) => dialog.contains(b))!;
    fireEvent.click(confirm);
    expect(onConfirm).not.toHaveBeenCalled();
    expect(screen.getByText("Enter a reason")).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText(/Reason/), { target: { value: "  Patient called: flu " } });
    fireEvent.click(confirm);
    expect(onConfirm).toHaveBeenCalledWith("Patient called: flu");
  });

  it("confirms without a reason when it is optional", () => {
    const onConfirm = vi.fn();
    render(<Opener onConfirm={onConfirm} required={false} />);
    fireEvent.click(screen.getByRole("button", { name: "Cancel visit" }));
    const dialog = screen.getByRole("dialog");
    fireEvent.click(screen.getAllByRole("button", { name: "Cancel visit" }).find((b) => dialog.contains(b))!);
    expect(onConfirm).toHaveBeenCalledWith(undefined);
  });
});
