import { useRef } from "react";
import { Link, Navigate, useNavigate } from "react-router";
import { RegisterForm } from "@/features/auth/components/register-form";
import { useSignedIn } from "@/lib/session";
import { AuthShell } from "./login";

export function RegisterPage() {
  const signedIn = useSignedIn();
  const navigate = useNavigate();
  // Signing in right after registering re-renders this page signed in: go on to booking then.
  const submitted = useRef(false);
  if (signedIn) return <Navigate to={submitted.current ? "/patient/book" : "/"} replace />;
  return (
    <AuthShell title="Create your patient account">
      <div onSubmit={() => (submitted.current = true)}>
        <RegisterForm onRegistered={() => navigate("/patient/book", { replace: true })} />
      </div>
      <p className="mt-6 text-center text-sm text-slate-700">
        Already registered?{" "}
        <Link to="/login" className="font-medium text-brand-700 underline">
          Sign in
        </Link>
      </p>
    </AuthShell>
  );
}
