import type { ReactNode } from "react";
import { cn } from "@/utils/cn";

const tones = {
  error: "border-red-300 bg-red-50 text-red-900",
  success: "border-green-300 bg-green-50 text-green-900",
  info: "border-brand-100 bg-brand-50 text-brand-800",
  warning: "border-amber-300 bg-amber-50 text-amber-900",
};

export function Alert({ tone = "info", children, className }: { tone?: keyof typeof tones; children: ReactNode; className?: string }) {
  return (
    <div role={tone === "error" ? "alert" : "status"} className={cn("rounded-md border px-4 py-3 text-sm", tones[tone], className)}>
      {children}
    </div>
  );
}
