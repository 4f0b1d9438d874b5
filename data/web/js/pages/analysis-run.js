// One analysis run, to come back to: its progress if it is still running,
// else its result; and a link to run it again with the same parameters.
import { api } from "/js/api.js";
import { loadPrograms, showRun } from "/js/analysis-run-view.js";
import { h, param, replace } from "/js/dom.js";
import { _ } from "/js/i18n.js";
import { startPage, status } from "/js/shell.js";

const { account, main } = await startPage({ title: _("Analysis result"), roles: ["lead", "coordinator", "admin"] });
const content = h("div", {});
main.append(content);
status(content, _("Loading…"));

async function load() {
  const id = Number(param("id"));
  if (!Number.isInteger(id) || id < 1) {
    status(content, _("This link does not name a run."), { error: true });
    return;
  }
  const run = await api("GET", `/analysis-runs/${id}`);
  const [list, programs] = await Promise.all([api("GET", "/analyses"), loadPrograms(account)]);
  const analysis = list.items.find((a) => a.id === run.analysis_id);
  const name = analysis ? analysis.name : run.analysis_id;
  document.getElementById("page-title").textContent = _("{analysis}: run {id}", { analysis: name, id });
  document.title = `${name} · pdnet`;
  const view = h("div", {});
  replace(content,
    h("p", { class: "actions" },
      analysis ? h("a", { href: `/analysis?id=${encodeURIComponent(analysis.id)}&run=${id}` },
        _("Run it again with these parameters")) : null,
      h("a", { href: "/analyses" }, _("All analyses"))),
    view);
  showRun(view, id, { analysisName: name, programs: programs.names, first: run });
}

load().catch((error) => status(content, error.message, { error: true }));
