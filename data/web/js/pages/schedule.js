// The coordinator's schedule: the sessions of the programs it may manage,
// filtered by program, time and state, each with its form, its roster and
// a way to cancel it; and the settings the program's type owns, as a form
// generated from the type's schema.
import { allItems, api } from "/js/api.js";
import { announce, h, param, replace } from "/js/dom.js";
import { field, onSubmit } from "/js/forms.js";
import { _, ngettext } from "/js/i18n.js";
import { placeSchemaError, readSchemaFields, schemaFields } from "/js/schema-form.js";
import { startPage, status } from "/js/shell.js";
import {
  kindLabel, managedPrograms, meta, programLabel, programTypes, sessionWhen, stateLabel,
} from "/js/coordinator.js";

const { account, main } = await startPage({ title: _("Schedule"), roles: ["coordinator", "admin"] });

const [programs, types] = await Promise.all([managedPrograms(account), programTypes()])
  .catch((error) => {
    status(main.appendChild(h("div")), error.message, { error: true });
    return new Promise(() => {});
  });
const programsById = new Map(programs.map((p) => [p.id, p]));
const seriesById = new Map();

const when = [
  { value: "upcoming", label: _("Upcoming") },
  { value: "past", label: _("Past") },
  { value: "all", label: _("All dates") },
];
const states = [
  { value: "", label: _("Any state") },
  { value: "scheduled", label: _("Scheduled") },
  { value: "cancelled", label: _("Cancelled") },
];

function select(name, label, options, value) {
  return field({ name, label, kind: "select", options, value, id: `filter-${name}` });
}

const filters = h("form", { class: "filters", role: "search", "aria-label": _("Filter sessions") },
  select("program", _("Program"), [{ value: "", label: _("All my programs") },
    ...programs.map((p) => ({ value: p.id, label: programLabel(p) }))], param("program") || ""),
  select("when", _("When"), when, param("when") || "upcoming"),
  select("state", _("State"), states, param("state") || ""));
const newLink = h("a", { class: "button", href: "/session-edit" }, _("New session"));
const settingsArea = h("div", { class: "program-settings" });
const list = h("div", { id: "sessions", "aria-live": "polite" });
if (programs.length === 0) {
  main.append(h("p", { class: "status" }, _("Your organization does not lead or partner in any program yet.")));
}
main.append(filters, h("div", { class: "actions" }, newLink), settingsArea,
  h("h2", { id: "sessions-title" }, _("Sessions")), list);

function chosen() {
  const data = new FormData(filters);
  return { program: data.get("program"), when: data.get("when"), state: data.get("state") };
}

async function loadSessions({ program, when: range, state }) {
  const query = new URLSearchParams();
  if (program) query.set("program_id", program);
  if (state) query.set("state", state);
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
  // Upcoming includes sessions under way: started at most a day ago.
  const dayAgo = new Date(Date.now() - 86400000).toISOString().replace(/\.\d{3}Z$/, "Z");
  if (range === "upcoming") query.set("from", dayAgo);
  if (range === "past") query.set("to", now);
  const sessions = await allItems(`/sessions?${query}`);
  const shown = sessions.filter((s) => programsById.has(s.program_id));
  return range === "past" ? shown.reverse() : shown;
}

async function loadSeries(programIds) {
  const missing = programIds.filter((id) => ![...seriesById.values()].some((s) => s.program_id === id));
  await Promise.all(missing.map(async (id) => {
    for (const series of await allItems(`/series?program_id=${id}`)) seriesById.set(series.id, series);
  }));
}

async function cancelSession(session, button) {
  if (!confirm(_("Cancel “{title}”? Everyone registered is told.", { title: session.title }))) return;
  button.disabled = true;
  try {
    await api("PATCH", `/sessions/${session.id}`, { state: "cancelled" });
    announce(_("Session cancelled"));
    await refresh();
  } catch (error) {
    button.disabled = false;
    button.after(h("p", { class: "field-error", role: "alert" }, error.message));
  }
}

