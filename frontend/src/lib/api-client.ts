/**
 * The one way this app talks HTTP. Every request goes through `api` (openapi-fetch, typed by the
 * generated `@/api/schema`) or `$api` (the same client as React Query hooks).
 *
 * The fetch wrapper attaches the bearer token; on a 401 it refreshes the tokens once (shared by
 * concurrent requests), retries the request, and signs out when the refresh fails.
 */
import createFetchClient from "openapi-fetch";
import createQueryClient from "openapi-react-query";
import type { components, paths } from "@/api/schema";
import { session, type Tokens } from "@/lib/session";

export type Schemas = components["schemas"];
export type Problem = Schemas["Problem"];

/** Auth endpoints that never carry a token or trigger a refresh. */
const ANONYMOUS = ["/api/v1/auth/login", "/api/v1/auth/refresh", "/api/v1/auth/register"];

function isAnonymous(request: Request): boolean {
  const { pathname } = new URL(request.url);
  return ANONYMOUS.includes(pathname);
}

export interface ApiClientOptions {
  baseUrl?: string;
  fetch?: (request: Request) => Promise<Response>;
}

/** Builds a client; the app uses the default instance below, tests build their own. */
export function createApiClient(options: ApiClientOptions = {}) {
  const baseFetch = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  let refreshing: Promise<Tokens | null> | null = null;

  const client = createFetchClient<paths>({
    baseUrl: options.baseUrl ?? (typeof window === "undefined" ? "" : window.location.origin),
    fetch: authorisedFetch,
  });

  async function refresh(refreshToken: string): Promise<Tokens | null> {
    const { data } = await client.POST("/api/v1/auth/refresh", {
      body: { refresh_token: refreshToken },
    });
    if (!data) return null;
    return { accessToken: data.access_token, refreshToken: data.refresh_token };
  }

  /** One refresh at a time: concurrent 401s wait for the same new tokens. */
  function refreshOnce(used: Tokens): Promise<Tokens | null> {
    refreshing ??= refresh(used.refreshToken)
      .catch(() => null)
      .then((next) => {
        if (next) session.rotate(next);
        else session.signOut("expired");
        return next;
      })
      .finally(() => {
        refreshing = null;
      });
    return refreshing;
  }

  async function authorisedFetch(request: Request): Promise<Response> {
    if (isAnonymous(request)) return baseFetch(request);
    const used = session.tokens();
    const retry = request.clone();
    if (used) request.headers.set("Authorization", `Bearer ${used.accessToken}`);
    const response = await baseFetch(request);
    if (response.status !== 401 || !used) return response;

    // Another request may have rotated the tokens while this one was in flight.
    const current = session.tokens();
    const next =
      current && current.accessToken !== used.accessToken ? current : await refreshOnce(used);
    if (!next) return response;
    retry.headers.set("Authorization", `Bearer ${next.accessToken}`);
    const second = await baseFetch(retry);
    if (second.status === 401) session.signOut("expired");
    return second;
  }

  return { api: client, $api: createQueryClient(client) };
}

const defaultClient = createApiClient();

/** The typed fetch client (imperative calls). */
export const api = defaultClient.api;
/** The typed React Query hooks: `$api.useQuery("get", path, init)`, `$api.useMutation(...)`. */
export const $api = defaultClient.$api;
