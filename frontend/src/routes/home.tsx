import { Navigate } from "react-router";
import { ROLE_HOME } from "@/features/auth/api/auth";
import { useCurrentUser } from "@/features/auth/current-user";
import { useDocumentTitle } from "@/lib/document-title";

export function HomeRedirect() {
  const user = useCurrentUser();
  return <Navigate to={ROLE_HOME[user.role]} replace />;
}

export function NotFoundPage() {
  useDocumentTitle("Page not found");
  return (
    <div className="py-10 text-center">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="mt-2 text-slate-600">The page you asked for does not exist.</p>
    </div>
  );
}
