// Scheduling a session (?program= preselects its program) or changing one
// (?id=): its program and the series and kind its program type offers,
// times on the wall clock of its own time zone, place, seats, the
// registration window and the facilitators. The API's errors, including
// the program type's own rules, appear under the field they name.
import { allItems, api } from "/js/api.js";
import { announce, h, param, replace } from "/js/dom.js";
import { clearErrors, field, onSubmit, showError } from "/js/forms.js";
import { _ } from "/js/i18n.js";
import { startPage, status } from "/js/shell.js";
import {
  browserTimeZone, fromLocalInput, kindLabel, managedPrograms, programLabel,
  programTypes, stateLabel, timeZones, toLocalInput,
} from "/js/coordinator.js";

const sessionId = param("id");
const { account, main } = await startPage({
  title: sessionId ? _("Edit session") : _("New session"), roles: ["coordinator", "admin"],
});
const area = h("div");
main.append(area);
status(area, _("Loading…"));

let session = null;
let programs;
let types;
let schools;
try {
  [programs, types, schools, session] = await Promise.all([
    managedPrograms(account), programTypes(), allItems("/schools"),
    sessionId ? api("GET", `/sessions/${encodeURIComponent(sessionId)}`) : null]);
} catch (error) {
  status(area, error.message, { error: true });
  await new Promise(() => {});
}
const programsById = new Map(programs.map((p) => [p.id, p]));
if (session && !programsById.has(session.program_id)) {
  status(area, _("Only the coordinators of this session's program may change it."), { error: true });
  await new Promise(() => {});
}
if (programs.length === 0) {
  status(area, _("Your organization does not lead or partner in any program yet."), { error: true });
  await new Promise(() => {});
}

/* ---- the form ---- */

const initialProgram = session ? session.program_id : Number(param("program")) || programs[0].id;
const zone = session ? session.time_zone : browserTimeZone();
const local = (name) => (session ? toLocalInput(session[name], session.time_zone) : "");

const zones = timeZones();
if (!zones.includes(zone)) zones.unshift(zone);

const programField = field({
  name: "program_id", label: _("Program"), kind: "select", value: initialProgram, required: true,
  options: programs.map((p) => ({ value: p.id, label: programLabel(p) })),
});
const typeNote = h("p", { class: "hint", id: "type-note" });
const seriesSlot = h("div");
const kindSlot = h("div");

const facilitators = new Map();
const facilitatorList = h("ul", { class: "people-list", "aria-live": "polite" });
const facilitatorEmail = h("input", {
  type: "email", id: "facilitator-email", name: "facilitator_ids", autocomplete: "off",
  "aria-describedby": "facilitator-email-hint",
});
const addFacilitator = h("button", { type: "button", class: "secondary" }, _("Add facilitator"));

const form = h("form", { novalidate: true, class: "session-form" },
  h("fieldset", {}, h("legend", {}, _("Program and kind")),
    programField, typeNote, seriesSlot, kindSlot),
  h("fieldset", {}, h("legend", {}, _("What")),
    field({ name: "title", label: _("Title"), required: true, value: session?.title, maxlength: 200 }),
    field({ name: "topic", label: _("Topic"), value: session?.topic, maxlength: 200 })),
  h("fieldset", {}, h("legend", {}, _("When")),
    field({
      name: "time_zone", label: _("Time zone"), kind: "select", value: zone, required: true,
      options: zones.map((z) => ({ value: z, label: z })),
      hint: _("The times below are on this time zone's clock."),
    }),
    field({ name: "starts_at", label: _("Starts"), kind: "datetime-local", required: true, value: local("starts_at") }),
    field({ name: "ends_at", label: _("Ends"), kind: "datetime-local", required: true, value: local("ends_at") })),
  h("fieldset", {}, h("legend", {}, _("Where")),
    field({ name: "location", label: _("Place"), value: session?.location, maxlength: 200,
      hint: _("A room, an address or a video link") }),
    field({
      name: "host_school_id", label: _("Host school"), kind: "select", value: session?.host_school_id ?? "",
      options: [{ value: "", label: _("(none)") },
        ...schools.slice().sort((a, b) => a.name.localeCompare(b.name)).map((s) => ({ value: s.id, label: s.name }))],
    })),
  h("fieldset", {}, h("legend", {}, _("Seats and registration")),
    field({ name: "capacity", label: _("Seats"), kind: "number", min: 0, step: 1, inputmode: "numeric",
      value: session?.capacity, hint: _("Leave empty for unlimited seats") }),
    field({ name: "registration_opens_at", label: _("Registration opens"), kind: "datetime-local",
      value: local("registration_opens_at"), hint: _("Leave empty to open it now") }),
    field({ name: "registration_closes_at", label: _("Registration closes"), kind: "datetime-local",
      value: local("registration_closes_at"), hint: _("Leave empty to close it when the session starts") }),
    field({ name: "cancellation_cutoff", label: _("Teachers may cancel until"), kind: "datetime-local",
      value: local("cancellation_cutoff"), hint: _("Leave empty for the start of the session") })),
  h("fieldset", {}, h("legend", {}, _("Facilitators")),
    facilitatorList,
    h("div", { class: "field" },
      h("label", { for: "facilitator-email" }, _("Facilitator's email")),
      facilitatorEmail,
      h("p", { class: "hint", id: "facilitator-email-hint" }, _("Someone already in pdnet"))),
    h("div", { class: "actions" }, addFacilitator)),
  h("div", { class: "actions" },
    h("button", { type: "submit" }, session ? _("Save changes") : _("Create session")),
    h("a", { href: "/schedule" }, _("Back to the schedule"))));

