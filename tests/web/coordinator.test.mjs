// The coordinator's pages: taking attendance at the door changes the
// participation dashboard; scheduling and editing a session with the
// program type's own fields and rules, errors shown next to their fields.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { DEMO, checkAccessibility, screenshot, setUp, signIn as harnessSignIn } from "./harness.mjs";

let world;
before(async () => (world = await setUp()));
after(async () => world && world.tearDown());

// Signed in, with the page signing in led to done loading: leaving it
// half-loaded aborts its fetches, which the page reports as errors.
async function signIn(page, email) {
  await harnessSignIn(page, email);
  await page.waitForLoadState("networkidle");
}

// The id of the newest program whose label starts with @name, from the
// schedule's program filter.
async function programId(page, name) {
  await page.goto("/schedule");
  await page.getByLabel("Program").locator("option", { hasText: name }).first().waitFor({ state: "attached" });
  const options = await page.getByLabel("Program").locator("option").evaluateAll((nodes) =>
    nodes.map((o) => ({ value: o.value, label: o.textContent })));
  const found = options.find((o) => o.label.startsWith(name));
  assert.ok(found, `the schedule offers ${name}`);
  return found.value;
}

function number(text) {
  return Number(text.replace(/[^\d.]/g, ""));
}

// The sector table's teachers and hours, per sector and in total.
async function bySector(page) {
  const table = page.getByRole("table", { name: "Participation by sector" });
  await table.waitFor();
  const rows = await table.locator("tbody tr").evaluateAll((trs) =>
    trs.map((tr) => [...tr.children].map((cell) => cell.textContent)));
  const sectors = {};
  for (const [sector, teachers, , , hours] of rows) {
    sectors[sector] = { teachers: number(teachers), hours: number(hours) };
  }
  const values = Object.values(sectors);
  sectors.total = {
    teachers: values.reduce((sum, s) => sum + s.teachers, 0),
    hours: values.reduce((sum, s) => sum + s.hours, 0),
  };
  return sectors;
}

async function openDashboard(page, program) {
  await page.goto(`/dashboard?program=${program}`);
  await page.getByRole("img", { name: /by sector/ }).waitFor();
  return bySector(page);
}

test("a coordinator takes attendance at the door and sees the dashboard change", async () => {
  const page = await world.page();
  await signIn(page, DEMO.coordinator);
  const program = await programId(page, "Beacon Saturday Workshops");

  const before = await openDashboard(page, program);
  await checkAccessibility(page, "dashboard");
  await screenshot(page, "coordinator-dashboard-before");

  await page.goto(`/schedule?program=${program}`);
  await page.getByRole("link", { name: "Roster: Cold Call with Warmth, part 1" }).click();
  await page.getByRole("heading", { name: "Roster: Cold Call with Warmth, part 1" }).waitFor();
  await page.getByText(/^[A-Z0-9]{6}$/).waitFor(); // the check-in code
  await checkAccessibility(page, "roster");

  // One tap each: three registered people present, one absent.
  const rows = page.locator(".roster-row");
  const marked = [];
  for (let i = 0; i < 4; i++) {
    const row = rows.nth(i);
    const status = i < 3 ? "Present" : "Absent";
    marked.push(await row.locator(".name").textContent());
    await row.getByRole("button", { name: status }).click();
    await row.getByText(`Saved: ${status.toLowerCase()}`).waitFor();
    assert.equal(await row.getByRole("button", { name: status }).getAttribute("aria-pressed"), "true");
  }
  await page.getByRole("status").filter({ hasText: "All changes saved" }).waitFor();

  // A walk-in who is in pdnet (found by email) and one who is not.
  await page.getByLabel("Email").fill("zoe.griffin@beaconcharter.org");
  await page.getByLabel("Email").press("Tab");
  await page.getByText("Found in pdnet: Zoë Griffin").waitFor();
  await page.getByRole("button", { name: "Add as present" }).click();
  await page.getByText("Zoë Griffin was added as present.").waitFor();
  await page.getByLabel("Email").fill("new.visitor@example.org");
  await page.getByRole("button", { name: "Add as present" }).click();
  await page.locator("#field-name-error").waitFor(); // no name for someone new
  await page.getByLabel("Name").fill("Nora Visitor");
  await page.getByRole("button", { name: "Add as present" }).click();
  await page.getByText("Nora Visitor was added as present.").waitFor();
  await checkAccessibility(page, "roster with attendance taken");
  await screenshot(page, "coordinator-roster");

  // What was saved is there after a reload, walk-ins included.
  await page.reload();
  for (const [i, name] of marked.entries()) {
    const row = page.locator(".roster-row").filter({ has: page.getByText(name, { exact: true }) });
    const status = i < 3 ? "Present" : "Absent";
    assert.equal(await row.getByRole("button", { name: status }).getAttribute("aria-pressed"), "true", name);
  }
  for (const name of ["Zoë Griffin", "Nora Visitor"]) {
    const row = page.locator(".roster-row").filter({ has: page.getByText(name, { exact: true }) });
    await row.getByText("Walk-in").waitFor();
    assert.equal(await row.getByRole("button", { name: "Present" }).getAttribute("aria-pressed"), "true");
  }
  await page.getByText(/5 present · 1 absent/).waitFor();

  const afterwards = await openDashboard(page, program);
  await screenshot(page, "coordinator-dashboard-after");
  assert.ok(afterwards.total.teachers > before.total.teachers,
    `more teachers attended (${before.total.teachers} -> ${afterwards.total.teachers})`);
  assert.ok(afterwards.total.hours >= before.total.hours + 4 * 3,
    `at least four people's three hours more (${before.total.hours} -> ${afterwards.total.hours})`);
  // Zoë is at a district school now.
  assert.ok(afterwards.District.teachers > before.District.teachers);
  const harbor = page.getByRole("table", { name: "Participation by school" })
    .getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Harbor View Elementary School" }) });
  assert.ok(number(await harbor.getByRole("cell").nth(2).textContent()) >= 1);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download CSV" }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^participation-.*\.csv$/);
  const csv = readFileSync(await download.path(), "utf8");
  assert.match(csv.split("\n")[0], /^school_id,.*teachers_attended/);
  assert.match(csv, /Harbor View Elementary School/);

  // The roster on a phone, and the dashboard in Spanish on a phone.
  const phone = await world.page({ width: 375, height: 800 });
  await signIn(phone, DEMO.coordinator);
  await phone.goto(`/dashboard?program=${program}`);
  await phone.getByRole("img", { name: /by sector/ }).waitFor();
  await checkAccessibility(phone, "dashboard at 375 px");
  await screenshot(phone, "coordinator-dashboard-375");
  const spanish = await world.page({ locale: "es-ES", width: 375, height: 800 });
  await signIn(spanish, DEMO.coordinator);
  await spanish.goto(`/dashboard?program=${program}`);
  await spanish.getByRole("img", { name: /por sector/ }).waitFor();
  assert.ok(await overflow(spanish) <= 0, "the dashboard fits 375 px");
  await checkAccessibility(spanish, "dashboard in Spanish");
  await screenshot(spanish, "coordinator-dashboard-es-375");
});

