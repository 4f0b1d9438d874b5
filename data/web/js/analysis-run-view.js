// One analysis run on a page: its progress while it is queued or running
// (a <progress> and a polite status line, with a Cancel button), then its
// result: the caveats first, the plot, the statistics and tables, the
// parameters and versions that reproduce it, and the CSV. Used by the
// analysis form (/analysis) and by /analysis-run?id= to revisit a result.
import { allItems, api } from "/js/api.js";
import {
  SECTOR_COLUMNS, columnLabel, detailLabel, parameterLabel, statisticLabel, statusLabel, valueLabel,
} from "/js/analysis-words.js";
import { h, replace } from "/js/dom.js";
import { _, formatDateTime, formatNumber, formatPercent, ngettext } from "/js/i18n.js";

const FINISHED = new Set(["done", "failed", "cancelled"]);
const ROWS_SHOWN = 100;
const RECENT_KEY = "pdnet-recent-runs";

// ---- numbers and cells ----

function number(value) {
  if (typeof value !== "number") return String(value);
  if (Number.isInteger(value)) return formatNumber(value);
  return formatNumber(value, Math.abs(value) >= 100 ? 1 : 3);
}

function pValue(value) {
  return value < 0.001 ? `< ${formatNumber(0.001, 3)}` : formatNumber(value, 3);
}

function interval(pair) {
  return `${number(pair[0])} ${_("to")} ${number(pair[1])}`;
}

function cell(value, column) {
  if (value === null || value === undefined) return h("td", {}, h("span", { class: "muted" }, _("not shown")));
  if (typeof value === "boolean") return h("td", {}, value ? _("yes") : _("no"));
  if (typeof value === "number") return h("td", { class: "number" }, number(value));
  if (SECTOR_COLUMNS.has(column)) return h("td", {}, valueLabel(value));
  return h("td", {}, String(value));
}

// ---- the result's parts ----

function caveats(list) {
  if (!list || list.length === 0) return null;
  return h("section", { class: "caveats", "aria-labelledby": "caveats-title" },
    h("h2", { id: "caveats-title" }, _("Read this first")),
    h("ul", {}, list.map((text) => h("li", {}, text))));
}

function plot(run, analysisName) {
  if (!run.plot_url) return null;
  const first = (run.result.statistics || []).find((s) => typeof s.value === "number");
  const summary = first
    ? _("{statistic}: {value} (n = {n}).", { statistic: statisticLabel(first), value: number(first.value), n: first.n ?? "?" })
    : "";
  const alt = _("Chart of the result of “{analysis}”. {summary} The tables on this page give the same figures.",
    { analysis: analysisName, summary });
  return h("figure", { class: "plot" },
    h("img", { src: run.plot_url, alt, class: "chart", width: 640, height: 440 }),
    h("figcaption", {}, _("Chart of the result."), " ", h("a", { href: run.plot_url }, _("Open the chart on its own (SVG)"))));
}

const MAIN_MEMBERS = new Set(["name", "label", "value", "n", "interval", "ci_low", "ci_high"]);

function statisticDetails(statistic) {
  const items = [];
  for (const [name, value] of Object.entries(statistic)) {
    if (MAIN_MEMBERS.has(name)) continue;
    let text;
    if (Array.isArray(value) && value.length === 2) text = interval(value);
    else if (name === "p" && typeof value === "number") text = pValue(value);
    else if (name === "confidence" && typeof value === "number") text = formatPercent(value);
    else if (value === null) text = _("not shown");
    else text = number(value);
    items.push(h("li", {}, `${detailLabel(name)}: ${text}`));
  }
  return items.length ? h("ul", { class: "details" }, items) : "";
}

function statisticInterval(statistic) {
  if (Array.isArray(statistic.interval)) return interval(statistic.interval);
  if (typeof statistic.ci_low === "number" && typeof statistic.ci_high === "number") {
    return interval([statistic.ci_low, statistic.ci_high]);
  }
  return "";
}