function renderFacilitators() {
  replace(facilitatorList, [...facilitators.values()].map((person) => {
    const remove = h("button", { type: "button", class: "link",
      "aria-label": _("Remove {name}", { name: person.name }) }, _("Remove"));
    remove.addEventListener("click", () => {
      facilitators.delete(person.id);
      renderFacilitators();
      facilitatorEmail.focus();
    });
    return h("li", {}, h("span", {}, person.name), " ", h("span", { class: "muted" }, person.email || ""), " ", remove);
  }));
  if (facilitators.size === 0) facilitatorList.append(h("li", { class: "muted" }, _("No facilitators yet")));
}

addFacilitator.addEventListener("click", async () => {
  clearErrors(form);
  const email = facilitatorEmail.value.trim();
  if (!email) {
    showError(form, { message: _("Enter the facilitator's email"), field: "facilitator_ids" });
    return;
  }
  addFacilitator.disabled = true;
  try {
    const { items } = await api("GET", `/people?email=${encodeURIComponent(email)}`);
    if (items.length === 0) {
      showError(form, { message: _("No one with this email is known to pdnet"), field: "facilitator_ids" });
      return;
    }
    facilitators.set(items[0].id, items[0]);
    facilitatorEmail.value = "";
    renderFacilitators();
    announce(_("{name} added", { name: items[0].name }));
  } catch (error) {
    showError(form, { message: error.message, field: "facilitator_ids" });
  } finally {
    addFacilitator.disabled = false;
  }
});
facilitatorEmail.addEventListener("keydown", (event) => {
  if (event.key === "Enter") {
    event.preventDefault();
    addFacilitator.click();
  }
});

// The series and session kinds the program's type offers.
async function showProgram(programId, { keep = false } = {}) {
  const program = programsById.get(Number(programId));
  const type = types.get(program.type);
  replace(typeNote, type
    ? _("Type: {type}. {description}", { type: type.name, description: type.description })
    : _("This program's type ({type}) is not loaded; its sessions cannot be changed.", { type: program.type }),
  type ? [" ", h("a", { href: `/schedule?program=${program.id}&settings=1` }, _("The program's settings"))] : null);
  const series = await allItems(`/series?program_id=${program.id}`).catch(() => []);
  const seriesValue = keep && session ? session.series_id ?? "" : "";
  replace(seriesSlot, field({
    name: "series_id", label: _("Series"), kind: "select", value: seriesValue,
    options: [{ value: "", label: _("(none)") },
      ...series.map((s) => ({ value: s.id, label: `${s.title} (${kindLabel(s.kind)})` }))],
  }));
  const kinds = type ? type.session_kinds : [];
  const kindValue = keep && session ? session.kind : kinds[0];
  const options = kinds.map((k) => ({ value: k, label: kindLabel(k) }));
  if (kindValue && !kinds.includes(kindValue)) options.push({ value: kindValue, label: kindLabel(kindValue) });
  replace(kindSlot, field({ name: "kind", label: _("Kind of session"), kind: "select", value: kindValue, required: true, options }));
}

