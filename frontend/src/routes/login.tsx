import { useState } from "react";
import { Link, Navigate, useSearchParams } from "react-router";
import { Alert } from "@/components/ui/alert";
import { LoginForm } from "@/features/auth/components/login-form";
import { useSignedIn, session } from "@/lib/session";
import { useDocumentTitle } from "@/lib/document-title";

const REASONS = {
  inactive: "You were signed out after a period of inactivity.",
  expired: "Your session has expired. Please sign in again.",
  signed_out: "You have signed out.",
};

/** Only same-app paths may be a `next` target. */
function safeNext(next: string | null): string {
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/";
}

export function AuthShell({ title, children }: { title: string; children: React.ReactNode }) {
  useDocumentTitle(title);
  return (
    <main id="main" className="flex min-h-dvh items-start justify-center px-3 py-10 sm:items-center">
      <div className="w-full max-w-md rounded-lg border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
        <p className="text-center text-lg font-bold text-brand-800">Clinic</p>
        <h1 className="mb-6 mt-1 text-center text-2xl font-semibold">{title}</h1>
        {children}
      </div>
    </main>
  );
}

export function LoginPage() {
  const signedIn = useSignedIn();
  const [params] = useSearchParams();
  const [reason] = useState(() => session.takeSignOutReason());
  const next = safeNext(params.get("next"));

  if (signedIn) return <Navigate to={next} replace />;
  return (
    <AuthShell title="Sign in">
      {reason && (
        <Alert tone={reason === "signed_out" ? "success" : "warning"} className="mb-4">
          {REASONS[reason]}
        </Alert>
      )}
      {/* Signing in re-renders this page signed in, and the <Navigate> above takes the person on.
          A second navigate from the form's success arrived after that one and could undo a click
          the person had already made on the next page. */}
      <LoginForm />
      <p className="mt-6 text-center text-sm text-slate-700">
        New patient?{" "}
        <Link to="/register" className="font-medium text-brand-700 underline">
          Create an account
        </Link>
      </p>
    </AuthShell>
  );
}
