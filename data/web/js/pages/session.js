// One session: its details in its own time zone, seats left and the
// waitlist, and registering, joining the waitlist or cancelling; a whole
// series or course where the program type offers it; and which version
// of a curriculum the session taught.
import { allItems, api } from "/js/api.js";
import { announce, h, param, replace } from "/js/dom.js";
import { showError, clearErrors } from "/js/forms.js";
import { _, ngettext } from "/js/i18n.js";
import { startPage, status } from "/js/shell.js";
import {
  isActive, momentIn, registrationResult, registrationStatus, seatsBadge,
  sessionWhen, sessionWhere,
} from "/js/teacher.js";

const id = Number.parseInt(param("id") || "", 10);
const { account, main } = await startPage({ title: _("Session") });
const heading = main.querySelector("h1");

if (!Number.isInteger(id) || id < 1) {
  status(main, _("This address names no session. Pick one from the catalog."), { error: true });
  main.prepend(heading);
  throw new Error("no session id");
}

let session;
try {
  session = await api("GET", `/catalog/sessions/${id}`);
} catch (error) {
  status(main, error.message, { error: true });
  main.prepend(heading);
  main.append(h("p", {}, h("a", { href: "/" }, _("See the sessions"))));
  throw error;
}
document.title = `${session.title} · pdnet`;
heading.textContent = session.title;

// What the program type offers: series registration, extra members.
let programType = null;
try {
  const plugins = await api("GET", "/plugins");
  const plugin = plugins.items.find((p) => p.program_type && p.program_type.id === session.program_type);
  programType = plugin ? plugin.program_type : null;
} catch {
  programType = null;
}
const seriesMode = session.series_id ? (programType && programType.series_registration) || null : null;
const offersTeam = Boolean(programType && (programType.registration_fields || []).includes("team"));

const details = h("section", { "aria-labelledby": "details-title" });
const curriculumArea = h("div");
const box = h("section", { class: "registration-box", "aria-labelledby": "registration-title" });
// Shown after an action; the page's announcer reads it out, since a live
// region made with its text would not be.
const result = h("div", { class: "result" });
main.append(details, curriculumArea, box);

function renderDetails() {
  const facilitators = session.facilitators.map((f) => f.name).join(", ");
  replace(details,
    h("h2", { id: "details-title", class: "visually-hidden" }, _("Details")),
    session.state === "cancelled"
      ? h("p", { class: "form-error", role: "alert" }, _("This session was cancelled."))
      : null,
    h("dl", { class: "facts" },
      h("dt", {}, _("Program")), h("dd", {}, session.program_name),
      session.series_title
        ? [h("dt", {}, _("Series")), h("dd", {}, session.series_title)]
        : null,
      session.topic ? [h("dt", {}, _("Topic")), h("dd", {}, session.topic)] : null,
      h("dt", {}, _("When")), h("dd", {}, h("time", { datetime: session.starts_at }, sessionWhen(session))),
      h("dt", {}, _("Time zone")), h("dd", {}, session.time_zone),
      h("dt", {}, _("Where")), h("dd", {}, sessionWhere(session)),
      h("dt", {}, ngettext("Facilitator", "Facilitators", session.facilitators.length)),
      h("dd", {}, facilitators || _("To be announced")),
      h("dt", {}, _("Seats")), h("dd", { id: "seats" }, seatsBadge(session)),
      h("dt", {}, _("Waitlist")),
      h("dd", { id: "waitlist" }, ngettext("{n} person waiting", "{n} people waiting", session.waitlist_size)),
      session.registration_opens_at
        ? [h("dt", {}, _("Registration opens")), h("dd", {}, momentIn(session.registration_opens_at, session.time_zone))]
        : null,
      h("dt", {}, _("Registration closes")),
      h("dd", {}, momentIn(session.registration_closes_at || session.starts_at, session.time_zone)),
      h("dt", {}, _("Cancel until")),
      h("dd", {}, momentIn(session.cancellation_cutoff || session.starts_at, session.time_zone))));
}

