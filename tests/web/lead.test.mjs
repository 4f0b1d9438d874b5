// The program lead's pages (pick an analysis, set its parameters, watch it
// run, read the result) and the curriculum pages (modules, history, a
// release and the sessions that taught it), on the demo network.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { DEMO, checkAccessibility, screenshot, setUp, signIn as harnessSignIn } from "./harness.mjs";

let world;
before(async () => (world = await setUp()));
after(async () => world && world.tearDown());

// The API as the signed-in page: JSON, or text for a curriculum file.
async function apiCall(page, method, path, body, headers = {}) {
  return page.evaluate(async ({ method, path, body, headers }) => {
    const session = await (await fetch("/api/v1/auth/session")).json();
    const init = { method, headers: { "X-CSRF-Token": session.csrf_token, ...headers } };
    if (typeof body === "string") init.body = body;
    else if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers["Content-Type"] = "application/json";
    }
    const response = await fetch(`/api/v1${path}`, init);
    return { status: response.status, body: await response.json().catch(() => null) };
  }, { method, path, body, headers });
}

// Signs in and waits for the page it lands on to finish starting, so that
// going elsewhere next does not cut its requests short.
async function signIn(page, email) {
  await harnessSignIn(page, email);
  await page.getByRole("button", { name: /^(Sign out|Cerrar sesión)$/ }).waitFor();
}

async function waitForPlot(page) {
  await page.waitForFunction(() => {
    const img = document.querySelector(".plot img");
    return img && img.complete && img.naturalWidth > 0;
  });
}

test("a lead runs participation-growth on the demo network and reads the result", async () => {
  const page = await world.page();
  await signIn(page, DEMO.lead);
  await page.goto("/analyses");
  await page.getByRole("link", { name: "Participation and growth" }).waitFor();
  await checkAccessibility(page, "analyses");
  await screenshot(page, "lead-analyses");

  await page.getByRole("link", { name: "Participation and growth" }).click();
  await page.getByRole("heading", { level: 1, name: "Participation and growth" }).waitFor();
  const programs = page.getByRole("group", { name: /Programs/ });
  // Only programs Beacon leads or partners in are offered.
  await programs.getByRole("checkbox", { name: "Beacon Saturday Workshops (2025-26)" }).waitFor();
  assert.equal(await programs.getByRole("checkbox", { name: /Northstar/ }).count(), 0);
  // Defaults come from the schema.
  assert.equal(await page.getByLabel("Bootstrap resamples").inputValue(), "2000");
  assert.equal(await page.getByLabel("Participation figure").inputValue(), "teachers");
  await checkAccessibility(page, "analysis-form");
  await screenshot(page, "lead-analysis-form");

  // Bad values: the API's error appears under its field, by its label.
  await page.getByLabel(/Outcome measure/).fill("ela_growth");
  await page.getByRole("button", { name: "Run the analysis" }).click();
  await page.locator(".field:has(fieldset) .field-error").filter({ hasText: "Programs is required" }).waitFor();
  await programs.getByRole("checkbox", { name: "Beacon Saturday Workshops (2025-26)" }).check();
  await page.getByLabel("Threshold (teachers)").fill("-1");
  await page.getByRole("button", { name: "Run the analysis" }).click();
  const threshold = page.getByLabel("Threshold (teachers)");
  await page.locator(".field:has(#param-threshold) .field-error")
    .filter({ hasText: "Threshold (teachers) must be at least 0" }).waitFor();
  assert.equal(await page.locator(".field-error").count(), 1, "the earlier error is gone");
  assert.equal(await threshold.getAttribute("aria-invalid"), "true");
  await checkAccessibility(page, "analysis-form-error");
  await screenshot(page, "lead-analysis-field-error");

  await threshold.fill("10");
  await page.getByRole("button", { name: "Run the analysis" }).click();
  await page.getByRole("status").filter({ hasText: /^Done/ }).waitFor();
  assert.equal(await page.locator(".run progress").evaluate((bar) => bar.value), 1);
  await waitForPlot(page);
  const alt = await page.locator(".plot img").getAttribute("alt");
  assert.match(alt, /Participation and growth/);
  assert.match(alt, /Pearson correlation/);
  const caveats = page.getByRole("region", { name: "Read this first" });
  await caveats.getByText(/do not show that the PD caused/).waitFor();
  const pearson = page.locator("table.statistics tr", { has: page.getByRole("rowheader", { name: "Pearson correlation", exact: true }) });
  assert.match(await pearson.innerText(), /47/, "the statistic shows its n");
  await page.getByRole("table", { name: /Schools/ }).waitFor();
  const csv = page.getByRole("link", { name: "Download the result tables (CSV)" });
  assert.match(await csv.getAttribute("href"), /^\/api\/v1\/analysis-runs\/\d+\/result\.csv$/);
  const csvStatus = await page.evaluate(async (href) => (await fetch(href)).status, await csv.getAttribute("href"));
  assert.equal(csvStatus, 200);
  await page.getByRole("region", { name: "Parameters and versions" }).getByText("ela_growth").waitFor();
  await checkAccessibility(page, "analysis-result");
  await screenshot(page, "lead-analysis-result");

  // The result can be revisited on its own page.
  await page.getByRole("link", { name: "Link to this result" }).click();
  await page.waitForURL(/\/analysis-run\?id=\d+/);
  await page.getByRole("status").filter({ hasText: /^Done/ }).waitFor();
  await waitForPlot(page);
  await page.getByRole("region", { name: "Read this first" }).waitFor();
  await checkAccessibility(page, "analysis-run");
  await screenshot(page, "lead-analysis-run");
  await page.goto("/analyses");
  await page.getByRole("region", { name: "Your recent runs in this browser" })
    .getByRole("link", { name: /Participation and growth/ }).waitFor();

  // Run it again: the form comes back with the same parameters.
  await page.goBack();
  await page.getByRole("link", { name: "Run it again with these parameters" }).click();
  await page.getByLabel(/Outcome measure/).waitFor();
  assert.equal(await page.getByLabel(/Outcome measure/).inputValue(), "ela_growth");
  assert.equal(await page.getByRole("checkbox", { name: "Beacon Saturday Workshops (2025-26)" }).isChecked(), true);
});

