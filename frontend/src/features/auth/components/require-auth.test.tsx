import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { MemoryRouter, Route, Routes, useLocation } from "react-router";
import { session } from "@/lib/session";
import { json, mockApi } from "@/test/render";
import { RequireAuth, RequireRole } from "./require-auth";

afterEach(() => {
  vi.unstubAllGlobals();
  session.signOut();
});

function Where() {
  const location = useLocation();
  return <p>at {location.pathname + location.search}</p>;
}

function app(path: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route path="/login" element={<Where />} />
          <Route
            path="/staff/billing"
            element={
              <RequireAuth>
                <RequireRole roles={["staff"]}>
                  <p>billing</p>
                </RequireRole>
              </RequireAuth>
            }
          />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

const me = (role: string) => ({ id: 1, username: "u", email: "u@x", role, is_active: true, created_at: "", updated_at: "" });

describe("RequireAuth", () => {
  it("sends a visitor to sign in, remembering where they were going", async () => {
    app("/staff/billing");
    expect(await screen.findByText("at /login?next=%2Fstaff%2Fbilling")).toBeInTheDocument();
  });

  it("shows the page to the right role", async () => {
    session.signIn({ accessToken: "a", refreshToken: "r" });
    mockApi({ "GET /api/v1/auth/me": () => json(me("staff")) });
    app("/staff/billing");
    expect(await screen.findByText("billing")).toBeInTheDocument();
  });

  it("refuses another role", async () => {
    session.signIn({ accessToken: "a", refreshToken: "r" });
    mockApi({ "GET /api/v1/auth/me": () => json(me("patient")) });
    app("/staff/billing");
    expect(await screen.findByRole("alert")).toHaveTextContent("not available to your role");
    expect(screen.queryByText("billing")).not.toBeInTheDocument();
  });
});
