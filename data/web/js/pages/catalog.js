// The session catalog: upcoming sessions, filtered by program, topic,
// dates and place; each links to its session page with the seats left.
import { allItems, api } from "/js/api.js";
import { h, replace } from "/js/dom.js";
import { field, showError, clearErrors } from "/js/forms.js";
import { _, ngettext } from "/js/i18n.js";
import { startPage, status } from "/js/shell.js";
import { endOfDay, seatsBadge, sessionWhere, startOfDay, whenElement } from "/js/teacher.js";

const { main } = await startPage({ title: _("Sessions") });
const query = new URLSearchParams(location.search);
const list = h("div", { id: "results" });
const count = h("p", { class: "muted", id: "result-count", role: "status" });

// Programs and topics come from the series catalog (public, small).
let series = [];
try {
  series = await allItems("/catalog/series");
} catch {
  series = [];
}
const programs = new Map();
for (const s of series) {
  if (!programs.has(s.program_id)) programs.set(s.program_id, s);
}
const programOptions = [{ value: "", label: _("All programs") }].concat(
  [...programs.values()]
    .sort((a, b) => b.school_year.localeCompare(a.school_year) || a.program_name.localeCompare(b.program_name))
    .map((s) => ({ value: s.program_id, label: `${s.program_name} (${s.school_year})` })));
const topics = [...new Set(series.map((s) => s.topic).filter(Boolean))].sort();

const form = h("form", { class: "filters", role: "search", "aria-label": _("Filter sessions"), novalidate: true },
  field({ name: "program_id", label: _("Program"), kind: "select", options: programOptions, value: query.get("program_id") || "" }),
  field({ name: "topic", label: _("Topic"), kind: "search", value: query.get("topic") || "", list: "topics",
    autocomplete: "off" }),
  h("datalist", { id: "topics" }, topics.map((t) => h("option", { value: t }))),
  field({ name: "from", label: _("From"), kind: "date", value: query.get("from") || "" }),
  field({ name: "to", label: _("Until"), kind: "date", value: query.get("to") || "" }),
  field({ name: "place", label: _("Place"), kind: "search", value: query.get("place") || "",
    hint: _("A room, a school or a city"), autocomplete: "off" }),
  h("div", { class: "actions" },
    h("button", { type: "submit" }, _("Show sessions")),
    h("button", { type: "reset", class: "secondary" }, _("Clear"))));

function filtersFromForm() {
  const data = new FormData(form);
  const filters = {};
  for (const name of ["program_id", "topic", "from", "to", "place"]) {
    const value = String(data.get(name) || "").trim();
    if (value) filters[name] = value;
  }
  return filters;
}

function apiPath(filters, cursor) {
  const params = new URLSearchParams();
  if (filters.program_id) params.set("program_id", filters.program_id);
  if (filters.topic) params.set("topic", filters.topic);
  if (filters.place) params.set("place", filters.place);
  if (filters.from) params.set("from", startOfDay(filters.from));
  if (filters.to) params.set("to", endOfDay(filters.to));
  params.set("limit", "50");
  if (cursor) params.set("cursor", cursor);
  return `/catalog/sessions?${params}`;
}

function sessionItem(session) {
  return h("li", { class: "card session-card" },
    h("h2", {}, h("a", { href: `/session?id=${session.id}` }, session.title)),
    h("p", { class: "muted" }, [session.program_name, session.series_title].filter(Boolean).join(" · ")),
    h("dl", { class: "facts" },
      h("dt", {}, _("When")), h("dd", {}, whenElement(session)),
      h("dt", {}, _("Where")), h("dd", {}, sessionWhere(session)),
      session.topic ? [h("dt", {}, _("Topic")), h("dd", {}, session.topic)] : null,
      h("dt", {}, _("Seats")), h("dd", {}, seatsBadge(session))));
}

let shown = 0;

async function load(filters, cursor = null) {
  const items = cursor ? list.querySelector("ul") : h("ul", { class: "session-list" });
  if (!cursor) {
    shown = 0;
    status(list, _("Loading sessions…"));
  }
  const page = await api("GET", apiPath(filters, cursor));
  if (!cursor) replace(list, items);
  list.querySelector(".more")?.remove();
  items.append(...page.items.map(sessionItem));
  shown += page.items.length;
  if (shown === 0) {
    replace(list, h("p", { class: "status" }, _("No sessions match these filters.")));
  }
  count.textContent = page.next_cursor
    ? ngettext("Showing the first {n} session", "Showing the first {n} sessions", shown)
    : ngettext("{n} session", "{n} sessions", shown);
  if (page.next_cursor) {
    const more = h("button", { type: "button", class: "secondary more" }, _("Show more sessions"));
    more.addEventListener("click", async () => {
      more.disabled = true;
      await load(filters, page.next_cursor).catch((error) => {
        more.disabled = false;
        showError(form, error);
      });
    });
    list.append(h("div", { class: "actions more" }, more));
  }
}

async function apply() {
  const filters = filtersFromForm();
  const params = new URLSearchParams(filters);
  history.replaceState(null, "", params.toString() ? `/?${params}` : "/");
  clearErrors(form);
  try {
    await load(filters);
  } catch (error) {
    // A bad date or too long words are the API's to say, next to the field.
    if (["program_id", "from", "to", "topic", "place"].includes(error.field)) {
      showError(form, error);
      replace(list);
      count.textContent = "";
    } else {
      status(list, error.message, { error: true });
    }
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  apply();
});
form.addEventListener("reset", () => {
  // After the browser has reset the fields, to the defaults of a fresh page.
  setTimeout(() => {
    for (const input of form.querySelectorAll("input")) input.value = "";
    form.querySelector("select").value = "";
    apply();
  });
});

main.append(
  h("p", {}, _("Professional development sessions open to teachers of every school. Choose one to see its details and register.")),
  form, count, list);
await apply();
