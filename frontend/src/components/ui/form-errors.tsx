import { Alert } from "./alert";

/**
 * The banner of a form built with `useForm`: every sentence the form has to say (how many
 * fields to correct, and any server error that fits no field), as one alert. Field errors
 * themselves show under their fields.
 */
export function FormErrors({ form, className }: { form: { banner: string[] }; className?: string }) {
  if (form.banner.length === 0) return null;
  return (
    <Alert tone="error" className={className}>
      {form.banner.length === 1 ? (
        form.banner[0]
      ) : (
        <ul className="list-disc space-y-1 pl-5">
          {form.banner.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </Alert>
  );
}