function statisticsTable(list) {
  if (!list || list.length === 0) return null;
  return h("section", { "aria-labelledby": "statistics-title" },
    h("h2", { id: "statistics-title" }, _("Statistics")),
    h("div", { class: "table-wrap", tabindex: 0, role: "region", "aria-labelledby": "statistics-caption" },
      h("table", { class: "statistics" },
        h("caption", { id: "statistics-caption" }, _("Each statistic with the number of cases (n) it rests on")),
        h("thead", {}, h("tr", {},
          h("th", { scope: "col" }, _("Statistic")),
          h("th", { scope: "col", class: "number" }, _("Value")),
          h("th", { scope: "col" }, _("Interval")),
          h("th", { scope: "col", class: "number" }, _("n")),
          h("th", { scope: "col" }, _("Details")))),
        h("tbody", {}, list.map((statistic) => h("tr", {},
          h("th", { scope: "row" }, statisticLabel(statistic)),
          h("td", { class: "number" }, statistic.value === null || statistic.value === undefined
            ? _("not shown") : number(statistic.value)),
          h("td", {}, statisticInterval(statistic)),
          h("td", { class: "number" }, statistic.n === undefined ? "" : number(statistic.n)),
          h("td", {}, statisticDetails(statistic))))))));
}

function tableRows(table, from, to) {
  return table.rows.slice(from, to).map((row) =>
    h("tr", {}, row.map((value, i) => cell(value, table.columns[i]))));
}

function resultTable(table, index) {
  const captionId = `table-${index}-caption`;
  const body = h("tbody", {}, tableRows(table, 0, ROWS_SHOWN));
  const wrap = h("div", { class: "table-wrap", tabindex: 0, role: "region", "aria-labelledby": captionId },
    h("table", {},
      h("caption", { id: captionId }, table.name, " ",
        h("span", { class: "muted" }, ngettext("({n} row)", "({n} rows)", table.rows.length))),
      h("thead", {}, h("tr", {}, table.columns.map((key) => h("th", { scope: "col" }, columnLabel(key))))),
      body));
  const parts = [wrap];
  if (table.rows.length > ROWS_SHOWN) {
    const more = h("button", { type: "button", class: "secondary" },
      _("Show all {n} rows of “{table}”", { n: table.rows.length, table: table.name }));
    more.addEventListener("click", () => {
      body.append(...tableRows(table, ROWS_SHOWN));
      more.remove();
    });
    parts.push(h("div", { class: "actions" }, more));
  }
  return parts;
}

function tables(list) {
  if (!list || list.length === 0) return null;
  return h("section", { "aria-labelledby": "tables-title" },
    h("h2", { id: "tables-title" }, _("Result tables")),
    list.map((table, i) => resultTable(table, i)));
}

function parameterValue(name, value, programs) {
  if (Array.isArray(value)) {
    if (name === "program_ids" && programs) return value.map((id) => programs.get(id) || `#${id}`).join(", ");
    return value.map((v) => valueLabel(v)).join(", ");
  }
  if (typeof value === "boolean") return value ? _("yes") : _("no");
  if (typeof value === "number") return number(value);
  return valueLabel(value);
}

function reproduce(run, programs) {
  const result = run.result;
  const rows = Object.entries(result.parameters || {}).map(([name, value]) =>
    [parameterLabel(name), parameterValue(name, value, programs)]);
  rows.push([_("pdnet version"), result.pdnet_version],
    [_("Analysis version"), `${result.analysis_id} ${result.plugin_version}`],
    [_("Data as of"), formatDateTime(result.snapshot_at)]);
  return h("section", { "aria-labelledby": "reproduce-title" },
    h("h2", { id: "reproduce-title" }, _("Parameters and versions")),
    h("p", { class: "muted" }, _("Running the analysis again with these on the same data gives the same result.")),
    h("dl", { class: "pairs" }, rows.map(([term, value]) => [h("dt", {}, term), h("dd", {}, value)])));
}

function downloads(run) {
  const links = [];
  if (run.csv_url) {
    links.push(h("a", { class: "button secondary", href: run.csv_url, download: `analysis-run-${run.id}.csv` },
      _("Download the result tables (CSV)")));
  }
  links.push(h("a", { href: `/analysis-run?id=${run.id}` }, _("Link to this result")));
  return h("div", { class: "actions" }, links);
}

// ---- progress ----

function fraction(progress) {
  return Math.max(0, Math.min(1, progress || 0));
}

// The status line: it speaks at each change of state and, while running,
// at every tenth, with the analysis's own message of what it is doing.
function statusText(run) {
  if (run.status === "running") {
    const tenth = Math.floor(fraction(run.progress) * 10) / 10;
    const text = _("Running: {percent} done", { percent: formatPercent(tenth) });
    return run.progress_message ? `${text}. ${run.progress_message}` : text;
  }
  if (run.status === "done") return _("Done: the result is below.");
  if (run.status === "failed") return _("The analysis failed.");
  if (run.status === "cancelled") return _("The run was cancelled.");
  return statusLabel(run.status);
}

