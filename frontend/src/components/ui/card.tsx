import type { ReactNode } from "react";
import { cn } from "@/utils/cn";
import { useDocumentTitle } from "@/lib/document-title";

export function Card({ children, className, as: Tag = "section", ...rest }: { children: ReactNode; className?: string; as?: "section" | "div" | "article" | "li"; "aria-labelledby"?: string }) {
  return (
    <Tag className={cn("rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5", className)} {...rest}>
      {children}
    </Tag>
  );
}

/**
 * A page's heading. It also names the browser tab ("<title> · Clinic") when `title` is text, or
 * from `documentTitle`; a page that calls `useDocumentTitle` itself overrides it.
 */
export function PageHeader({
  title,
  description,
  actions,
  documentTitle,
}: {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  documentTitle?: string;
}) {
  useDocumentTitle(documentTitle ?? (typeof title === "string" ? title : ""));
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-3">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">{title}</h1>
        {description && <p className="mt-1 text-slate-600">{description}</p>}
      </div>
      {actions && <div className="flex flex-wrap gap-2">{actions}</div>}
    </div>
  );
}

export function SectionTitle({ id, children }: { id?: string; children: ReactNode }) {
  return (
    <h2 id={id} className="mb-3 text-lg font-semibold text-slate-900">
      {children}
    </h2>
  );
}