function sessionCard(session) {
  const program = programsById.get(session.program_id);
  const series = seriesById.get(session.series_id);
  const cancelled = session.state === "cancelled";
  const cancel = cancelled ? null
    : h("button", { type: "button", class: "secondary danger-outline" }, _("Cancel session"));
  if (cancel) cancel.addEventListener("click", () => cancelSession(session, cancel));
  const titleId = `session-${session.id}-title`;
  return h("li", { class: cancelled ? "card session-card cancelled" : "card session-card", "aria-labelledby": titleId },
    h("h3", { id: titleId }, session.title,
      cancelled ? h("span", { class: "badge badge-cancelled" }, stateLabel(session.state)) : null),
    h("p", { class: "when" }, sessionWhen(session)),
    meta([programLabel(program), series ? series.title : null, kindLabel(session.kind)].filter(Boolean).join(" · ")),
    meta([session.location,
      session.capacity == null ? _("Unlimited seats")
        : ngettext("{n} seat", "{n} seats", session.capacity)].filter(Boolean).join(" · ")),
    h("div", { class: "actions" },
      h("a", { class: "button", href: `/roster?session=${session.id}`,
        "aria-label": _("Roster: {title}", { title: session.title }) }, _("Roster")),
      h("a", { class: "button secondary", href: `/session-edit?id=${session.id}`,
        "aria-label": _("Edit: {title}", { title: session.title }) }, _("Edit")),
      cancel));
}

/* ---- the program type's own settings ---- */

function settingsForm(program) {
  const type = types.get(program.type);
  if (!type || !type.settings_schema || !type.settings_schema.properties) return null;
  const schema = type.settings_schema;
  const notice = h("div", { "aria-live": "polite" });
  const form = h("form", { novalidate: true, "aria-labelledby": "settings-title" },
    h("p", { class: "hint" }, _("These settings belong to the program's type, {type}, and apply to all its sessions.", { type: type.name })),
    schemaFields(schema, program.settings || {}),
    h("div", { class: "actions" }, h("button", { type: "submit" }, _("Save settings"))),
    notice);
  onSubmit(form, async () => {
    replace(notice);
    const settings = readSchemaFields(form, schema, program.settings || {});
    try {
      const saved = await api("PATCH", `/programs/${program.id}`, { settings });
      program.settings = saved.settings;
      programsById.set(program.id, saved);
    } catch (error) {
      throw placeSchemaError(error, schema);
    }
    replace(notice, h("p", { class: "notice" }, _("Settings saved")));
    announce(_("Settings saved"));
  });
  return h("details", { class: "card", open: param("settings") === "1" || null },
    h("summary", { id: "settings-title" },
      _("Settings of {program}", { program: programLabel(program) })),
    form);
}

let generation = 0;
async function refresh() {
  const choice = chosen();
  const mine = ++generation;
  const query = new URLSearchParams(Object.entries(choice).filter(([, v]) => v));
  history.replaceState(null, "", query.toString() ? `?${query}` : location.pathname);
  newLink.href = choice.program ? `/session-edit?program=${choice.program}` : "/session-edit";
  const program = choice.program ? programsById.get(Number(choice.program)) : null;
  replace(settingsArea, program ? settingsForm(program) : null);
  status(list, _("Loading sessions…"));
  try {
    const sessions = await loadSessions(choice);
    await loadSeries([...new Set(sessions.map((s) => s.program_id))]);
    if (mine !== generation) return;
    if (sessions.length === 0) {
      status(list, _("No sessions match these filters."));
      return;
    }
    replace(list,
      h("p", { class: "status", role: "status" }, ngettext("{n} session", "{n} sessions", sessions.length)),
      h("ul", { class: "session-list", "aria-labelledby": "sessions-title" }, sessions.map(sessionCard)));
  } catch (error) {
    if (mine === generation) status(list, error.message, { error: true });
  }
}

filters.addEventListener("change", refresh);
filters.addEventListener("submit", (event) => event.preventDefault());
await refresh();
