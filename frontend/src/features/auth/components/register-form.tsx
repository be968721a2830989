import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormErrors } from "@/components/ui/form-errors";
import { date, email, maxLength, minLength, notInFuture, phone, required, username } from "@/lib/forms";
import { useForm } from "@/lib/use-form";
import { problemMessage } from "@/utils/problem";
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

/** Today as "YYYY-MM-DD" on this device: a birth date after it is refused before sending. */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/**
 * Patient self-registration; signs the new patient in afterwards. The API's rules are checked
 * before sending (every field at once); the server's answer is mapped onto the same fields.
 * The server answers a taken email address exactly like a fresh one (202, no account data), so
 * only the sign-in that follows can fail: the message then says nothing about whether the
 * address was known.
 */
export function RegisterForm({ onRegistered }: { onRegistered?: () => void }) {
  const register = useRegister();
  const login = useLogin();
  const form = useForm({
    initial: empty,
    schema: {
      first_name: { label: "First name", rules: [required(), maxLength(100)] },
      middle_name: { label: "Middle name", rules: [maxLength(100)] },
      last_name: { label: "Last name", rules: [required(), maxLength(100)] },
      date_of_birth: { label: "Date of birth", rules: [required(), date(), notInFuture(today(), "A date of birth cannot be in the future.")] },
      email: { label: "Email address", rules: [required(), email()] },
      phone: { label: "Phone", rules: [phone()] },
      username: { label: "Username", rules: [required(), minLength(3), maxLength(50), username()] },
      password: { label: "Password", rules: [required(), minLength(12), maxLength(128)] },
    },
    submit: async (v) => {
      await register.mutateAsync({
        body: {
          username: v.username.trim(),
          email: v.email.trim(),
          password: v.password,
          first_name: v.first_name.trim(),
          middle_name: v.middle_name.trim() || null,
          last_name: v.last_name.trim(),
          date_of_birth: v.date_of_birth,
          phone: v.phone.trim() ? { number: v.phone.trim() } : null,
        },
      });
      // A failed sign-in is shown by its own alert below, not as a form error.
      return login.mutateAsync({ body: { login: v.username.trim(), password: v.password } }).then(
        () => true,
        () => false,
      );
    },
    onSuccess: (signedIn) => {
      if (signedIn) onRegistered?.();
    },
  });

  return (
    <form {...form.formProps} className="space-y-4" aria-label="Create your patient account">
      <FormErrors form={form} />
      {login.error != null && (
        <Alert tone="error">
          We could not sign you in with these details: {problemMessage(login.error)} If you already have an account, sign in
          with its password instead.
        </Alert>
      )}
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField {...form.field("first_name")} required autoComplete="given-name" />
        <TextField {...form.field("middle_name")} autoComplete="additional-name" />
        <TextField {...form.field("last_name")} required autoComplete="family-name" />
      </div>
      <TextField {...form.field("date_of_birth")} type="date" required autoComplete="bday" />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField {...form.field("email")} type="email" required autoComplete="email" />
        <TextField {...form.field("phone")} type="tel" autoComplete="tel" />
      </div>
      <TextField {...form.field("username")} required autoComplete="username" hint="3 to 50 letters, digits, dots, dashes or underscores." />
      <TextField {...form.field("password")} type="password" required autoComplete="new-password" hint="12 to 128 characters; avoid common passwords." />
      <Button type="submit" busy={form.submitting} className="w-full">
        Create account
      </Button>
    </form>
  );
}
