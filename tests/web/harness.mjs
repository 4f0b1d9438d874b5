// What every browser test shares: a pdnetd of its own on a copy of the demo
// network, Debian's Chromium through playwright-core, screenshots and
// axe-core. tools/run-web-tests sets the environment this reads.
import { spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import assert from "node:assert/strict";

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the browser tests with tools/run-web-tests`);
  return value;
};

const require = createRequire(path.join(env("PDNET_WEB_NPM"), "package.json"));
const { chromium } = require("playwright-core");
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

export const DEMO_PASSWORD = "riverton-demo";
export const DEMO = {
  admin: "admin@rivertoncompact.org",
  coordinator: "sofia.okafor@rivertonschools.org",
  lead: "carlos.wong@beaconcharter.org",
  teacher: "zoe.griffin@beaconcharter.org",
};

// pdnetd on a fresh copy of the demo data directory, on a free port.
export async function startDaemon() {
  const dataDir = mkdtempSync(path.join(tmpdir(), "pdnet-web-"));
  cpSync(env("PDNET_WEB_TEMPLATE"), dataDir, { recursive: true });
  const child = spawn(env("PDNET_DAEMON"), ["--data-dir", dataDir, "--listen", "127.0.0.1:0"],
    { stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stderr.on("data", (chunk) => (log += chunk));
  const url = await new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const found = out.match(/listening on (http:\/\/\S+)/);
      if (found) resolve(found[1].replace(/\/$/, ""));
    });
    child.on("exit", (code) => reject(new Error(`pdnetd exited (${code}): ${log}`)));
  });
  return {
    url,
    dataDir,
    log: () => log,
    async stop() {
      const exited = new Promise((resolve) => child.on("exit", resolve));
      child.kill("SIGTERM");
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.PDNET_CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-dev-shm-usage"],
  });
}

// A page in a context of its own (its own cookies). locale sets the
// browser language; a 375-pixel viewport is a phone.
// Script errors fail the test, except while the browser is closing: then
// pages still loading see their requests aborted, which is no bug of theirs.
const closing = new WeakSet();

export async function newPage(browser, baseURL, { locale = "en-US", width = 1200, height = 900 } = {}) {
  const context = await browser.newContext({
    baseURL, locale, viewport: { width, height },
    extraHTTPHeaders: { "Accept-Language": locale },
  });
  const page = await context.newPage();
  page.on("pageerror", (error) => {
    if (closing.has(browser)) return;
    throw new Error(`script error on ${page.url()}: ${error.message}`);
  });
  return page;
}

export async function screenshot(page, name) {
  const dir = env("PDNET_WEB_SCREENSHOTS");
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

// axe-core on the page as it is: no serious or critical violations. Run
// through the DevTools protocol, so the page's CSP does not block it.
export async function checkAccessibility(page, name) {
  await page.evaluate(axeSource);
  const results = await page.evaluate(() =>
    window.axe.run(document, { resultTypes: ["violations"] }));
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const described = bad.map((v) =>
    `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(" ")).join("\n  ")}`);
  assert.equal(bad.length, 0, `${name}: axe found\n${described.join("\n")}`);
}

export async function signIn(page, email, password = DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel(/^(Email|Correo electrónico)$/).fill(email);
  await page.getByLabel(/^(Password|Contraseña)$/).fill(password);
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith("/sign-in")),
    page.locator("form [type=submit]").click(),
  ]);
}

// One daemon and one browser per test file.
export async function setUp() {
  const daemon = await startDaemon();
  const browser = await launchBrowser();
  return {
    daemon,
    browser,
    page: (options) => newPage(browser, daemon.url, options),
    async tearDown() {
      closing.add(browser);
      await browser.close();
      await daemon.stop();
    },
  };
}