// A date some days ahead, as a datetime-local value's date.
function daysAhead(days) {
  return new Date(Date.now() + days * 86400000).toISOString().slice(0, 10);
}

test("a coordinator schedules and edits a session with the program type's fields", async () => {
  const page = await world.page();
  await signIn(page, DEMO.coordinator);
  const workshops = await programId(page, "Beacon Saturday Workshops");
  const courses = await programId(page, "Riverton Educators Collaborative");

  // The program type's own settings, from its schema.
  await page.goto(`/schedule?program=${workshops}`);
  await page.getByText(/^Settings of Beacon Saturday Workshops/).click();
  const sessionsToComplete = page.getByLabel("Sessions to complete");
  await sessionsToComplete.fill("0");
  await page.getByRole("button", { name: "Save settings" }).click();
  const settingError = page.locator("#field-settings-sessions_to_complete-error");
  await settingError.waitFor();
  // The core's check by the schema, with the control's label for "settings.x".
  assert.match(await settingError.textContent(), /^Sessions to complete must be at least 1/);
  assert.equal(await sessionsToComplete.getAttribute("aria-invalid"), "true");
  await checkAccessibility(page, "schedule");
  await screenshot(page, "coordinator-schedule-settings-error");
  await sessionsToComplete.fill("2");
  await page.getByRole("checkbox", { name: "catholic" }).uncheck();
  await page.getByRole("button", { name: "Save settings" }).click();
  await page.getByText("Settings saved", { exact: true }).first().waitFor();
  const settings = await page.evaluate(async (id) =>
    (await (await fetch(`/api/v1/programs/${id}`)).json()).settings, workshops);
  assert.equal(settings.sessions_to_complete, 2);
  assert.deepEqual(settings.audience, ["district", "charter"]);
  assert.equal(settings.weekday, "saturday", "settings without a change keep their value");

  // A new session: a kind and a series of the type's, an error on its field.
  await page.getByRole("link", { name: "New session" }).click();
  await page.getByRole("heading", { name: "New session" }).waitFor();
  await page.getByLabel("Series").selectOption({ label: "Habits of Discussion (Workshop series)" });
  assert.equal(await page.getByLabel("Kind of session").inputValue(), "workshop");
  await page.getByLabel("Title").fill("Wait time, revisited");
  await page.getByLabel("Time zone").selectOption("America/Chicago");
  const day = daysAhead(20);
  await page.getByLabel("Starts").fill(`${day}T10:00`);
  await page.getByLabel("Ends").fill(`${day}T09:00`);
  await page.getByLabel("Place").fill("Beacon Collegiate library");
  await page.getByLabel("Seats").fill("30");
  await page.getByLabel("Facilitator's email").fill("danielle.gordon@beaconcharter.org");
  await page.getByRole("button", { name: "Add facilitator" }).click();
  await page.getByRole("button", { name: "Remove Danielle Gordon" }).waitFor();
  await page.getByRole("button", { name: "Create session" }).click();
  const endError = page.locator("#field-ends_at-error");
  await endError.waitFor();
  assert.match(await endError.textContent(), /end after it starts/);
  await checkAccessibility(page, "session form with an error");
  await screenshot(page, "coordinator-session-error");
  await page.getByLabel("Ends").fill(`${day}T12:30`);
  await Promise.all([
    page.waitForURL(/created=1/),
    page.getByRole("button", { name: "Create session" }).click(),
  ]);
  await page.getByText("Session created").waitFor();
  const id = new URL(page.url()).searchParams.get("id");
  await page.getByText(/^Check-in code:/).waitFor();
  await checkAccessibility(page, "session form");
  await screenshot(page, "coordinator-session-created");

  // Editing it.
  await page.getByLabel("Title").fill("Wait time, revisited (library)");
  await page.getByLabel("Seats").fill("");
  await page.getByLabel("Ends").fill(`${day}T13:00`);
  await page.getByRole("button", { name: "Save changes" }).click();
  await page.getByText("Changes saved", { exact: true }).first().waitFor();
  const saved = await page.evaluate(async (sid) => (await fetch(`/api/v1/sessions/${sid}`)).json(), id);
  assert.equal(saved.title, "Wait time, revisited (library)");
  assert.equal(saved.capacity, null);
  assert.equal(saved.kind, "workshop");
  assert.equal(saved.time_zone, "America/Chicago");
  assert.equal(saved.local_date, day);
  assert.match(saved.ends_at, /T(18|19):00:00Z$/); // 13:00 in Chicago
  assert.deepEqual(saved.facilitator_ids.length, 1);

  // A teacher-led course session: that type's own rule, under its field.
  await page.goto(`/session-edit?program=${courses}`);
  assert.equal(await page.getByLabel("Kind of session").inputValue(), "course-session");
  await page.getByLabel("Title").fill("Exit tickets, a drop-in");
  await page.getByLabel("Topic").fill("Formative assessment");
  await page.getByLabel("Starts").fill(`${day}T16:30`);
  await page.getByLabel("Ends").fill(`${day}T18:00`);
  await page.getByRole("button", { name: "Create session" }).click();
  const hostError = page.locator("#field-host_school_id-error");
  await hostError.waitFor();
  assert.match(await hostError.textContent(), /hosted by a school/);

  // Cancelling the new session from the schedule.
  await page.goto(`/schedule?program=${workshops}`);
  page.once("dialog", (dialog) => dialog.accept());
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Wait time, revisited (library)" }) });
  await card.getByRole("button", { name: "Cancel session" }).click();
  await page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: /Wait time, revisited \(library\)\s*Cancelled/ }) }).waitFor();
  const cancelled = await page.evaluate(async (sid) => (await fetch(`/api/v1/sessions/${sid}`)).json(), id);
  assert.equal(cancelled.state, "cancelled");
  await screenshot(page, "coordinator-schedule");
});

