#!/usr/bin/env node
// End-to-end tests: Debian's Chromium (headless, through playwright-core) against a real
// `clinic serve` on PostgreSQL.
//
// Environment:
//   APP_URL            use an app that is already running (seeded with `clinic seed demo`);
//                      nothing is started or dropped.
//   CLINIC_BIN         the server binary (default ../target/debug/clinic)
//   TEST_DATABASE_URL  a PostgreSQL server URL; a database is created on it and dropped after
//                      (default postgres://postgres@127.0.0.1:54329/postgres)
//   CLINIC_WEB_DIR     what the server serves at / (default: this app's dist/)
//   CHROMIUM           the browser (default /usr/bin/chromium; installed with apt-get if missing)
//   E2E_ONLY           a substring: run only the tests whose names contain it
//   DATABASE_URL       with APP_URL: the app's database, for the steps that stand for time
//                      passing (`db` below); without it those steps fail and say so
// Screenshots and logs go to e2e/artifacts/. Closes with "N passed, N failed".
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { journey } from "./journey.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const frontend = resolve(here, "..");
const artifacts = join(here, "artifacts");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const cleanups = [];

function log(message) {
  console.log(`[e2e] ${message}`);
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

async function waitFor(url, what, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${what} did not become ready at ${url}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  log(`${CHROMIUM} is missing: installing Debian's chromium`);
  const apt = (args) => execFileSync("apt-get", args, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  try {
    apt(["install", "-y", "-qq", "chromium"]);
  } catch {
    apt(["update", "-qq"]);
    apt(["install", "-y", "-qq", "chromium"]);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`chromium was installed but ${CHROMIUM} is still missing`);
}

/** psql from PATH, else from the PostgreSQL installation scripts/lib/pg.sh would use. */
function psqlPath() {
  try {
    execFileSync("psql", ["--version"], { stdio: "ignore" });
    return "psql";
  } catch {
    const root = "/usr/lib/postgresql";
    const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
    const found = versions.map((v) => join(root, v, "bin", "psql")).find((p) => existsSync(p));
    if (!found) throw new Error("psql is not installed");
    return found;
  }
}

function psql(serverUrl, sql) {
  execFileSync(psqlPath(), [serverUrl, "-v", "ON_ERROR_STOP=1", "-qc", sql], { stdio: ["ignore", "ignore", "inherit"] });
}

/**
 * Runs SQL (read from stdin, so psql's `:'name'` variables interpolate) and returns what it
 * prints, unaligned and without headers: one row a line, columns separated by `|`.
 */
function psqlQuery(databaseUrl, sql, vars = {}) {
  const args = [databaseUrl, "-v", "ON_ERROR_STOP=1", "-qtA", "-f", "-"];
  for (const [name, value] of Object.entries(vars)) args.push("-v", `${name}=${value}`);
  return execFileSync(psqlPath(), args, { input: sql, encoding: "utf8", stdio: ["pipe", "pipe", "inherit"] }).trim();
}

function withDatabase(serverUrl, name) {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Creates a database, starts `clinic serve` on it serving dist/, and seeds the demo clinic. */
async function startStack() {
  const bin = resolve(frontend, process.env.CLINIC_BIN ?? "../target/debug/clinic");
  const serverUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:54329/postgres";
  const webDir = resolve(frontend, process.env.CLINIC_WEB_DIR ?? "dist");
  if (!existsSync(bin)) throw new Error(`no server binary at ${bin} (set CLINIC_BIN or build it: cargo build -p clinic-api)`);
  if (!existsSync(join(webDir, "index.html"))) throw new Error(`no built app in ${webDir} (run npm run build)`);

  const database = `clinic_web_e2e_${process.pid}_${randomBytes(3).toString("hex")}`;
  psql(serverUrl, `CREATE DATABASE ${database}`);
  cleanups.push(() => psql(serverUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
  log(`database ${database} created`);

  const port = await freePort();
  const env = {
    ...process.env,
    DATABASE_URL: withDatabase(serverUrl, database),
    CLINIC_JWT_SECRET: randomBytes(32).toString("hex"),
    CLINIC_AUDIT_KEY: randomBytes(32).toString("hex"),
    CLINIC_AUDIT_CHECKPOINT: join(artifacts, "audit-checkpoint.json"),
    CLINIC_ADDR: `127.0.0.1:${port}`,
    CLINIC_WEB_DIR: webDir,
    RUST_LOG: process.env.RUST_LOG ?? "warn",
  };
  const out = openSync(join(artifacts, "clinic-serve.log"), "w");
  const server = spawn(bin, ["serve"], { env, stdio: ["ignore", out, out] });
  cleanups.push(
    () =>
      new Promise((done) => {
        if (server.exitCode !== null) return done();
        server.once("exit", done);
        server.kill("SIGTERM");
      }),
  );
  const api = `http://127.0.0.1:${port}`;
  await waitFor(`${api}/ready`, "clinic serve");
  log(`clinic serve ready at ${api}`);
  execFileSync(bin, ["seed", "demo"], { env, stdio: ["ignore", "ignore", "inherit"] });
  log("demo clinic seeded");

  // The server itself serves the app, client-side routes included: that is what users get.
  const deepLink = await fetch(`${api}/patient/appointments`);
  const html = deepLink.ok ? await deepLink.text() : "";
  if (!html.includes('id="root"')) throw new Error("clinic serve does not serve the built app at its client-side routes");
  return { api, databaseUrl: env.DATABASE_URL };
}

async function main() {
  mkdirSync(artifacts, { recursive: true });
  let passed = 0;
  let failed = 0;
  try {
    ensureChromium();
    const stack = process.env.APP_URL ? { api: process.env.APP_URL, databaseUrl: process.env.DATABASE_URL } : await startStack();
    const appUrl = stack.api;
    // Direct access to the app's database, only for what no user can do through the app: time
    // passing (a booked visit's day arriving). Everything a user does goes through the browser.
    const db = (sql, vars) => {
      if (!stack.databaseUrl) throw new Error("this step needs the app's database: set DATABASE_URL along with APP_URL");
      return psqlQuery(stack.databaseUrl, sql, vars);
    };
    log(`app at ${appUrl}`);
    const { chromium } = await import("playwright-core");
    const userDataDir = mkdtempSync(join(tmpdir(), "clinic-e2e-chromium-"));
    cleanups.push(() => rmSync(userDataDir, { recursive: true, force: true }));
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
      viewport: { width: 1280, height: 900 },
      // The browser runs in UTC while the demo offices are in America/Chicago: every time on
      // screen must still read Chicago time, labelled (lib/format.ts with the office's zone).
      timezoneId: "UTC",
      locale: "en-US",
    });
    cleanups.unshift(() => context.close());

    const only = process.env.E2E_ONLY;
    const state = {};
    let broken = null;
    for (const test of journey) {
      if (only && !test.name.includes(only)) continue;
      if (broken && test.needs?.some((n) => broken.has(n))) {
        console.log(`FAIL ${test.name} (not run: an earlier step it needs failed)`);
        failed += 1;
        broken.add(test.id);
        continue;
      }
      const started = Date.now();
      const pages = [];
      const errors = [];
      const newPage = async (options = {}) => {
        const page = await context.newPage();
        if (options.viewport) await page.setViewportSize(options.viewport);
        page.setDefaultTimeout(20_000);
        page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
        page.on("console", (m) => m.type() === "error" && !/Failed to load resource/.test(m.text()) && errors.push(`console: ${m.text()}`));
        pages.push(page);
        return page;
      };
      try {
        await test.run({ newPage, appUrl, artifacts, state, log, db });
        if (errors.length) throw new Error(errors.join("\n"));
        console.log(`PASS ${test.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
        passed += 1;
      } catch (error) {
        failed += 1;
        (broken ??= new Set()).add(test.id);
        console.log(`FAIL ${test.name}\n  ${String(error?.stack ?? error).split("\n").slice(0, 6).join("\n  ")}`);
        await pages.at(-1)?.screenshot({ path: join(artifacts, `failure-${test.id}.png`), fullPage: true }).catch(() => {});
      } finally {
        for (const page of pages) await page.close().catch(() => {});
      }
    }
  } catch (error) {
    failed += 1;
    console.log(`FAIL setup\n  ${error?.stack ?? error}`);
  } finally {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        console.log(`[e2e] cleanup: ${error?.message ?? error}`);
      }
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

await main();
