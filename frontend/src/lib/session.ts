/**
 * The signed-in session: the access and refresh tokens, kept in sessionStorage so a reload
 * keeps the user signed in but closing the tab does not. Components subscribe through
 * `useSession`; the API client reads and rotates the tokens here.
 */
import { useSyncExternalStore } from "react";

export interface Tokens {
  accessToken: string;
  refreshToken: string;
}

/** Why the last session ended, shown on the sign-in page. */
export type SignOutReason = "signed_out" | "expired" | "inactive";

const STORAGE_KEY = "clinic.session";
const REASON_KEY = "clinic.signout-reason";

function storage(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.sessionStorage;
  } catch {
    return null;
  }
}

function load(): Tokens | null {
  const raw = storage()?.getItem(STORAGE_KEY);
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<Tokens>;
    return value.accessToken && value.refreshToken
      ? { accessToken: value.accessToken, refreshToken: value.refreshToken }
      : null;
  } catch {
    return null;
  }
}

let tokens: Tokens | null = load();
const listeners = new Set<() => void>();

function emit() {
  for (const listener of listeners) listener();
}

export const session = {
  tokens(): Tokens | null {
    return tokens;
  },
  signIn(next: Tokens) {
    tokens = next;
    storage()?.setItem(STORAGE_KEY, JSON.stringify(next));
    storage()?.removeItem(REASON_KEY);
    emit();
  },
  /** Replaces the tokens after a refresh without announcing a new sign-in. */
  rotate(next: Tokens) {
    tokens = next;
    storage()?.setItem(STORAGE_KEY, JSON.stringify(next));
  },
  signOut(reason: SignOutReason = "signed_out") {
    if (!tokens) return;
    tokens = null;
    storage()?.removeItem(STORAGE_KEY);
    storage()?.setItem(REASON_KEY, reason);
    emit();
  },
  /** Reads and forgets why the last session ended. */
  takeSignOutReason(): SignOutReason | null {
    const reason = storage()?.getItem(REASON_KEY) as SignOutReason | null | undefined;
    storage()?.removeItem(REASON_KEY);
    return reason ?? null;
  },
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
};

/** Whether someone is signed in; re-renders on sign-in and sign-out. */
export function useSignedIn(): boolean {
  return useSyncExternalStore(session.subscribe, () => session.tokens() !== null);
}
