import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { ErrorState, Loading } from "@/components/ui/states";
import { useSignedIn } from "@/lib/session";
import { signOut, useMe, type Role } from "../api/auth";
import { CurrentUserProvider, useCurrentUser } from "../current-user";
import { useInactivity } from "../use-inactivity";

/** Renders its children for a signed-in user; sends everyone else to the sign-in page. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const signedIn = useSignedIn();
  const location = useLocation();
  const me = useMe();
  useInactivity(() => void signOut("inactive"), undefined, signedIn);

  if (!signedIn) {
    const next = location.pathname + location.search;
    return <Navigate to={next === "/" ? "/login" : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (me.isPending) return <Loading label="Signing you in…" />;
  if (me.error || !me.data) return <div className="p-6"><ErrorState error={me.error} onRetry={() => void me.refetch()} /></div>;
  return <CurrentUserProvider user={me.data}>{children}</CurrentUserProvider>;
}

/** Shows the children only to the given roles. */
export function RequireRole({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const user = useCurrentUser();
  if (!roles.includes(user.role)) {
    return (
      <div role="alert" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-900">
        This page is not available to your role.
      </div>
    );
  }
  return <>{children}</>;
}
