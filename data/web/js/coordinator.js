// What the coordinator pages (schedule, session form, roster, dashboard)
// share: the programs an account may manage, the program types, times in a
// session's own time zone and the words for the values the API sends.
import { allItems, api } from "/js/api.js";
import { h } from "/js/dom.js";
import { _, formatDateTime } from "/js/i18n.js";

// Admins manage every program; a coordinator those its organization leads
// or partners in (the API's rule for editing a program).
export function canManage(account, program) {
  if (account.role === "admin") return true;
  const org = account.organization_id;
  return account.role === "coordinator" && org != null
    && (program.lead_organization_id === org || (program.partner_organization_ids || []).includes(org));
}

// The programs @account may manage, newest school year first.
export async function managedPrograms(account) {
  const programs = await allItems("/programs");
  return programs.filter((p) => canManage(account, p)).sort((a, b) =>
    b.school_year.localeCompare(a.school_year) || a.name.localeCompare(b.name) || a.id - b.id);
}

export function programLabel(program) {
  return _("{name} ({year})", { name: program.name, year: program.school_year });
}

// The program types of the loaded plugins, by id ({settings_schema,
// series_kinds, session_kinds, ...}).
export async function programTypes() {
  const { items } = await api("GET", "/plugins");
  const types = new Map();
  for (const plugin of items) {
    if (plugin.program_type) types.set(plugin.program_type.id, plugin.program_type);
  }
  return types;
}

// Words for the kinds of the program types pdnet ships; another type's
// kinds show as they are.
export function kindLabel(kind) {
  const labels = {
    "workshop": _("Workshop"),
    "workshop-series": _("Workshop series"),
    "course": _("Course"),
    "course-session": _("Course session"),
    "cohort": _("Cohort"),
    "coaching": _("Coaching"),
    "coaching-call": _("Coaching call"),
    "summer-training": _("Summer training"),
    "regional-convening": _("Regional convening"),
  };
  return labels[kind] || kind;
}

export function sectorLabel(sector) {
  const labels = { district: _("District"), charter: _("Charter"), catholic: _("Catholic") };
  return labels[sector] || sector;
}

export function stateLabel(state) {
  return state === "cancelled" ? _("Cancelled") : _("Scheduled");
}

/* ---- times in a named time zone ---- */

function partsIn(epochMs, timeZone) {
  const format = new Intl.DateTimeFormat("en-US", {
    timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit",
    hour: "2-digit", minute: "2-digit", second: "2-digit",
  });
  const parts = {};
  for (const part of format.formatToParts(new Date(epochMs))) parts[part.type] = part.value;
  return parts;
}

// How far @timeZone's wall clock is ahead of UTC at @epochMs.
function offsetAt(epochMs, timeZone) {
  const p = partsIn(epochMs, timeZone);
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day),
    Number(p.hour), Number(p.minute), Number(p.second));
  return wall - Math.floor(epochMs / 1000) * 1000;
}

// "2026-12-05T09:00" (a datetime-local value) for an instant, on the
// wall clock of @timeZone.
export function toLocalInput(iso, timeZone) {
  if (!iso) return "";
  const p = partsIn(Date.parse(iso), timeZone);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

// The instant (RFC 3339, UTC) at which @timeZone's wall clock shows the
// datetime-local @value; null for an empty value.
export function fromLocalInput(value, timeZone) {
  const found = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value || "");
  if (!found) return null;
  const [, y, mo, d, hh, mi] = found.map(Number);
  const wall = Date.UTC(y, mo - 1, d, hh, mi);
  let instant = wall - offsetAt(wall, timeZone);
  instant = wall - offsetAt(instant, timeZone);
  return new Date(instant).toISOString().replace(/\.\d{3}Z$/, "Z");
}

export function browserTimeZone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

export function timeZones() {
  return typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
}

// "5 Dec 2026, 9:00 – 12:00 (America/Chicago)".
export function sessionWhen(session) {
  const start = formatDateTime(session.starts_at, session.time_zone);
  const end = new Intl.DateTimeFormat(document.documentElement.lang || "en",
    { timeStyle: "short", timeZone: session.time_zone }).format(new Date(session.ends_at));
  return _("{start} – {end} ({zone})", { start, end, zone: session.time_zone });
}

// A short line of muted text, or nothing.
export function meta(text) {
  return text ? h("p", { class: "meta" }, text) : null;
}
