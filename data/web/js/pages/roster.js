// The roster of one session (?session=) for taking attendance at the door
// on a tablet: one large Present / Absent pair per person, saved as soon as
// it is tapped (PUT .../attendance with just that person, which leaves
// everyone else alone), walk-ins added by email and name, and the
// session's check-in code for teachers who check themselves in.
import { allItems, api } from "/js/api.js";
import { announce, h, param, replace } from "/js/dom.js";
import { clearErrors, field, onSubmit } from "/js/forms.js";
import { _, formatDateTime, ngettext } from "/js/i18n.js";
import { startPage, status } from "/js/shell.js";
import { sessionWhen } from "/js/coordinator.js";

const sessionId = Number(param("session"));
const { main } = await startPage({ title: _("Roster"), roles: ["coordinator", "admin"] });
const area = h("div");
main.append(area);
if (!sessionId) {
  status(area, _("No session was named. Open a roster from the schedule."), { error: true });
  await new Promise(() => {});
}
status(area, _("Loading the roster…"));

let session;
let roster;
let waitlisted;
try {
  [session, roster, waitlisted] = await Promise.all([
    api("GET", `/sessions/${sessionId}`),
    api("GET", `/sessions/${sessionId}/attendance`),
    allItems(`/sessions/${sessionId}/registrations?status=waitlisted`)]);
} catch (error) {
  status(area, error.message, { error: true });
  await new Promise(() => {});
}
const positions = new Map(waitlisted.map((r) => [r.person_id, r.position]));
const cancelled = session.state === "cancelled";

const heading = document.getElementById("page-title");
heading.textContent = _("Roster: {title}", { title: session.title });
document.title = `${heading.textContent} · pdnet`;

/* ---- saving: one request at a time, in the order tapped ---- */

let queue = Promise.resolve();
let pending = 0;
const saving = h("p", { class: "saving", role: "status" });

function showSaving(failed) {
  if (pending > 0) replace(saving, _("Saving…"));
  else if (failed) replace(saving, h("span", { class: "error" }, _("Some changes were not saved")));
  else replace(saving, _("All changes saved"));
}

function save(entries) {
  pending += 1;
  showSaving();
  const run = queue.then(() => api("PUT", `/sessions/${sessionId}/attendance`, entries));
  queue = run.then(() => {}, () => {});
  return run.then((answer) => {
    pending -= 1;
    showSaving(false);
    applyRoster(answer);
    return answer;
  }, (error) => {
    pending -= 1;
    showSaving(true);
    throw error;
  });
}

/* ---- the rows ---- */

const rows = new Map();
const list = h("ul", { class: "roster", "aria-labelledby": "people-title" });
const counts = h("p", { class: "counts" });

function badgeFor(entry) {
  if (entry.registration_status === "registered") return h("span", { class: "badge" }, _("Registered"));
  if (entry.registration_status === "waitlisted") {
    const position = positions.get(entry.person_id);
    return h("span", { class: "badge badge-wait" },
      position ? _("Waitlist #{n}", { n: position }) : _("Waitlisted"));
  }
  if (entry.registration_status === "pending-approval") return h("span", { class: "badge badge-wait" }, _("Awaiting approval"));
  return h("span", { class: "badge badge-walk-in" }, _("Walk-in"));
}

function detailFor(entry) {
  const parts = [];
  if (entry.status === "partial") {
    parts.push(ngettext("Partly present: {n} minute", "Partly present: {n} minutes", entry.minutes ?? 0));
  }
  if (entry.checked_in_at) {
    parts.push(_("Checked in {time}", { time: formatDateTime(entry.checked_in_at, session.time_zone) }));
  }
  return parts.join(" · ");
}

function paint(row) {
  const { entry, present, absent, badge, detail } = row;
  const shown = row.pending || entry.status;
  present.setAttribute("aria-pressed", String(shown === "present"));
  absent.setAttribute("aria-pressed", String(shown === "absent"));
  row.element.dataset.status = shown || "none";
  replace(badge, badgeFor(entry));
  replace(detail, detailFor(entry));
}

