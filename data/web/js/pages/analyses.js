// The analyses this server can run, to pick one, and the runs started in
// this browser, to come back to their results.
import { api } from "/js/api.js";
import { recentRuns } from "/js/analysis-run-view.js";
import { h, replace } from "/js/dom.js";
import { _, formatDateTime } from "/js/i18n.js";
import { startPage, status } from "/js/shell.js";

const { account, main } = await startPage({ title: _("Analyses"), roles: ["lead", "coordinator", "admin"] });
const content = h("div", {});
main.append(content);
status(content, _("Loading…"));

function card(analysis) {
  return h("li", { class: "card" },
    h("h2", {}, h("a", { href: `/analysis?id=${encodeURIComponent(analysis.id)}` }, analysis.name)),
    analysis.description ? h("p", {}, analysis.description) : null);
}

function recent() {
  const runs = recentRuns(account);
  if (runs.length === 0) return null;
  return h("section", { "aria-labelledby": "recent-title" },
    h("h2", { id: "recent-title" }, _("Your recent runs in this browser")),
    h("ul", {}, runs.map((run) => h("li", {},
      h("a", { href: `/analysis-run?id=${run.id}` },
        _("{analysis}, started {date}", { analysis: run.name || run.analysis, date: formatDateTime(run.at) }))))));
}

try {
  const list = await api("GET", "/analyses");
  const floors = list.privacy_floors || {};
  replace(content,
    h("p", {}, _("Pick an analysis, set its parameters, and read its statistics, caveats and chart.")),
    floors.min_students !== undefined
      ? h("p", { class: "muted" }, _("To protect privacy, outcomes resting on fewer than {students} students and survey groups with fewer than {respondents} responses are never shown.",
        { students: floors.min_students, respondents: floors.min_respondents }))
      : null,
    list.items.length
      ? h("ul", { class: "cards" }, list.items.map(card))
      : h("p", { class: "status" }, _("No analyses are installed on this server.")),
    recent());
} catch (error) {
  status(content, error.message, { error: true });
}
