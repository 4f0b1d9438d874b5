// The teacher's transcript: credits earned in each program, as its type
// computes them, with the totals.
import { api } from "/js/api.js";
import { h } from "/js/dom.js";
import { _, formatNumber } from "/js/i18n.js";
import { startPage, status } from "/js/shell.js";

const { main } = await startPage({ title: _("Transcript"), needsPerson: true });
const area = h("div");
main.append(h("p", {}, _("The professional development you completed, program by program. Each program's type decides what completing it takes.")), area);

function completedText(program) {
  if (!program.available) return _("Unknown: this program's type is not installed");
  if (program.completed === true) return _("Completed");
  if (program.completed === false) return _("Not yet");
  return "—";
}

function number(value) {
  return value === undefined || value === null ? "—" : formatNumber(value, 2);
}

// A cell that also says its column's name when the table is stacked on a
// phone (the CSS shows data-label).
function cell(label, content, className) {
  return h("td", { "data-label": label, class: className || null }, content);
}

try {
  const [transcript, plugins] = await Promise.all([
    api("GET", "/me/transcript"),
    api("GET", "/plugins").catch(() => ({ items: [] })),
  ]);
  const typeNames = new Map(plugins.items.filter((p) => p.program_type)
    .map((p) => [p.program_type.id, p.program_type.name]));
  if (!transcript.programs.length) {
    status(area, _("No credits yet: attend sessions and they appear here."));
  } else {
    const labels = {
      program: _("Program"), year: _("School year"), type: _("Type"), completed: _("Completed"),
      hours: _("Hours"), credits: _("Graduate credits"), detail: _("Details"),
    };
    const rows = transcript.programs
      .slice()
      .sort((a, b) => b.school_year.localeCompare(a.school_year) || a.name.localeCompare(b.name))
      .map((p) => h("tr", {},
        h("th", { scope: "row", "data-label": labels.program }, p.name),
        cell(labels.year, p.school_year),
        cell(labels.type, typeNames.get(p.type) || p.type),
        cell(labels.completed, completedText(p)),
        cell(labels.hours, number(p.hours), "number"),
        cell(labels.credits, number(p.graduate_credits), "number"),
        cell(labels.detail, p.detail || "")));
    const totals = transcript.totals || {};
    area.append(h("div", { class: "table-wrap" },
      h("table", { class: "transcript" },
        h("caption", { class: "visually-hidden" }, _("Credits by program")),
        h("thead", {}, h("tr", {},
          h("th", { scope: "col" }, labels.program),
          h("th", { scope: "col" }, labels.year),
          h("th", { scope: "col" }, labels.type),
          h("th", { scope: "col" }, labels.completed),
          h("th", { scope: "col", class: "number" }, labels.hours),
          h("th", { scope: "col", class: "number" }, labels.credits),
          h("th", { scope: "col" }, labels.detail))),
        h("tbody", {}, rows),
        h("tfoot", {}, h("tr", {},
          h("th", { scope: "row", colspan: 3, "data-label": _("Total") }, _("Total")),
          cell(_("Programs completed"), String(totals.programs_completed ?? 0)),
          cell(labels.hours, number(totals.hours), "number"),
          cell(labels.credits, number(totals.graduate_credits), "number"),
          cell(labels.detail, ""))))));
    area.append(h("p", { class: "muted" }, _("Hours and credits count completed programs only.")));
  }
} catch (error) {
  status(area, error.message, { error: true });
}
