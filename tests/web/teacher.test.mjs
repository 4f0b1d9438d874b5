// The teacher's pages: signing up, the catalog, registering, the waitlist
// with its position, cancelling, my sessions with the calendar link,
// checking in, feedback and the transcript; in English on a desktop and
// in Spanish on a 375-pixel phone.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { DEMO, checkAccessibility, screenshot, setUp, signIn } from "./harness.mjs";

let world;
let admin;
let programId;
let waiting = []; // two teachers of the demo who fill the full sessions

const PASSWORD = "a long teacher password";

// ---- the API, as an admin sets things up (bearer tokens, Node's fetch) ----

async function call(token, method, path, body) {
  const response = await fetch(`${world.daemon.url}/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = response.status === 204 ? null : await response.json();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(data)}`);
  return data;
}

async function fetchAll(token, path) {
  const items = [];
  let cursor = null;
  do {
    const page = await call(token, "GET", `${path}?limit=200${cursor ? `&cursor=${cursor}` : ""}`);
    items.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return items;
}

async function tokenOf(email, password) {
  const response = await fetch(`${world.daemon.url}/api/v1/auth/token`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  assert.equal(response.status, 201, `a token for ${email}`);
  return (await response.json()).token;
}

const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

async function makeSession(title, { capacity = 20, startsIn = 10 * 86400e3, extra = {} } = {}) {
  const start = Date.now() + startsIn;
  return call(admin, "POST", "/sessions", {
    program_id: programId, kind: "workshop", title, topic: "Wait time",
    starts_at: iso(start), ends_at: iso(start + 2 * 3600e3), time_zone: "America/Chicago",
    location: "Room 9", capacity, ...extra,
  });
}

// A session with one seat, taken, and one person already waiting: the
// next person to come is second on the waitlist.
async function makeFullSession(title, extra) {
  const session = await makeSession(title, { capacity: 1, extra });
  await call(admin, "POST", `/sessions/${session.id}/registrations`, { person_id: waiting[0] });
  const second = await call(admin, "POST", `/sessions/${session.id}/registrations`, { person_id: waiting[1] });
  assert.equal(second.status, "waitlisted");
  assert.equal(second.position, 1);
  return session;
}

before(async () => {
  world = await setUp();
  admin = await tokenOf(DEMO.admin, "riverton-demo");
  const programs = await call(admin, "GET", "/programs?type=workshop-series&limit=200");
  programId = programs.items.sort((a, b) => b.school_year.localeCompare(a.school_year))[0].id;
  const teachers = await call(admin, "GET", "/people?role=teacher&limit=2");
  waiting = teachers.items.map((p) => p.id);
  // A released curriculum the English full session is pinned to.
  const organizations = await call(admin, "GET", "/organizations?limit=200");
  await call(admin, "POST", "/curricula", {
    slug: "wait-time", title: "Wait time in practice", visibility: "public",
    owner_organization_id: organizations.items[0].id,
    files: { "modules/01-why-wait.md": "# Why wait\n" },
  });
  await call(admin, "POST", "/curricula/wait-time/releases", { name: "2026-27" });
});
after(async () => world && world.tearDown());

// ---- the words each language shows ----

const WORDS = {
  en: {
    locale: "en-US", width: 1200,
    createAccount: "Create my account", emailDomain: /rivertonschools\.org/,
    show: "Show sessions", topic: "Topic", register: /^Register$/, joinWaitlist: "Join the waitlist",
    leaveWaitlist: "Leave the waitlist", registered: "You are registered.",
    waitlisted: "The session is full: you are on the waitlist, position 2.",
    cancelled: "Your registration is cancelled.", full: "Full: 1 person on the waitlist",
    newLink: "Make a new link", cancel: /^Cancel\s*:/, myStatus: "Registered",
    curriculum: /Wait time in practice, version 2026-27/, versionLink: "See this version of the curriculum",
  },
  es: {
    locale: "es-ES", width: 375,
    createAccount: "Crear mi cuenta", emailDomain: /rivertonschools\.org/,
    show: "Mostrar sesiones", topic: "Tema", register: /^Inscribirme$/, joinWaitlist: "Apuntarme a la lista de espera",
    leaveWaitlist: "Salir de la lista de espera", registered: "Tiene plaza: su inscripción está confirmada.",
    waitlisted: "La sesión está completa: está en la lista de espera, en el puesto 2.",
    cancelled: "Su inscripción está cancelada.", full: "Completa: 1 persona en la lista de espera",
    newLink: "Crear un enlace nuevo", cancel: /^Cancelar\s*:/, myStatus: "Plaza confirmada",
  },
};

async function signUp(page, words, { name, email }) {
  await page.goto("/sign-up");
  await page.locator("#field-school_id option").first().waitFor({ state: "attached" });
  await checkAccessibility(page, `sign-up-${words.locale}`);
  await page.locator("#field-name").fill(name);
  await page.locator("#field-email").fill("someone@example.com");
  await page.locator("#field-password").fill(PASSWORD);
  await page.locator("#school-search").fill("alder");
  await page.locator("#field-school_id").selectOption({ label: "Alder Street Elementary School" });
  // The API refuses the email's domain: said next to the email, in the page's language.
  await page.getByRole("button", { name: words.createAccount }).click();
  const error = page.locator("#field-email-error");
  await error.waitFor();
  assert.match(await error.textContent(), words.emailDomain);
  await screenshot(page, `sign-up-error-${words.locale}`);
  await page.locator("#field-email").fill(email);
  await Promise.all([
    page.waitForURL((url) => url.pathname === "/my-sessions"),
    page.getByRole("button", { name: words.createAccount }).click(),
  ]);
  await page.locator("#feed-url").waitFor();
}

// From the catalog, filtered by topic words, to the session's page.
async function findInCatalog(page, words, title) {
  await page.goto("/");
  await page.getByLabel(words.topic, { exact: true }).fill(title);
  await page.getByRole("button", { name: words.show }).click();
  const link = page.getByRole("link", { name: title, exact: true });
  await link.waitFor();
  return link;
}

async function teacherFlow(words) {
  const tag = words.locale;
  const page = await world.page({ locale: words.locale, width: words.width, height: 800 });
  const email = `new.teacher.${tag.toLowerCase()}@rivertonschools.org`;
  await signUp(page, words, { name: `New Teacher ${tag}`, email });
  await checkAccessibility(page, `my-sessions-empty-${tag}`);
  await screenshot(page, `my-sessions-empty-${tag}`);

  const open = await makeSession(`Open lab ${tag}`);
  const full = await makeFullSession(`Full lab ${tag}`,
    tag === "en-US" ? { curriculum: { slug: "wait-time", ref: "2026-27" } } : {});

  // The catalog shows the full session with its waitlist.
  const fullLink = await findInCatalog(page, words, `Full lab ${tag}`);
  await page.getByText(words.full).first().waitFor();
  await checkAccessibility(page, `catalog-${tag}`);
  await screenshot(page, `catalog-${tag}`);

  // Registering for a session with seats.
  const openLink = await findInCatalog(page, words, `Open lab ${tag}`);
  await Promise.all([page.waitForURL(/\/session\?id=/), openLink.click()]);
  await page.getByRole("button", { name: words.register }).click();
  await page.getByText(words.registered).first().waitFor();
  await checkAccessibility(page, `session-registered-${tag}`);
  await screenshot(page, `session-registered-${tag}`);

  // The full one: the waitlist, second in line.
  await findInCatalog(page, words, `Full lab ${tag}`);
  await Promise.all([page.waitForURL(`**/session?id=${full.id}`), fullLink.click()]);
  if (words.curriculum) {
    await page.getByText(words.curriculum).first().waitFor();
    const href = await page.getByRole("link", { name: words.versionLink }).getAttribute("href");
    assert.equal(href, "/curriculum?slug=wait-time&version=2026-27");
  }
  await page.getByRole("button", { name: words.joinWaitlist }).click();
  await page.getByText(words.waitlisted).first().waitFor();
  const teacher = await tokenOf(email, PASSWORD);
  const mine = await call(teacher, "GET", `/me/registrations?session_id=${full.id}`);
  assert.equal(mine.items[0].status, "waitlisted");
  assert.equal(mine.items[0].position, 2);
  await checkAccessibility(page, `session-waitlisted-${tag}`);
  await screenshot(page, `session-waitlisted-${tag}`);

  // Leaving the waitlist.
  await page.getByRole("button", { name: words.leaveWaitlist }).click();
  await page.getByText(words.cancelled).first().waitFor();
  await page.getByRole("button", { name: words.joinWaitlist }).waitFor();
  await screenshot(page, `session-cancelled-${tag}`);
  const after = await call(teacher, "GET", `/me/registrations?session_id=${full.id}`);
  assert.equal(after.items[0].status, "cancelled");

  // My sessions: the open session, the calendar link, a new link, cancelling.
  await page.goto("/my-sessions");
  const feed = page.locator("#feed-url");
  await feed.waitFor();
  const url = await feed.inputValue();
  assert.match(url, /\/api\/v1\/calendar-feeds\/[^/]+\/calendar\.ics$/);
  const item = page.locator("li", { has: page.getByRole("link", { name: `Open lab ${tag}` }) });
  await item.getByText(words.myStatus, { exact: true }).first().waitFor();
  await checkAccessibility(page, `my-sessions-${tag}`);
  await screenshot(page, `my-sessions-${tag}`);
  await page.getByRole("button", { name: words.newLink }).click();
  await page.waitForFunction((old) => document.getElementById("feed-url").value !== old, url);
  const fresh = await fetch(await feed.inputValue());
  assert.equal(fresh.status, 200);
  assert.equal((await fetch(url)).status, 404, "the old link no longer works");
  await item.getByRole("button", { name: words.cancel }).click();
  await page.getByText(words.cancelled).first().waitFor();
  await screenshot(page, `my-sessions-cancelled-${tag}`);
  const gone = await call(teacher, "GET", `/me/registrations?session_id=${open.id}`);
  assert.equal(gone.items[0].status, "cancelled");
  return { page, teacher };
}

test("a teacher signs up, registers, is waitlisted second on a full session and cancels (English, desktop)", async () => {
  const { page, teacher } = await teacherFlow(WORDS.en);

  // A whole series, where the program type offers it (workshop series).
  const now = Date.now();
  const sessions = await call(admin, "GET", `/catalog/sessions?program_id=${programId}&limit=200`);
  const inSeries = sessions.items.find((s) => s.series_id && s.program_type === "workshop-series"
    && (!s.registration_opens_at || Date.parse(s.registration_opens_at) < now)
    && Date.parse(s.registration_closes_at || s.starts_at) > now + 3600e3);
  if (inSeries) {
    await page.goto(`/session?id=${inSeries.id}`);
    await page.getByRole("button", { name: "Register for the whole series" }).click();
    await page.getByText("Your places in the series:").first().waitFor();
    await checkAccessibility(page, "session-series-en-US");
    await screenshot(page, "session-series-en-US");
    const mine = await call(teacher, "GET", `/me/registrations?session_id=${inSeries.id}`);
    assert.notEqual(mine.items[0].status, "cancelled");
  }

  // A teacher-led course: one session registers for the whole course.
  const all = await call(admin, "GET", "/catalog/sessions?limit=200");
  const course = all.items.find((s) => s.series_id && s.program_type === "teacher-led"
    && (!s.registration_opens_at || Date.parse(s.registration_opens_at) < now)
    && Date.parse(s.registration_closes_at || s.starts_at) > now + 3600e3);
  if (course) {
    await page.goto(`/session?id=${course.id}`);
    await page.getByRole("button", { name: /whole course/ }).click();
    await page.getByText("Also for the other sessions:").first().waitFor();
    await checkAccessibility(page, "session-course-en-US");
    await screenshot(page, "session-course-en-US");
    const held = (await fetchAll(teacher, "/me/registrations")).filter((r) => r.status !== "cancelled");
    const courseSessions = all.items.filter((s) => s.series_id === course.series_id);
    assert.ok(courseSessions.every((s) => held.some((r) => r.session_id === s.id)),
      "every session of the course is held");
  }
});

test("the same in Spanish on a 375-pixel phone", async () => {
  const { page } = await teacherFlow(WORDS.es);
  await page.goto("/check-in");
  await page.getByText("Hoy no hay sesiones.").or(page.locator("#field-code")).first().waitFor();
  await checkAccessibility(page, "check-in-es-ES");
  await screenshot(page, "check-in-es-ES");
  await page.goto("/transcript");
  await page.locator("main p.status, main table").first().waitFor();
  await checkAccessibility(page, "transcript-empty-es-ES");
  await screenshot(page, "transcript-empty-es-ES");
});

test("a teacher checks in with the session's code and gives feedback", async () => {
  const page = await world.page();
  await signIn(page, DEMO.teacher);
  const teacher = await tokenOf(DEMO.teacher, "riverton-demo");
  // Under way since a minute ago; registration still open.
  const today = await makeSession("Door check-in lab", {
    startsIn: -60e3, extra: { registration_closes_at: iso(Date.now() + 3600e3) },
  });
  await call(teacher, "POST", `/sessions/${today.id}/registrations`, {});
  const code = (await call(admin, "GET", `/sessions/${today.id}`)).check_in_code;

  await page.goto("/check-in");
  await page.getByLabel("Session", { exact: true }).selectOption(String(today.id));
  await page.getByLabel("Check-in code").fill("WRONG-0");
  await page.getByRole("button", { name: "Check in" }).click();
  await page.locator("#field-code-error").waitFor();
  await checkAccessibility(page, "check-in-error");
  await screenshot(page, "check-in-error");
  await page.getByLabel("Check-in code").fill(code.toLowerCase());
  await page.getByRole("button", { name: "Check in" }).click();
  await page.getByText(/You are checked in to Door check-in lab/).first().waitFor();
  await checkAccessibility(page, "check-in-done");
  await screenshot(page, "check-in-done");

  // Attended now: my sessions offers feedback.
  await page.goto("/my-sessions");
  const item = page.locator("li", { has: page.getByRole("link", { name: "Door check-in lab" }) });
  await Promise.all([
    page.waitForURL(`**/feedback?session=${today.id}`),
    item.getByRole("link", { name: "Give feedback" }).click(),
  ]);
  await page.getByRole("group", { name: "How useful was the session?" }).waitFor();
  await checkAccessibility(page, "feedback");
  await screenshot(page, "feedback");
  await page.getByRole("button", { name: "Send feedback" }).click();
  await page.locator("#usefulness-error, [data-field=usefulness] .field-error").first().waitFor();
  await page.getByRole("group", { name: "How useful was the session?" }).getByLabel("4", { exact: true }).check();
  await page.getByRole("group", { name: /recommend it to a colleague/ }).getByLabel("9", { exact: true }).check();
  await page.getByLabel("Comment (optional)").fill("The wait-time drills were worth it.");
  await page.getByRole("button", { name: "Send feedback" }).click();
  await page.getByText("Thank you: your feedback is sent.").first().waitFor();
  await screenshot(page, "feedback-sent");
  const given = await call(teacher, "GET", `/sessions/${today.id}/feedback/mine`);
  assert.equal(given.usefulness, 4);
  assert.equal(given.recommend, 9);

  // Changing it: the form comes back filled in.
  await page.reload();
  await page.getByRole("button", { name: "Save changes" }).waitFor();
  assert.equal(await page.locator("#usefulness-4").isChecked(), true);
  await page.locator("#recommend-10").check();
  await page.getByRole("button", { name: "Save changes" }).click();
  await page.getByText("Your changes are saved.").first().waitFor();
  assert.equal((await call(teacher, "GET", `/sessions/${today.id}/feedback/mine`)).recommend, 10);
  await checkAccessibility(page, "feedback-edit");
  await screenshot(page, "feedback-edit");
});

test("the transcript is a table of credits, on a desktop and a phone", async () => {
  for (const options of [{}, { width: 375, height: 800 }]) {
    const page = await world.page(options);
    await signIn(page, DEMO.teacher);
    await page.goto("/transcript");
    const table = page.getByRole("table");
    await table.waitFor();
    assert.ok(await table.getByRole("row").count() >= 3, "a program, its header and the totals");
    await table.getByText("Total", { exact: true }).first().waitFor();
    const name = options.width ? "transcript-375" : "transcript";
    await checkAccessibility(page, name);
    await screenshot(page, name);
  }
});
