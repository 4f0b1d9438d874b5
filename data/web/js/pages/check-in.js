// Checking in at the door: pick today's session (the teacher's own
// registrations first, then any other session today, for walk-ins) and
// enter the code the facilitator shows.
import { allItems, api } from "/js/api.js";
import { h, param, replace } from "/js/dom.js";
import { field, onSubmit } from "/js/forms.js";
import { _, formatDateTime } from "/js/i18n.js";
import { startPage, status } from "/js/shell.js";
import { dateIn, endOfDay, isActive, today } from "/js/teacher.js";

const { main } = await startPage({ title: _("Check in"), needsPerson: true });
const wanted = Number.parseInt(param("session") || "", 10);

function timeOf(session) {
  return new Intl.DateTimeFormat(document.documentElement.lang, {
    timeStyle: "short", timeZone: session.time_zone,
  }).format(new Date(session.starts_at));
}

// Today in the session's own time zone, which may not be this device's.
function isToday(session) {
  return dateIn(session.starts_at, session.time_zone) === today(session.time_zone);
}

async function todaysSessions() {
  const mine = (await allItems("/me/registrations"))
    .filter((r) => isActive(r) && r.session.state !== "cancelled" && isToday(r.session))
    .map((r) => r.session);
  // From yesterday on this device, so today elsewhere is not missed.
  const day = today();
  const yesterday = new Date(`${day}T00:00:00`);
  yesterday.setDate(yesterday.getDate() - 1);
  let others = [];
  try {
    others = (await allItems(`/catalog/sessions?from=${encodeURIComponent(yesterday.toISOString())}&to=${encodeURIComponent(endOfDay(day))}`))
      .filter((s) => isToday(s) && !mine.some((m) => m.id === s.id));
  } catch {
    others = [];
  }
  return { mine, others };
}

function option(session) {
  return h("option", { value: session.id, selected: session.id === wanted || null },
    `${timeOf(session)} · ${session.title}`);
}

let sessions;
try {
  sessions = await todaysSessions();
} catch (error) {
  status(main, error.message, { error: true });
  throw error;
}

const { mine, others } = sessions;
main.append(h("p", {}, _("At the session, the facilitator shows a check-in code. Choose the session and enter the code to record that you came.")));
if (!mine.length && !others.length) {
  main.append(h("p", { class: "status", role: "status" }, _("There are no sessions today.")),
    h("p", {}, h("a", { href: "/my-sessions" }, _("See my sessions"))));
} else {
  const select = h("select", { id: "field-session", name: "session", required: true },
    mine.length ? h("optgroup", { label: _("My sessions today") }, mine.map(option)) : null,
    others.length ? h("optgroup", { label: _("Other sessions today") }, others.map(option)) : null);
  const result = h("div", { role: "status", "aria-live": "polite" });
  const form = h("form", { novalidate: true, "aria-labelledby": "page-title" },
    h("div", { class: "field" }, h("label", { for: "field-session" }, _("Session")), select),
    field({
      name: "code", label: _("Check-in code"), required: true, autocomplete: "off",
      autocapitalize: "characters", spellcheck: "false", maxlength: 64,
      hint: _("Capitals, spaces and dashes do not matter."),
    }),
    h("div", { class: "actions" }, h("button", { type: "submit" }, _("Check in"))),
    result);
  onSubmit(form, async (data) => {
    const sessionId = Number(data.get("session"));
    const entry = await api("POST", `/sessions/${sessionId}/check-in`, { code: String(data.get("code") || "") });
    const title = [...mine, ...others].find((s) => s.id === sessionId)?.title || "";
    const message = _("You are checked in to {title} ({time}).",
      { title, time: formatDateTime(entry.checked_in_at || new Date().toISOString()) });
    replace(result, h("p", { class: "notice" }, message,
      " ", h("a", { href: "/my-sessions" }, _("See my sessions"))));
    form.elements.code.value = "";
  });
  main.append(form);
}