/* Shows run @runId in @container and follows it until it finishes.
 * analysisName names it in the chart's text; programs (Map id -> name)
 * names the programs among its parameters. Returns {stop()} to stop
 * following it (another run replaces it). */
export function showRun(container, runId, { analysisName = "", programs = null, first = null } = {}) {
  let stopped = false;
  let timer = null;
  let delay = 400;
  let lastStatus = null;
  let lastSpoken = "";

  const live = h("p", { class: "run-status", role: "status" });
  const bar = h("progress", { id: `run-${runId}-progress`, max: 1, value: 0 });
  const cancel = h("button", { type: "button", class: "danger" }, _("Cancel the run"));
  const progressArea = h("div", { class: "run-progress" },
    h("label", { for: `run-${runId}-progress` }, _("Progress")), bar, h("div", { class: "actions" }, cancel));
  const body = h("div", { class: "run-body" });
  replace(container, live, progressArea, body);

  function speak(text) {
    if (text !== lastSpoken) live.textContent = lastSpoken = text;
  }

  function render(run) {
    // A poll answered after Cancel must not bring the run back.
    if (FINISHED.has(lastStatus)) return;
    bar.value = run.status === "done" ? 1 : fraction(run.progress);
    bar.setAttribute("aria-valuetext", formatPercent(bar.value));
    speak(statusText(run));
    if (run.status === lastStatus) return;
    lastStatus = run.status;
    if (!FINISHED.has(run.status)) return;
    progressArea.hidden = run.status !== "done";
    cancel.hidden = true;
    if (run.status === "failed") {
      replace(body, h("p", { class: "form-error", role: "alert" }, run.error || _("The analysis failed.")));
    } else if (run.status === "cancelled") {
      replace(body, h("p", {}, _("Nothing was computed. Start it again when you are ready.")));
    } else {
      const result = run.result;
      replace(body, downloads(run), caveats(result.caveats), plot(run, analysisName),
        statisticsTable(result.statistics), tables(result.tables), reproduce(run, programs));
    }
  }

  async function poll() {
    timer = null;
    if (stopped) return;
    try {
      const run = await api("GET", `/analysis-runs/${runId}`);
      if (stopped) return;
      render(run);
      if (FINISHED.has(run.status)) return;
      delay = Math.min(delay * 1.5, 2000);
    } catch (error) {
      if (stopped) return;
      speak(error.message);
      if (error.status === 403 || error.status === 404) {
        progressArea.hidden = true;
        replace(body, h("p", { class: "form-error", role: "alert" }, error.message));
        return;
      }
      delay = 3000;
    }
    timer = setTimeout(poll, delay);
  }

  cancel.addEventListener("click", async () => {
    cancel.disabled = true;
    try {
      render(await api("DELETE", `/analysis-runs/${runId}`));
    } catch (error) {
      // 409: it finished meanwhile; the next poll shows how.
      if (error.status !== 409) speak(error.message);
      cancel.disabled = false;
    }
  });

  if (first) render(first);
  if (!first || !FINISHED.has(first.status)) poll();
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}

// ---- runs started in this browser, to come back to ----

function readRecent() {
  try {
    const list = JSON.parse(localStorage.getItem(RECENT_KEY) || "[]");
    return Array.isArray(list) ? list : [];
  } catch {
    return [];
  }
}

export function rememberRun(account, run, analysisName) {
  const list = readRecent().filter((r) => !(r.account === account.id && r.id === run.id));
  list.unshift({ account: account.id, id: run.id, analysis: run.analysis_id, name: analysisName, at: run.created_at });
  localStorage.setItem(RECENT_KEY, JSON.stringify(list.slice(0, 30)));
}

export function recentRuns(account) {
  return readRecent().filter((r) => r.account === account.id).slice(0, 10);
}

// Programs the account may analyse (admins: all), as [{id, label}] and a
// Map id -> label; the API refuses other programs to coordinators and leads.
export async function loadPrograms(account) {
  const items = await allItems("/programs");
  const mine = items.filter((p) => account.role === "admin"
    || p.lead_organization_id === account.organization_id
    || (p.partner_organization_ids || []).includes(account.organization_id));
  mine.sort((a, b) => b.school_year.localeCompare(a.school_year) || a.name.localeCompare(b.name));
  const list = mine.map((p) => ({ id: p.id, label: `${p.name} (${p.school_year})`, schoolYear: p.school_year }));
  const names = new Map(items.map((p) => [p.id, `${p.name} (${p.school_year})`]));
  return { list, names };
}