async function mark(row, wanted) {
  if (cancelled || row.pending === wanted || (!row.pending && row.entry.status === wanted)) return;
  row.pending = wanted;
  paint(row);
  replace(row.note, h("span", { class: "muted" }, _("Saving…")));
  try {
    await save([{ person_id: row.entry.person_id, status: wanted }]);
    row.pending = null;
    paint(row);
    replace(row.note, h("span", { class: "saved" }, wanted === "present" ? _("Saved: present") : _("Saved: absent")));
  } catch (error) {
    row.pending = null;
    paint(row);
    replace(row.note, h("span", { class: "field-error", role: "alert" }, error.message));
  }
}

function makeRow(entry) {
  const nameId = `person-${entry.person_id}-name`;
  const present = h("button", { type: "button", class: "mark mark-present", disabled: cancelled || null }, _("Present"));
  const absent = h("button", { type: "button", class: "mark mark-absent", disabled: cancelled || null }, _("Absent"));
  const badge = h("span", { class: "badges" });
  const detail = h("span", { class: "detail" });
  const note = h("p", { class: "row-note" });
  const element = h("li", { class: "roster-row", dataset: { person: entry.person_id } },
    h("div", { class: "who" },
      h("span", { class: "name", id: nameId }, entry.name),
      h("span", { class: "email" }, entry.email), badge, detail),
    h("div", { class: "toggle", role: "group", "aria-labelledby": nameId }, present, absent),
    note);
  const row = { entry, element, present, absent, badge, detail, note, pending: null };
  present.addEventListener("click", () => mark(row, "present"));
  absent.addEventListener("click", () => mark(row, "absent"));
  paint(row);
  return row;
}

function upsert(entry) {
  const row = rows.get(entry.person_id);
  if (row) {
    row.entry = entry;
    paint(row);
    return row;
  }
  const made = makeRow(entry);
  rows.set(entry.person_id, made);
  for (const empty of list.querySelectorAll(".empty")) empty.remove();
  const after = [...list.children].find((li) =>
    rows.get(Number(li.dataset.person))?.entry.name.localeCompare(entry.name) > 0);
  list.insertBefore(made.element, after || null);
  filterRows();
  return made;
}

function applyRoster(answer) {
  roster = answer;
  for (const entry of answer.entries) upsert(entry);
  const by = (status) => answer.entries.filter((e) => e.status === status).length;
  const present = by("present") + by("partial");
  replace(counts,
    ngettext("{n} person on the roster", "{n} people on the roster", answer.entries.length), " · ",
    _("{n} present", { n: present }), " · ", _("{n} absent", { n: by("absent") }), " · ",
    _("{n} not marked", { n: answer.entries.filter((e) => !e.status).length }));
}

/* ---- finding someone in a long list ---- */

const search = h("input", { type: "search", id: "roster-search", autocomplete: "off" });
function filterRows() {
  const wanted = search.value.trim().toLocaleLowerCase();
  for (const row of rows.values()) {
    const text = `${row.entry.name} ${row.entry.email}`.toLocaleLowerCase();
    row.element.hidden = wanted !== "" && !text.includes(wanted);
  }
}
search.addEventListener("input", filterRows);

const refresh = h("button", { type: "button", class: "secondary" }, _("Refresh"));
refresh.addEventListener("click", async () => {
  refresh.disabled = true;
  try {
    applyRoster(await api("GET", `/sessions/${sessionId}/attendance`));
    announce(_("Roster refreshed"));
  } catch (error) {
    replace(saving, h("span", { class: "error" }, error.message));
  } finally {
    refresh.disabled = false;
  }
});

/* ---- walk-ins ---- */

