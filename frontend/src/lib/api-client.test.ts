import { afterEach, describe, expect, it, vi } from "vitest";
import { createApiClient } from "./api-client";
import { session } from "./session";
import { json } from "@/test/render";

const me = { id: 1, username: "alice", email: "a@x", role: "patient", is_active: true, created_at: "", updated_at: "" };
const unauthorised = () => json({ type: "about:blank", title: "Unauthorized", status: 401, code: "unauthenticated" }, 401);

function server(opts: { refreshOk: boolean }) {
  const calls: string[] = [];
  const fetch = vi.fn(async (request: Request) => {
    const path = new URL(request.url).pathname;
    const auth = request.headers.get("Authorization");
    calls.push(`${request.method} ${path} ${auth ?? "-"}`);
    if (path === "/api/v1/auth/refresh") {
      const body = (await request.json()) as { refresh_token: string };
      if (!opts.refreshOk || body.refresh_token !== "r1") return unauthorised();
      return json({ access_token: "a2", token_type: "Bearer", expires_in: 900, refresh_token: "r2" });
    }
    if (auth === "Bearer a2") return json(me);
    return unauthorised();
  });
  return { fetch, calls };
}

afterEach(() => session.signOut());

describe("api client", () => {
  it("attaches the bearer token, refreshes once on 401 and retries", async () => {
    session.signIn({ accessToken: "a1", refreshToken: "r1" });
    const { fetch, calls } = server({ refreshOk: true });
    const { api } = createApiClient({ baseUrl: "http://test", fetch });

    const { data } = await api.GET("/api/v1/auth/me");

    expect(data?.username).toBe("alice");
    expect(calls).toEqual([
      "GET /api/v1/auth/me Bearer a1",
      "POST /api/v1/auth/refresh -",
      "GET /api/v1/auth/me Bearer a2",
    ]);
    expect(session.tokens()).toEqual({ accessToken: "a2", refreshToken: "r2" });
  });

  it("shares one refresh between concurrent requests", async () => {
    session.signIn({ accessToken: "a1", refreshToken: "r1" });
    const { fetch, calls } = server({ refreshOk: true });
    const { api } = createApiClient({ baseUrl: "http://test", fetch });

    const results = await Promise.all([api.GET("/api/v1/auth/me"), api.GET("/api/v1/auth/me")]);

    expect(results.every((r) => r.data?.username === "alice")).toBe(true);
    expect(calls.filter((c) => c.includes("refresh"))).toHaveLength(1);
  });

  it("signs out when the refresh fails", async () => {
    session.signIn({ accessToken: "a1", refreshToken: "r1" });
    const { fetch } = server({ refreshOk: false });
    const { api } = createApiClient({ baseUrl: "http://test", fetch });

    const { error, response } = await api.GET("/api/v1/auth/me");

    expect(response.status).toBe(401);
    expect(error).toMatchObject({ status: 401 });
    expect(session.tokens()).toBeNull();
    expect(session.takeSignOutReason()).toBe("expired");
  });

  it("retries a request body after the refresh", async () => {
    session.signIn({ accessToken: "a1", refreshToken: "r1" });
    const bodies: string[] = [];
    const fetch = vi.fn(async (request: Request) => {
      const path = new URL(request.url).pathname;
      if (path === "/api/v1/auth/refresh") return json({ access_token: "a2", token_type: "Bearer", expires_in: 900, refresh_token: "r2" });
      bodies.push(await request.text());
      return request.headers.get("Authorization") === "Bearer a2" ? json({ marked: 0 }) : unauthorised();
    });
    const { api } = createApiClient({ baseUrl: "http://test", fetch });

    await api.PUT("/api/v1/auth/password", { body: { current_password: "old", new_password: "new" } });

    expect(bodies).toHaveLength(2);
    expect(bodies[1]).toBe(bodies[0]);
    expect(JSON.parse(bodies[1]!)).toEqual({ current_password: "old", new_password: "new" });
  });

  it("sends no token to login", async () => {
    session.signIn({ accessToken: "a1", refreshToken: "r1" });
    const fetch = vi.fn(async (request: Request) => {
      expect(request.headers.get("Authorization")).toBeNull();
      return unauthorised();
    });
    const { api } = createApiClient({ baseUrl: "http://test", fetch });
    await api.POST("/api/v1/auth/login", { body: { login: "x", password: "y" } });
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(session.tokens()).not.toBeNull();
  });
});
