import { Link, Navigate, useNavigate } from "react-router";
import { RegisterForm } from "@/features/auth/components/register-form";
import { useSignedIn } from "@/lib/session";
import { AuthShell } from "./login";

export function RegisterPage() {
  const signedIn = useSignedIn();
  const navigate = useNavigate();
  if (signedIn) return <Navigate to="/" replace />;
  return (
    <AuthShell title="Create your patient account">
      <RegisterForm onRegistered={() => navigate("/patient/book", { replace: true })} />
      <p className="mt-6 text-center text-sm text-slate-700">
        Already registered?{" "}
        <Link to="/login" className="font-medium text-brand-700 underline">
          Sign in
        </Link>
      </p>
    </AuthShell>
  );
}