test("the lead runs reach in Spanish on a phone", async () => {
  const page = await world.page({ locale: "es-ES", width: 375, height: 800 });
  await signIn(page, DEMO.lead);
  await page.goto("/analysis?id=reach");
  await page.getByRole("heading", { level: 1, name: "Alcance" }).waitFor();
  await page.getByRole("group", { name: /Programas/ })
    .getByRole("checkbox", { name: "Beacon Saturday Workshops (2025-26)" }).check();
  await page.getByRole("button", { name: "Ejecutar el análisis" }).click();
  await page.getByRole("status").filter({ hasText: /^Terminado/ }).waitFor();
  await waitForPlot(page);
  await page.getByRole("region", { name: "Lea esto primero" }).waitFor();
  await page.getByRole("rowheader", { name: "Docentes alcanzados" }).waitFor();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 375, `the page fits a phone (${width} px wide)`);
  await checkAccessibility(page, "analysis-reach-es");
  await screenshot(page, "lead-analysis-reach-es-375");
});

test("progress is shown while a run is going and Cancel stops it", async () => {
  const page = await world.page();
  await signIn(page, DEMO.lead);
  // A run that stays at 40 % until cancelled, so the page can be seen mid-way.
  let cancelled = false;
  const run = (status, progress) => ({
    id: 999999, analysis_id: "satisfaction", plugin_version: "1.0", account_id: 3, status, progress,
    progress_message: null, parameters: {}, error: null, created_at: new Date().toISOString(),
    started_at: null, finished_at: null, snapshot_at: null, csv_url: null, plot_url: null, result: null,
  });
  await page.route("**/api/v1/analyses/satisfaction/runs", (route) =>
    route.fulfill({ status: 202, contentType: "application/json", body: JSON.stringify(run("queued", 0)) }));
  await page.route("**/api/v1/analysis-runs/999999", (route) => {
    if (route.request().method() === "DELETE") cancelled = true;
    const body = cancelled ? run("cancelled", 0.4) : run("running", 0.4);
    return route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(body) });
  });
  await page.goto("/analysis?id=satisfaction");
  await page.getByRole("button", { name: "Run the analysis" }).click();
  await page.getByRole("status").filter({ hasText: "Running: 40% done" }).waitFor();
  assert.equal(await page.getByLabel("Progress", { exact: true }).evaluate((bar) => bar.value), 0.4);
  await checkAccessibility(page, "analysis-running");
  await screenshot(page, "lead-analysis-running");
  await page.getByRole("button", { name: "Cancel the run" }).click();
  await page.getByRole("status").filter({ hasText: "The run was cancelled." }).waitFor();
  assert.equal(cancelled, true);
  assert.equal(await page.getByRole("button", { name: "Cancel the run" }).isVisible(), false);
});