// "Which version a session taught": the curriculum and its release (or
// commit), linking to the curriculum's page at that version.
async function renderCurriculum() {
  if (!session.curriculum) return;
  const { slug, commit } = session.curriculum;
  let title = slug;
  let version = commit ? commit.slice(0, 10) : "main";
  let versionParam = commit;
  let moved = null;
  try {
    const curriculum = await api("GET", `/curricula/${encodeURIComponent(slug)}`);
    title = curriculum.title;
    const releases = await api("GET", `/curricula/${encodeURIComponent(slug)}/releases`);
    const release = releases.items.find((r) => r.commit === commit);
    if (release) {
      version = release.name;
      versionParam = release.name;
    }
  } catch {
    /* A private curriculum, signed out: the slug and commit are enough. */
  }
  if (account) {
    try {
      moved = (await api("GET", `/sessions/${id}`)).curriculum?.main_moved ?? null;
    } catch {
      moved = null;
    }
  }
  const href = `/curriculum?slug=${encodeURIComponent(slug)}${versionParam ? `&version=${encodeURIComponent(versionParam)}` : ""}`;
  const over = new Date(session.ends_at) < new Date();
  const vars = { curriculum: title, version };
  replace(curriculumArea,
    h("h2", {}, _("Curriculum")),
    h("p", {},
      over
        ? _("This session taught {curriculum}, version {version}.", vars)
        : _("This session teaches {curriculum}, version {version}.", vars),
      " ", h("a", { href }, _("See this version of the curriculum"))),
    moved ? h("p", { class: "muted" }, _("The curriculum has changed since this version.")) : null);
}

let mine = null; // the caller's active registration for this session

async function loadMine() {
  mine = null;
  if (!account || !account.person_id) return;
  const items = await allItems(`/me/registrations?session_id=${id}`);
  mine = items.find(isActive) || null;
}

async function refreshSession() {
  session = await api("GET", `/catalog/sessions/${id}`);
  renderDetails();
}

function seriesResults(results, titles) {
  return h("ul", {}, results.map((r) => {
    const title = titles.get(r.session_id) || _("Session {id}", { id: r.session_id });
    const what = r.status === "skipped"
      ? _("skipped: {reason}", { reason: r.reason })
      : registrationStatus(r.registration || r);
    return h("li", {}, h("a", { href: `/session?id=${r.session_id}` }, title), `: ${what}`);
  }));
}

async function seriesTitles() {
  const from = new Date(0).toISOString();
  const sessions = await allItems(`/catalog/sessions?series_id=${session.series_id}&from=${encodeURIComponent(from)}`)
    .catch(() => []);
  return new Map(sessions.map((s) => [s.id, s.title]));
}

async function act(form, work) {
  clearErrors(form);
  for (const button of form.querySelectorAll("button")) button.disabled = true;
  try {
    const message = await work();
    await loadMine();
    await refreshSession();
    renderBox();
    replace(result, ...message);
    box.append(result);
    announce(result.textContent);
  } catch (error) {
    for (const button of form.querySelectorAll("button")) button.disabled = false;
    showError(form, error);
  }
}

async function register(form, body) {
  await act(form, async () => {
    const registration = await api("POST", `/sessions/${id}/registrations`, body);
    const message = [h("p", { class: "notice" }, registrationResult(registration))];
    if (registration.expanded && registration.expanded.length) {
      const titles = await seriesTitles();
      const others = registration.expanded.filter((r) => r.person_id === registration.person_id);
      if (others.length) {
        message.push(h("p", {}, _("Also for the other sessions:")), seriesResults(others, titles));
      }
      const team = registration.expanded.length - others.length;
      if (team > 0) {
        message.push(h("p", {}, ngettext("{n} more person of your team was registered.",
          "{n} more people of your team were registered.", team)));
      }
    }
    return message;
  });
}

async function registerSeries(form) {
  await act(form, async () => {
    const answer = await api("POST", `/series/${session.series_id}/registrations`, {});
    const titles = await seriesTitles();
    return [h("p", { class: "notice" }, _("Your places in the series:")), seriesResults(answer.results, titles)];
  });
}

