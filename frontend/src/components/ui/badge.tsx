import type { ReactNode } from "react";
import { cn } from "@/utils/cn";

export type Tone = "gray" | "blue" | "green" | "amber" | "red" | "purple";

const tones: Record<Tone, string> = {
  gray: "bg-slate-100 text-slate-800 ring-slate-300",
  blue: "bg-brand-50 text-brand-800 ring-brand-100",
  green: "bg-green-50 text-green-800 ring-green-300",
  amber: "bg-amber-50 text-amber-900 ring-amber-300",
  red: "bg-red-50 text-red-800 ring-red-300",
  purple: "bg-purple-50 text-purple-800 ring-purple-300",
};

export function Badge({ tone = "gray", children, className }: { tone?: Tone; children: ReactNode; className?: string }) {
  return (
    <span className={cn("inline-flex items-center rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset", tones[tone], className)}>
      {children}
    </span>
  );
}
