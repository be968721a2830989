import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { fieldErrors, problemMessage, problemStatus } from "@/utils/problem";
import { useLogin } from "../api/auth";

export function LoginForm({ onSignedIn }: { onSignedIn?: () => void }) {
  const login = useLogin();
  const [form, setForm] = useState({ login: "", password: "" });
  const errors = fieldErrors(login.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    login.mutate({ body: form }, { onSuccess: () => onSignedIn?.() });
  }

  const status = problemStatus(login.error);
  return (
    <form onSubmit={submit} className="space-y-4" noValidate aria-label="Sign in">
      {login.error != null && (
        <Alert tone="error">
          {status === 401
            ? "The username, email or password is not right."
            : status === 429
              ? "Too many attempts. Please wait a minute and try again."
              : problemMessage(login.error, Object.keys(errors))}
        </Alert>
      )}
      <TextField
        label="Username or email"
        name="login"
        autoComplete="username"
        required
        value={form.login}
        error={errors.login}
        onChange={(e) => setForm({ ...form, login: e.target.value })}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        value={form.password}
        error={errors.password}
        onChange={(e) => setForm({ ...form, password: e.target.value })}
      />
      <Button type="submit" busy={login.isPending} className="w-full">
        Sign in
      </Button>
    </form>
  );
}
