import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormErrors } from "@/components/ui/form-errors";
import { useChangePassword } from "@/features/auth/api/auth";
import { maxLength, minLength, required, sameAs } from "@/lib/forms";
import { useForm } from "@/lib/use-form";

const empty = { current_password: "", new_password: "", confirm: "" };

/** Changing one's own password; the API's limits (`ChangePasswordRequest`) are checked first. */
export function PasswordForm() {
  const change = useChangePassword();
  const form = useForm({
    initial: empty,
    schema: {
      current_password: { label: "Current password", rules: [required("Enter your current password."), maxLength(1024)] },
      new_password: { label: "New password", rules: [required(), minLength(12), maxLength(128)] },
      confirm: { label: "Repeat the new password", rules: [required("Repeat the new password."), sameAs("new_password", "The passwords do not match.")] },
    },
    submit: (v) => change.mutateAsync({ body: { current_password: v.current_password, new_password: v.new_password } }),
    onSuccess: () => form.reset(empty),
  });

  return (
    <form {...form.formProps} className="space-y-4" aria-label="Change password">
      {change.isSuccess && <Alert tone="success">Your password has been changed.</Alert>}
      <FormErrors form={form} />
      <TextField {...form.field("current_password")} type="password" autoComplete="current-password" required />
      <TextField {...form.field("new_password")} type="password" autoComplete="new-password" required hint="12 to 128 characters, not a common password." />
      <TextField {...form.field("confirm")} type="password" autoComplete="new-password" required />
      <Button type="submit" busy={form.submitting}>
        Change password
      </Button>
    </form>
  );
}