async function cancel(form) {
  await act(form, async () => {
    const cancelled = await api("DELETE", `/registrations/${mine.id}`);
    return [h("p", { class: "notice" }, registrationResult(cancelled))];
  });
}

function signedOutBox() {
  const next = encodeURIComponent(location.pathname + location.search);
  return [h("p", {}, _("Sign in to register for this session.")),
    h("div", { class: "actions" },
      h("a", { class: "button", href: `/sign-in?next=${next}` }, _("Sign in")),
      h("a", { class: "button secondary", href: `/sign-up?next=${next}` }, _("Create an account")))];
}

// The registration window and the cancellation cutoff, by this device's
// clock: the API has the last word, this only spares a refused click.
function closedReason() {
  const now = Date.now();
  if (session.registration_opens_at && Date.parse(session.registration_opens_at) > now) {
    return _("Registration opens {when}.", { when: momentIn(session.registration_opens_at, session.time_zone) });
  }
  if (Date.parse(session.registration_closes_at || session.starts_at) <= now) {
    return _("Registration is closed.");
  }
  return null;
}

function canCancel() {
  return Date.parse(session.cancellation_cutoff || session.starts_at) > Date.now();
}

function registeredBox(form) {
  const text = mine.status === "waitlisted"
    ? _("You are on the waitlist, position {position}.", { position: mine.position })
    : mine.status === "pending-approval"
      ? _("Your registration awaits approval.")
      : _("You are registered for this session.");
  const button = h("button", { type: "button", class: "danger" },
    mine.status === "waitlisted" ? _("Leave the waitlist") : _("Cancel my registration"));
  button.addEventListener("click", () => cancel(form));
  form.append(h("p", { id: "my-status" }, h("strong", {}, text)),
    canCancel()
      ? h("div", { class: "actions" }, button)
      : h("p", { class: "muted" }, _("The time to cancel has passed; the session's coordinators can still do it.")));
}

function openBox(form) {
  const full = session.seats_left === 0;
  const whole = seriesMode === "whole";
  const label = whole
    ? (full ? _("Join the waitlist for the whole course") : _("Register for the whole course"))
    : (full ? _("Join the waitlist") : _("Register"));
  const submit = h("button", { type: "submit" }, label);
  const team = offersTeam
    ? h("div", { class: "field field-checkbox" },
      h("label", { for: "team" }, _("Register my school's whole team (school leaders on a team)")),
      h("input", { type: "checkbox", id: "team", name: "team" }))
    : null;
  form.append(...[
    h("p", {}, full
      ? _("The session is full. Join the waitlist and you get the next free seat, in order.")
      : _("Seats are given in the order people register.")),
    whole ? h("p", { class: "muted" }, _("This is a course: registering registers you for each of its sessions.")) : null,
    team,
    h("div", { class: "actions" }, submit,
      seriesMode === "optional"
        ? h("button", { type: "button", class: "secondary", id: "register-series" },
          _("Register for the whole series"))
        : null)].filter(Boolean));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const body = team && form.elements.team.checked ? { team: true } : {};
    register(form, body);
  });
  const seriesButton = form.querySelector("#register-series");
  if (seriesButton) seriesButton.addEventListener("click", () => registerSeries(form));
}

function renderBox() {
  const form = h("form", { novalidate: true, "aria-labelledby": "registration-title" });
  replace(box, h("h2", { id: "registration-title" }, _("Registration")));
  if (session.state === "cancelled") {
    box.append(h("p", {}, _("This session was cancelled: nobody can register.")));
    return;
  }
  if (!account) {
    box.append(...signedOutBox());
    return;
  }
  if (!account.person_id) {
    box.append(h("p", {}, _("Your account is not a teacher's: coordinators register people from the roster.")));
    return;
  }
  if (mine) registeredBox(form);
  else if (closedReason()) form.append(h("p", {}, closedReason()));
  else openBox(form);
  box.append(form);
}

renderDetails();
try {
  await loadMine();
} catch (error) {
  box.append(h("p", { class: "status error", role: "alert" }, error.message));
}
renderBox();
await renderCurriculum();