test("a curriculum's modules, history, a release and the sessions that taught it", async () => {
  // Beacon's lead writes a curriculum, releases it, then revises a module;
  // a Riverton coordinator pins a session of Beacon's workshops to the release.
  const lead = await world.page();
  await signIn(lead, DEMO.lead);
  const created = await apiCall(lead, "POST", "/curricula", {
    slug: "saturday-literacy", title: "Saturday literacy workshops", owner_organization_id: 2,
    visibility: "private", summary: "Three Saturday workshops on reading instruction",
    program_type: "workshop-series", audience: "K-8 teachers",
    non_negotiables: [{ name: "Daily read-aloud", files: ["modules/02-read-aloud.md"] }],
    files: {
      "modules/01-introduction.md": "# Why read aloud\n\nReading aloud builds **vocabulary**.\n\n- Pick a book\n- Read it twice\n\n<img src=x onerror=alert(1)>\n",
      "modules/02-read-aloud.md": "# Read-aloud routine\n\n1. Preview\n2. Read\n3. Talk\n",
    },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const released = await apiCall(lead, "POST", "/curricula/saturday-literacy/releases",
    { name: "2025-26", notes: "As taught in the first year" });
  assert.equal(released.status, 201, JSON.stringify(released.body));
  const edit = await apiCall(lead, "PUT", "/curricula/saturday-literacy/files/modules/01-introduction.md?message=Shorter+introduction",
    "# Why read aloud\n\nIt builds vocabulary and joy.\n", { "If-Match": released.body.commit });
  assert.equal(edit.status, 200, JSON.stringify(edit.body));
  const coordinator = await world.page();
  await signIn(coordinator, DEMO.coordinator);
  const session = await apiCall(coordinator, "POST", "/sessions", {
    program_id: 5, kind: "workshop", title: "Reading aloud together",
    starts_at: "2027-01-16T15:00:00Z", ends_at: "2027-01-16T18:00:00Z", time_zone: "America/Chicago",
    curriculum: { slug: "saturday-literacy", ref: "2025-26" },
  });
  assert.equal(session.status, 201, JSON.stringify(session.body));

  // A teacher reads it.
  const page = await world.page();
  await signIn(page, DEMO.teacher);
  await page.goto("/curricula");
  await page.getByRole("link", { name: "Saturday literacy workshops" }).click();
  await page.getByRole("heading", { level: 1, name: "Saturday literacy workshops" }).waitFor();
  await page.getByText("You are reading the latest version.").waitFor();
  const document = page.getByRole("article", { name: "01-introduction.md" });
  await document.getByRole("heading", { name: "Why read aloud" }).waitFor();
  await document.getByText("It builds vocabulary and joy.").waitFor();
  const history = page.getByRole("region", { name: "History" });
  assert.equal(await history.getByRole("listitem").count(), 2);
  await history.getByText("Shorter introduction").waitFor();
  await page.getByRole("region", { name: "Sessions that used this curriculum" })
    .getByRole("link", { name: "Reading aloud together" }).waitFor();
  await checkAccessibility(page, "curriculum");
  await screenshot(page, "curriculum");

  // The other module, with its non-negotiable.
  await page.getByRole("link", { name: "02-read-aloud.md" }).first().click();
  await page.getByRole("article", { name: "02-read-aloud.md" }).getByRole("listitem").filter({ hasText: "Preview" }).waitFor();
  await page.getByText("Non-negotiable: Daily read-aloud").first().waitFor();

  // The release: the module as it was, and the session that taught it.
  await page.getByRole("link", { name: "Release 2025-26" }).first().click();
  await page.waitForURL(/release=2025-26/);
  await page.getByText("You are reading release 2025-26.").waitFor();
  const old = page.getByRole("article", { name: "01-introduction.md" });
  await old.getByText("vocabulary").waitFor();
  assert.equal(await old.locator("strong").innerText(), "vocabulary");
  // Markup in a module is shown as text, never made into elements.
  await old.getByText("<img src=x onerror=alert(1)>").waitFor();
  assert.equal(await old.locator("img").count(), 0);
  const taught = page.getByRole("region", { name: "Sessions that taught this version" });
  await taught.getByRole("link", { name: "Reading aloud together" }).waitFor();
  await taught.getByRole("link", { name: "release 2025-26" }).waitFor();
  await page.getByText(/1 file has changed in the latest version/).waitFor();
  await checkAccessibility(page, "curriculum-release");
  await screenshot(page, "curriculum-release");

  // The latest version taught no session; a commit from the history.
  await page.goto(`/curriculum?slug=saturday-literacy&version=${edit.body.commit}`);
  await page.getByRole("region", { name: "Sessions that taught this version" })
    .getByText("No session has taught this version.").waitFor();
  await page.getByRole("region", { name: "History" }).getByRole("link", { name: /Read this version/ }).last().click();
  await page.getByText(`version ${released.body.commit.slice(0, 7)}`).first().waitFor();
  await page.getByText("It is release 2025-26.").waitFor();
  await checkAccessibility(page, "curriculum-version");
  await screenshot(page, "curriculum-version");

  // Private: signed out, the curriculum is not shown.
  const visitor = await world.page({ width: 375 });
  await visitor.goto("/curriculum?slug=saturday-literacy");
  await visitor.getByRole("alert").waitFor();
  await visitor.goto("/curricula");
  await visitor.getByText("There are no curricula yet.").waitFor();
  await checkAccessibility(visitor, "curricula-signed-out");
  await screenshot(visitor, "curricula-signed-out-375");
});

test("the curricula list and a curriculum fit a phone", async () => {
  const page = await world.page({ width: 375, height: 800 });
  await signIn(page, DEMO.lead);
  await page.goto("/curricula");
  await page.getByRole("link", { name: "Saturday literacy workshops" }).waitFor();
  await checkAccessibility(page, "curricula");
  await screenshot(page, "curricula-375");
  await page.goto("/curriculum?slug=saturday-literacy&release=2025-26");
  await page.getByRole("article", { name: "01-introduction.md" }).getByText("vocabulary").waitFor();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 375, `the page fits a phone (${width} px wide)`);
  await screenshot(page, "curriculum-release-375");
});
