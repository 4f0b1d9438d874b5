// Participation by school for a school year or one program: a table by
// school, a bar chart by sector (inline SVG with a table beside it as its
// text alternative) and the same report as a CSV file.
import { api } from "/js/api.js";
import { h, param, replace } from "/js/dom.js";
import { field } from "/js/forms.js";
import { _, formatNumber, formatPercent } from "/js/i18n.js";
import { startPage, status } from "/js/shell.js";
import { managedPrograms, programLabel, sectorLabel } from "/js/coordinator.js";

const { account, main } = await startPage({ title: _("Participation dashboard"), roles: ["coordinator", "admin"] });

let programs;
try {
  programs = await managedPrograms(account);
} catch (error) {
  status(main.appendChild(h("div")), error.message, { error: true });
  await new Promise(() => {});
}

// The school year (July to June) that today falls in, such as 2026-27.
function currentSchoolYear() {
  const today = new Date();
  const first = today.getMonth() >= 6 ? today.getFullYear() : today.getFullYear() - 1;
  return `${first}-${String((first + 1) % 100).padStart(2, "0")}`;
}

const years = [...new Set(programs.map((p) => p.school_year))].sort().reverse();
const defaultYear = years.includes(currentSchoolYear()) ? currentSchoolYear() : years[0];

const metrics = [
  { value: "teachers_attended", label: _("Teachers who attended"), format: (v) => formatNumber(v) },
  { value: "hours_attended", label: _("Hours attended"), format: (v) => formatNumber(v, 1) },
  { value: "participation_rate", label: _("Share of teachers who attended"), format: (v) => percent(v) },
];

function percent(value) {
  if (value === null || value === undefined) return "–";
  return formatPercent(value);
}

function selectField(name, label, options, value) {
  return field({ name, label, kind: "select", options, value, id: `filter-${name}` });
}

const filters = h("form", { class: "filters", "aria-label": _("Report filters") });
const download = h("button", { type: "button", class: "secondary" }, _("Download CSV"));
const downloadNote = h("p", { class: "download-note", "aria-live": "polite" });
const results = h("div", { id: "results" });

function programOptions(year) {
  return [{ value: "", label: _("All programs of the year") },
    ...programs.filter((p) => p.school_year === year).map((p) => ({ value: p.id, label: programLabel(p) }))];
}

function renderFilters(choice) {
  replace(filters,
    selectField("year", _("School year"), years.map((y) => ({ value: y, label: y })), choice.year),
    selectField("program", _("Program"), programOptions(choice.year), choice.program),
    selectField("metric", _("Chart shows"), metrics, choice.metric));
}

// Another year offers its own programs; the focus stays on the year.
function showYearPrograms(year) {
  const select = filters.querySelector("[name=program]");
  replace(select, programOptions(year).map((o) => h("option", { value: o.value }, o.label)));
}

function chosen() {
  const data = new FormData(filters);
  return { year: data.get("year"), program: data.get("program") || "", metric: data.get("metric") };
}

function reportQuery(choice, groupBy) {
  const query = new URLSearchParams({ group_by: groupBy });
  if (choice.program) query.set("program_id", choice.program);
  else query.set("school_year", choice.year);
  return query.toString();
}

/* ---- the chart ---- */

const SVG = "http://www.w3.org/2000/svg";
function svg(tag, attributes = {}, text) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

// Horizontal bars, one per sector, drawn to scale of the largest.
// Its width is the room the page has (at most 640), so its text is drawn
// at about the size of the page's.
function sectorChart(rows, metric, room) {
  const width = Math.round(Math.max(300, Math.min(room || 640, 640)));
  const labelWidth = 100;
  const barSpace = width - labelWidth - 90;
  const rowHeight = 44;
  const height = rows.length * rowHeight + 16;
  const values = rows.map((row) => row[metric.value] ?? 0);
  const largest = Math.max(...values, 0);
  const described = rows.map((row) => _("{sector}: {value}", {
    sector: sectorLabel(row.sector), value: metric.format(row[metric.value]),
  })).join("; ");
  const chart = svg("svg", {
    class: "chart sector-chart", viewBox: `0 0 ${width} ${height}`, width, height, role: "img",
    "aria-label": _("{metric} by sector. {values}", { metric: metric.label, values: described }),
  });
  chart.append(svg("line", { class: "chart-axis", x1: labelWidth, x2: labelWidth, y1: 4, y2: height - 4 }));
  rows.forEach((row, i) => {
    const y = 8 + i * rowHeight;
    const length = largest > 0 ? Math.max((values[i] / largest) * barSpace, values[i] > 0 ? 2 : 0) : 0;
    chart.append(
      svg("text", { class: "chart-label", x: labelWidth - 8, y: y + rowHeight / 2, "text-anchor": "end", "dominant-baseline": "middle" },
        sectorLabel(row.sector)),
      svg("rect", { class: `chart-bar chart-bar-${row.sector}`, x: labelWidth, y: y + 6, width: length, height: rowHeight - 16, rx: 2 }),
      svg("text", { class: "chart-value", x: labelWidth + length + 8, y: y + rowHeight / 2, "dominant-baseline": "middle" },
        metric.format(row[metric.value])));
  });
  return chart;
}

