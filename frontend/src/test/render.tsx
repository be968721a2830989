import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import { MemoryRouter } from "react-router";
import { vi } from "vitest";

export function renderWithProviders(ui: ReactElement, { route = "/" }: { route?: string } = {}) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return {
    queryClient,
    ...render(
      <QueryClientProvider client={queryClient}>
        <MemoryRouter initialEntries={[route]}>{ui}</MemoryRouter>
      </QueryClientProvider>,
    ),
  };
}

export function json(body: unknown, status = 200): Response {
  const type = status >= 400 ? "application/problem+json" : "application/json";
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { "Content-Type": type } });
}

type Handler = (request: Request) => Response | Promise<Response>;

/**
 * Replaces global fetch with a table of `"METHOD /path"` → handler; anything else is a 404.
 * Returns the mock, whose calls hold the requests.
 */
export function mockApi(routes: Record<string, Handler>) {
  const mock = vi.fn(async (input: Request | string) => {
    const request = typeof input === "string" ? new Request(input) : input;
    const { pathname } = new URL(request.url);
    const handler = routes[`${request.method} ${pathname}`];
    if (!handler) return json({ type: "about:blank", title: "Not Found", status: 404, code: "not_found" }, 404);
    return handler(request);
  });
  vi.stubGlobal("fetch", mock);
  return mock;
}

export const problem = (status: number, errors: { field: string; message: string }[] = [], detail?: string) => ({
  type: "about:blank",
  title: status === 422 ? "Validation failed" : "Error",
  status,
  code: "test",
  detail,
  errors,
});
