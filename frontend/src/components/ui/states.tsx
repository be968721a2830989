import type { ReactNode } from "react";
import { problemMessage, problemStatus } from "@/utils/problem";
import { Button } from "./button";

export function Loading({ label = "Loading…" }: { label?: string }) {
  return (
    <div role="status" className="flex items-center gap-3 py-6 text-slate-600">
      <span className="size-5 animate-spin rounded-full border-2 border-brand-600 border-t-transparent" aria-hidden />
      {label}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-8 text-center">
      <p className="font-medium text-slate-800">{title}</p>
      {children && <div className="mt-2 text-sm text-slate-600">{children}</div>}
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const status = problemStatus(error);
  const title = status === 403 ? "You are not allowed to see this." : status === 404 ? "Not found." : "This could not be loaded.";
  return (
    <div role="alert" className="rounded-lg border border-red-300 bg-red-50 px-4 py-4 text-red-900">
      <p className="font-medium">{title}</p>
      <p className="mt-1 text-sm">{problemMessage(error)}</p>
      {onRetry && (
        <Button variant="secondary" size="sm" className="mt-3" onClick={onRetry}>
          Try again
        </Button>
      )}
    </div>
  );
}

interface QueryLike<T> {
  data: T | undefined;
  error: unknown;
  isPending: boolean;
  refetch: () => unknown;
}

/**
 * Renders a query's loading, error and empty states, and the content once data is there.
 * `isEmpty` decides what counts as empty (default: a list without items).
 */
export function QueryState<T>({
  query,
  isEmpty,
  empty,
  loadingLabel,
  children,
}: {
  query: QueryLike<T>;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  loadingLabel?: string;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading label={loadingLabel} />;
  if (query.error || query.data === undefined) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const data = query.data;
  const emptyCheck =
    isEmpty ??
    ((d: T) => {
      const items = Array.isArray(d) ? d : (d as { items?: unknown[] } | null)?.items;
      return Array.isArray(items) && items.length === 0;
    });
  if (empty !== undefined && emptyCheck(data)) return <>{empty}</>;
  return <>{children(data)}</>;
}
