import { useQueryClient } from "@tanstack/react-query";
import { $api, api, type Schemas } from "@/lib/api-client";
import { session, useSignedIn } from "@/lib/session";

export type CurrentUser = Schemas["UserResponse"];
export type Role = Schemas["RoleDto"];

export function useMe() {
  const signedIn = useSignedIn();
  return $api.useQuery("get", "/api/v1/auth/me", undefined, {
    enabled: signedIn,
    staleTime: 5 * 60_000,
    retry: false,
  });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return $api.useMutation("post", "/api/v1/auth/login", {
    onSuccess: (tokens) => {
      queryClient.clear();
      session.signIn({ accessToken: tokens.access_token, refreshToken: tokens.refresh_token });
    },
  });
}

export function useRegister() {
  return $api.useMutation("post", "/api/v1/auth/register");
}

export function useChangePassword() {
  return $api.useMutation("put", "/api/v1/auth/password");
}

/** Revokes the refresh token (best effort) and forgets the session. */
export async function signOut(reason: "signed_out" | "inactive" = "signed_out") {
  const tokens = session.tokens();
  if (tokens) {
    await api
      .POST("/api/v1/auth/logout", { body: { refresh_token: tokens.refreshToken } })
      .catch(() => undefined);
  }
  session.signOut(reason);
}

/** Where each role lands after signing in. */
export const ROLE_HOME: Record<Role, string> = {
  patient: "/patient/appointments",
  doctor: "/doctor/schedule",
  staff: "/staff/board",
  admin: "/admin/users",
};