programField.querySelector("select").addEventListener("change", (event) => showProgram(event.target.value));

class FieldError extends Error {
  constructor(field, message) {
    super(message);
    this.field = field;
  }
}

function text(data, name) {
  const value = (data.get(name) || "").trim();
  return value === "" ? null : value;
}

function body(data) {
  const timeZone = data.get("time_zone");
  const when = (name) => fromLocalInput(data.get(name), timeZone);
  if (!text(data, "title")) throw new FieldError("title", _("Give the session a title"));
  if (!when("starts_at")) throw new FieldError("starts_at", _("Enter the date and time the session starts"));
  if (!when("ends_at")) throw new FieldError("ends_at", _("Enter the date and time the session ends"));
  const capacity = text(data, "capacity");
  return {
    program_id: Number(data.get("program_id")),
    series_id: data.get("series_id") ? Number(data.get("series_id")) : null,
    kind: data.get("kind"),
    title: text(data, "title"),
    topic: text(data, "topic"),
    time_zone: timeZone,
    starts_at: when("starts_at"),
    ends_at: when("ends_at"),
    location: text(data, "location"),
    host_school_id: data.get("host_school_id") ? Number(data.get("host_school_id")) : null,
    capacity: capacity === null ? null : Number(capacity),
    registration_opens_at: when("registration_opens_at"),
    registration_closes_at: when("registration_closes_at"),
    cancellation_cutoff: when("cancellation_cutoff"),
    facilitator_ids: [...facilitators.keys()],
  };
}

const notice = h("div", { "aria-live": "polite" });

onSubmit(form, async (data) => {
  replace(notice);
  const request = body(data);
  if (!session) {
    const created = await api("POST", "/sessions", request);
    location.href = `/session-edit?id=${created.id}&created=1`;
    return;
  }
  session = await api("PATCH", `/sessions/${session.id}`, request);
  renderSummary();
  replace(notice, h("p", { class: "notice" }, _("Changes saved")));
  announce(_("Changes saved"));
});

/* ---- an existing session: its code, roster and state ---- */

const summary = h("div", { class: "card session-summary" });

function renderSummary() {
  if (!session) return;
  const cancelled = session.state === "cancelled";
  const toggle = h("button", { type: "button", class: cancelled ? "secondary" : "secondary danger-outline" },
    cancelled ? _("Schedule it again") : _("Cancel session"));
  toggle.addEventListener("click", async () => {
    if (!cancelled && !confirm(_("Cancel “{title}”? Everyone registered is told.", { title: session.title }))) return;
    toggle.disabled = true;
    try {
      session = await api("PATCH", `/sessions/${session.id}`, { state: cancelled ? "scheduled" : "cancelled" });
      renderSummary();
      announce(session.state === "cancelled" ? _("Session cancelled") : _("Session scheduled again"));
    } catch (error) {
      toggle.disabled = false;
      toggle.after(h("p", { class: "field-error", role: "alert" }, error.message));
    }
  });
  replace(summary,
    h("p", {}, h("strong", {}, _("State: ")), h("span", { class: cancelled ? "badge badge-cancelled" : "badge" }, stateLabel(session.state))),
    session.check_in_code
      ? h("p", {}, h("strong", {}, _("Check-in code: ")), h("span", { class: "code" }, session.check_in_code))
      : null,
    h("div", { class: "actions" },
      h("a", { class: "button", href: `/roster?session=${session.id}` }, _("Roster")),
      toggle));
}

replace(area);
if (param("created")) area.append(h("p", { class: "notice", role: "status" }, _("Session created")));
if (session) {
  renderSummary();
  area.append(summary);
  for (const id of session.facilitator_ids) {
    const person = await api("GET", `/people/${id}`).catch(() => ({ id, name: _("Person {id}", { id }), email: "" }));
    facilitators.set(id, person);
  }
}
renderFacilitators();
await showProgram(initialProgram, { keep: true });
area.append(notice, form);