let known = null;
const walkIn = h("form", { novalidate: true, class: "walk-in", "aria-labelledby": "walk-in-title" },
  field({ name: "email", label: _("Email"), kind: "email", required: true, autocomplete: "off",
    "data-field": "[0].email", hint: _("Someone already in pdnet is found by email.") }),
  field({ name: "name", label: _("Name"), required: true, autocomplete: "off", "data-field": "[0].name" }),
  h("p", { class: "found", "aria-live": "polite" }),
  h("div", { class: "actions" }, h("button", { type: "submit", disabled: cancelled || null }, _("Add as present"))));
const emailInput = walkIn.querySelector("[name=email]");
const nameInput = walkIn.querySelector("[name=name]");
const found = walkIn.querySelector(".found");

async function lookUp() {
  const email = emailInput.value.trim();
  known = null;
  replace(found);
  if (!email.includes("@")) return;
  try {
    const { items } = await api("GET", `/people?email=${encodeURIComponent(email)}`);
    if (items.length && emailInput.value.trim() === email) {
      known = items[0];
      if (!nameInput.value.trim()) nameInput.value = known.name;
      replace(found, _("Found in pdnet: {name}", { name: known.name }));
    }
  } catch {
    /* Not finding someone is fine: the API takes a new person by name. */
  }
}
emailInput.addEventListener("change", lookUp);

onSubmit(walkIn, async (data) => {
  const email = data.get("email").trim();
  const name = data.get("name").trim();
  if (!email) throw Object.assign(new Error(_("Enter the person's email")), { field: "[0].email" });
  if (known && known.email.toLocaleLowerCase() !== email.toLocaleLowerCase()) known = null;
  if (!known && !name) throw Object.assign(new Error(_("Enter the person's name")), { field: "[0].name" });
  const entry = known ? { person_id: known.id, status: "present" } : { name, email, status: "present" };
  const answer = await save([entry]).catch((error) => {
    if (error.field === "[0].person_id" || error.field === "[0]") error.field = "[0].email";
    throw error;
  });
  const added = answer.entries.find((e) => (known ? e.person_id === known.id
    : e.email.toLocaleLowerCase() === email.toLocaleLowerCase()));
  walkIn.reset();
  known = null;
  replace(found);
  clearErrors(walkIn);
  const label = added ? added.name : name;
  replace(found, _("{name} was added as present.", { name: label }));
  emailInput.focus();
});

/* ---- the page ---- */

const startsIn = Date.parse(session.starts_at) - Date.now();
replace(area,
  h("p", { class: "when" }, sessionWhen(session)),
  session.location ? h("p", { class: "meta" }, session.location) : null,
  cancelled
    ? h("p", { class: "form-error", role: "alert" }, _("This session is cancelled; attendance cannot be recorded."))
    : null,
  !cancelled && startsIn > 30 * 60000
    ? h("p", { class: "hint" }, _("This session has not started yet."))
    : null,
  session.check_in_code
    ? h("div", { class: "check-in-code card" },
      h("p", {}, _("Check-in code")),
      h("p", { class: "code code-large" }, session.check_in_code),
      h("p", { class: "hint" }, _("Teachers can check themselves in with this code from 30 minutes before the start until the end.")))
    : null,
  h("h2", { id: "people-title" }, _("People")),
  counts,
  h("div", { class: "roster-tools" },
    h("div", { class: "field" }, h("label", { for: "roster-search" }, _("Find a person")), search),
    h("div", { class: "actions" }, refresh)),
  saving,
  list,
  h("h2", { id: "walk-in-title" }, _("Add a walk-in")),
  walkIn,
  h("p", {}, h("a", { href: `/session-edit?id=${session.id}` }, _("Edit this session")), " · ",
    h("a", { href: "/schedule" }, _("Back to the schedule"))));
applyRoster(roster);
if (roster.entries.length === 0) list.append(h("li", { class: "muted empty" }, _("No one has registered yet.")));
