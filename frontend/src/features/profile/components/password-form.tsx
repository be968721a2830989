import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { useChangePassword } from "@/features/auth/api/auth";
import { fieldErrors, problemMessage } from "@/utils/problem";

export function PasswordForm() {
  const change = useChangePassword();
  const [form, setForm] = useState({ current_password: "", new_password: "", confirm: "" });
  const [mismatch, setMismatch] = useState(false);
  const errors = fieldErrors(change.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (form.new_password !== form.confirm) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    change.mutate(
      { body: { current_password: form.current_password, new_password: form.new_password } },
      { onSuccess: () => setForm({ current_password: "", new_password: "", confirm: "" }) },
    );
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate aria-label="Change password">
      {change.isSuccess && <Alert tone="success">Your password has been changed.</Alert>}
      {change.error != null && <Alert tone="error">{problemMessage(change.error, ["current_password", "new_password"])}</Alert>}
      <TextField label="Current password" type="password" autoComplete="current-password" required value={form.current_password} error={errors.current_password} onChange={(e) => setForm({ ...form, current_password: e.target.value })} />
      <TextField label="New password" type="password" autoComplete="new-password" required hint="12 to 128 characters, not a common password." value={form.new_password} error={errors.new_password} onChange={(e) => setForm({ ...form, new_password: e.target.value })} />
      <TextField label="Repeat the new password" type="password" autoComplete="new-password" required value={form.confirm} error={mismatch ? "The passwords do not match" : undefined} onChange={(e) => setForm({ ...form, confirm: e.target.value })} />
      <Button type="submit" busy={change.isPending}>
        Change password
      </Button>
    </form>
  );
}