/* ---- the tables ---- */

function table(caption, columns, rows) {
  return h("div", { class: "table-wrap report-table", tabindex: "0", role: "region", "aria-label": caption },
    h("table", {},
      h("caption", {}, caption),
      h("thead", {}, h("tr", {}, columns.map((c) => h("th", { scope: "col", class: c.number ? "number" : null }, c.label)))),
      h("tbody", {}, rows.map((row) => h("tr", {}, columns.map((c, i) => {
        const cell = c.value(row);
        return i === 0 ? h("th", { scope: "row" }, cell) : h("td", { class: c.number ? "number" : null }, cell);
      }))))));
}

const counts = [
  { label: _("Teachers who attended"), number: true, value: (r) => formatNumber(r.teachers_attended) },
  { label: _("Teachers registered"), number: true, value: (r) => formatNumber(r.teachers_registered) },
  { label: _("Sessions attended by teachers"), number: true, value: (r) => formatNumber(r.teacher_attendances) },
  { label: _("Hours attended"), number: true, value: (r) => formatNumber(r.hours_attended, 1) },
  { label: _("Teachers on staff"), number: true, value: (r) => (r.teacher_headcount == null ? "–" : formatNumber(r.teacher_headcount)) },
  { label: _("Share who attended"), number: true, value: (r) => percent(r.participation_rate) },
];

const schoolColumns = [
  { label: _("School"), value: (r) => r.school_name },
  { label: _("Sector"), value: (r) => sectorLabel(r.sector) },
  { label: _("Organization"), value: (r) => r.organization_name },
  ...counts,
];
const sectorColumns = [{ label: _("Sector"), value: (r) => sectorLabel(r.sector) }, ...counts];

/* ---- loading ---- */

let generation = 0;
async function refresh() {
  const choice = chosen();
  const mine = ++generation;
  history.replaceState(null, "", `?${new URLSearchParams(Object.entries(choice).filter(([, v]) => v))}`);
  status(results, _("Loading the report…"));
  try {
    const [bySchool, bySector] = await Promise.all([
      api("GET", `/reports/participation?${reportQuery(choice, "school")}`),
      api("GET", `/reports/participation?${reportQuery(choice, "sector")}`)]);
    if (mine !== generation) return;
    const metric = metrics.find((m) => m.value === choice.metric) || metrics[0];
    const attended = bySchool.rows.filter((r) => r.teachers_attended > 0 || r.teachers_registered > 0);
    replace(results,
      h("p", { class: "status", role: "status" },
        _("School year {year}; programs counted: {n}.", { year: bySchool.school_year, n: bySchool.program_ids.length })),
      h("section", { "aria-labelledby": "by-sector" },
        h("h2", { id: "by-sector" }, _("By sector")),
        bySector.rows.length ? sectorChart(bySector.rows, metric, results.clientWidth) : null,
        table(_("Participation by sector"), sectorColumns, bySector.rows)),
      h("section", { "aria-labelledby": "by-school" },
        h("h2", { id: "by-school" }, _("By school")),
        attended.length
          ? table(_("Participation by school"), schoolColumns, attended)
          : h("p", { class: "status" }, _("No teacher has registered or attended yet.")),
        attended.length < bySchool.rows.length
          ? h("p", { class: "hint" }, _("Schools where no teacher registered or attended are left out of this table; the CSV has every school."))
          : null));
  } catch (error) {
    if (mine === generation) status(results, error.message, { error: true });
  }
}

download.addEventListener("click", async () => {
  const choice = chosen();
  download.disabled = true;
  replace(downloadNote, _("Preparing the file…"));
  try {
    const response = await api("GET", `/reports/participation?${reportQuery(choice, "school")}`, undefined,
      { raw: true, accept: "text/csv" });
    const named = /filename="?([^";]+)"?/.exec(response.headers.get("Content-Disposition") || "");
    const name = named ? named[1] : "participation.csv";
    const url = URL.createObjectURL(await response.blob());
    const link = h("a", { href: url, download: name, class: "visually-hidden" }, name);
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    replace(downloadNote, _("Downloaded {file}", { file: name }));
  } catch (error) {
    replace(downloadNote, h("span", { class: "error" }, error.message));
  } finally {
    download.disabled = false;
  }
});

if (years.length === 0) {
  main.append(h("p", { class: "status" }, _("Your organization does not lead or partner in any program yet.")));
} else {
  const first = {
    year: years.includes(param("year")) ? param("year") : defaultYear,
    program: param("program") || "",
    metric: metrics.some((m) => m.value === param("metric")) ? param("metric") : metrics[0].value,
  };
  if (first.program && !programs.some((p) => String(p.id) === first.program && p.school_year === first.year)) first.program = "";
  renderFilters(first);
  filters.addEventListener("change", (event) => {
    if (event.target.name === "year") showYearPrograms(event.target.value);
    refresh();
  });
  filters.addEventListener("submit", (event) => event.preventDefault());
  main.append(filters, h("div", { class: "actions" }, download), downloadNote, results);
  await refresh();
}
