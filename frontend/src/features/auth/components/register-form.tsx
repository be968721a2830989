import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { fieldErrors, problemMessage } from "@/utils/problem";
import { useLogin, useRegister } from "../api/auth";

const empty = {
  first_name: "",
  middle_name: "",
  last_name: "",
  date_of_birth: "",
  email: "",
  phone: "",
  username: "",
  password: "",
};

/**
 * Patient self-registration; signs the new patient in afterwards. The server answers a taken
 * email address exactly like a fresh one (202, no account data), so only the sign-in that
 * follows can fail: the message then says nothing about whether the address was known.
 */
export function RegisterForm({ onRegistered }: { onRegistered?: () => void }) {
  const register = useRegister();
  const login = useLogin();
  const [form, setForm] = useState(empty);
  const errors = fieldErrors(register.error);
  const set = (key: keyof typeof empty) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });

  function submit(event: FormEvent) {
    event.preventDefault();
    register.mutate(
      {
        body: {
          username: form.username.trim(),
          email: form.email.trim(),
          password: form.password,
          first_name: form.first_name.trim(),
          middle_name: form.middle_name.trim() || null,
          last_name: form.last_name.trim(),
          date_of_birth: form.date_of_birth,
          phone: form.phone.trim() ? { number: form.phone.trim() } : null,
        },
      },
      {
        onSuccess: () =>
          login.mutate({ body: { login: form.username.trim(), password: form.password } }, { onSuccess: () => onRegistered?.() }),
      },
    );
  }

  const shown = Object.keys(empty).concat(["phone.number"]);
  return (
    <form onSubmit={submit} className="space-y-4" noValidate aria-label="Create your patient account">
      {register.error != null && <Alert tone="error">{problemMessage(register.error, shown)}</Alert>}
      {login.error != null && (
        <Alert tone="error">
          We could not sign you in with these details: {problemMessage(login.error)} If you already have an account, sign in
          with its password instead.
        </Alert>
      )}
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField label="First name" required autoComplete="given-name" value={form.first_name} error={errors.first_name} onChange={set("first_name")} />
        <TextField label="Middle name" autoComplete="additional-name" value={form.middle_name} error={errors.middle_name} onChange={set("middle_name")} />
        <TextField label="Last name" required autoComplete="family-name" value={form.last_name} error={errors.last_name} onChange={set("last_name")} />
      </div>
      <TextField label="Date of birth" type="date" required autoComplete="bday" value={form.date_of_birth} error={errors.date_of_birth} onChange={set("date_of_birth")} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Email" type="email" required autoComplete="email" value={form.email} error={errors.email} onChange={set("email")} />
        <TextField label="Phone" type="tel" autoComplete="tel" value={form.phone} error={errors.phone ?? errors["phone.number"]} onChange={set("phone")} />
      </div>
      <TextField label="Username" required autoComplete="username" value={form.username} error={errors.username} onChange={set("username")} />
      <TextField
        label="Password"
        type="password"
        required
        autoComplete="new-password"
        hint="12 to 128 characters; avoid common passwords."
        value={form.password}
        error={errors.password}
        onChange={set("password")}
      />
      <Button type="submit" busy={register.isPending || login.isPending} className="w-full">
        Create account
      </Button>
    </form>
  );
}