// How many pixels the page is wider than its window.
function overflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

test("the coordinator's pages work on a phone, by keyboard too", async () => {
  const page = await world.page({ width: 375, height: 800 });
  await signIn(page, DEMO.coordinator);
  const program = await programId(page, "Beacon Saturday Workshops");
  await page.goto(`/schedule?program=${program}`);
  await page.getByRole("link", { name: "Roster: Cold Call with Warmth, part 2" }).waitFor();
  assert.ok(await overflow(page) <= 0, "the schedule fits 375 px");
  await checkAccessibility(page, "schedule at 375 px");
  await screenshot(page, "coordinator-schedule-375");

  await page.getByRole("link", { name: "Edit: Cold Call with Warmth, part 2" }).click();
  await page.getByLabel("Title").waitFor();
  assert.equal(await page.getByLabel("Title").inputValue(), "Cold Call with Warmth, part 2");
  assert.ok(await overflow(page) <= 0, "the session form fits 375 px");
  await checkAccessibility(page, "session form at 375 px");
  await screenshot(page, "coordinator-session-375");

  await page.getByRole("link", { name: "Roster", exact: true }).click();
  const row = page.locator(".roster-row").first();
  await row.getByRole("button", { name: "Present" }).waitFor();
  assert.ok(await overflow(page) <= 0, "the roster fits 375 px");
  // Keyboard alone: focus the first Present button and press Space.
  await row.getByRole("button", { name: "Present" }).focus();
  await page.keyboard.press("Space");
  await row.getByText("Saved: present").waitFor();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter"); // Absent, the next control
  await row.getByText("Saved: absent").waitFor();
  assert.equal(await row.getByRole("button", { name: "Absent" }).getAttribute("aria-pressed"), "true");
  assert.equal(await row.getByRole("button", { name: "Present" }).getAttribute("aria-pressed"), "false");
  await checkAccessibility(page, "roster at 375 px");
  await screenshot(page, "coordinator-roster-375");
});
