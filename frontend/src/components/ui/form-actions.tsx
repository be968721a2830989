import type { ReactNode } from "react";
import { cn } from "@/utils/cn";
import { Button } from "./button";

/**
 * A form's row of buttons: anything extra first (e.g. "Add a contact"), then the submit (busy,
 * so disabled, while the form is in flight) and, with `onCancel`, a Cancel.
 */
export function FormActions({
  save,
  busy,
  onCancel,
  children,
  className,
}: {
  save: ReactNode;
  busy: boolean;
  onCancel?: () => void;
  children?: ReactNode;
  className?: string;
}) {
  return (
    <div className={cn("flex flex-wrap gap-2", className)}>
      {children}
      <Button type="submit" busy={busy}>
        {save}
      </Button>
      {onCancel && (
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      )}
    </div>
  );
}
