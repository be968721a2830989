import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormErrors } from "@/components/ui/form-errors";
import { required } from "@/lib/forms";
import { useForm } from "@/lib/use-form";
import { problemStatus } from "@/utils/problem";
import { useLogin } from "../api/auth";

export function LoginForm({ onSignedIn }: { onSignedIn?: () => void }) {
  const login = useLogin();
  const form = useForm({
    initial: { login: "", password: "" },
    schema: {
      login: { label: "Username or email", rules: [required("Enter your username or email.")] },
      password: { label: "Password", rules: [required("Enter your password.")] },
    },
    submit: (v) => login.mutateAsync({ body: { login: v.login.trim(), password: v.password } }),
    onSuccess: () => onSignedIn?.(),
  });

  // A wrong password and a locked-out client get their own words, never a field error that
  // would tell which of the two was wrong.
  const status = problemStatus(form.serverError);
  return (
    <form {...form.formProps} className="space-y-4" aria-label="Sign in">
      {status === 401 ? (
        <Alert tone="error">The username, email or password is not right.</Alert>
      ) : status === 429 ? (
        <Alert tone="error">Too many attempts. Please wait a minute and try again.</Alert>
      ) : (
        <FormErrors form={form} />
      )}
      <TextField {...form.field("login")} autoComplete="username" required />
      <TextField {...form.field("password")} type="password" autoComplete="current-password" required />
      <Button type="submit" busy={form.submitting} className="w-full">
        Sign in
      </Button>
    </form>
  );
}
