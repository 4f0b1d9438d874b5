// One analysis: a form built from its parameters' JSON Schema (defaults
// filled in, programs to pick from, the API's errors under the field they
// name), then the run's progress and result below it. ?run= fills the form
// with an earlier run's parameters.
import { api } from "/js/api.js";
import { loadPrograms, rememberRun, showRun } from "/js/analysis-run-view.js";
import { parameterHint, parameterLabel, valueLabel } from "/js/analysis-words.js";
import { h, param, replace } from "/js/dom.js";
import { onSubmit } from "/js/forms.js";
import { _ } from "/js/i18n.js";
import { placeSchemaError, readSchemaFields, schemaFields } from "/js/schema-form.js";
import { startPage, status } from "/js/shell.js";

const ROLES = ["lead", "coordinator", "admin"];
const { account, main } = await startPage({ title: _("Analysis"), roles: ROLES });
const content = h("div", {});
main.append(content);
status(content, _("Loading…"));

// Suggestions for free-text parameters: outcome measures and school years.
async function suggestions(schema, programs) {
  const found = { measure: [], year: [] };
  const years = new Set(programs.list.map((p) => p.schoolYear));
  if (schema.properties && schema.properties.measure) {
    try {
      const outcomes = await api("GET", "/outcomes?limit=200");
      found.measure = [...new Set(outcomes.items.map((o) => o.measure))].sort();
      for (const o of outcomes.items) years.add(o.school_year);
    } catch {
      /* teachers and others who see no outcomes: no suggestions */
    }
  }
  found.year = [...years].sort().reverse();
  return found;
}

// How the schema form shows an analysis's parameters: our words for them
// and their values, the defaults filled in, the caller's programs to pick.
function formOptions(found, programs) {
  return {
    prefix: "parameters",
    id: (name) => `param-${name}`,
    label: (name) => parameterLabel(name),
    hint: (name, property) => parameterHint(name, property),
    markRequired: true,
    fillDefaults: true,
    valueLabel: (value) => valueLabel(value),
    choices: (name) => (name === "program_ids"
      ? programs.list.map((p) => ({ value: String(p.id), label: p.label })) : null),
    suggestions: (name) => {
      if (name === "measure") return found.measure;
      if (/(^|_)year$/.test(name)) return found.year;
      return [];
    },
  };
}

// The API names "parameters.program_ids[0]"; the message says the
// parameter's label instead. A refusal to run a program names no field:
// it is the programs'.
function placeError(error, schema, options) {
  if (!error.field && error.status === 403 && schema.properties && schema.properties.program_ids) {
    error.field = "parameters.program_ids";
    return error;
  }
  return placeSchemaError(error, schema, options);
}

async function load() {
  const id = param("id");
  const runId = param("run");
  const [list, programs, earlier] = await Promise.all([
    api("GET", "/analyses"),
    loadPrograms(account),
    runId ? api("GET", `/analysis-runs/${encodeURIComponent(runId)}`).catch(() => null) : null,
  ]);
  const analysis = list.items.find((a) => a.id === id);
  if (!analysis) {
    status(content, _("There is no analysis “{id}”.", { id: id || "" }), { error: true });
    content.append(h("p", {}, h("a", { href: "/analyses" }, _("See the analyses"))));
    return;
  }
  document.getElementById("page-title").textContent = analysis.name;
  document.title = `${analysis.name} · pdnet`;
  const schema = analysis.parameters || {};
  const start = earlier && earlier.analysis_id === analysis.id ? earlier.parameters : {};
  const options = formOptions(await suggestions(schema, programs), programs);

  const form = h("form", { novalidate: true, class: "analysis-form", "aria-labelledby": "form-title" },
    h("h2", { id: "form-title" }, _("Parameters")),
    schemaFields(schema, start, options),
    h("div", { class: "actions" }, h("button", { type: "submit" }, _("Run the analysis"))));
  const runSection = h("section", { class: "run", "aria-labelledby": "run-title", hidden: true },
    h("h2", { id: "run-title", tabindex: -1 }, _("Progress and result")), h("div", {}));
  let following = null;

  onSubmit(form, async () => {
    let run;
    try {
      run = await api("POST", `/analyses/${encodeURIComponent(analysis.id)}/runs`,
        { parameters: readSchemaFields(form, schema, {}, options) });
    } catch (error) {
      throw placeError(error, schema, options);
    }
    rememberRun(account, run, analysis.name);
    if (following) following.stop();
    runSection.hidden = false;
    document.getElementById("run-title").focus();
    following = showRun(runSection.lastElementChild, run.id,
      { analysisName: analysis.name, programs: programs.names, first: run });
  });

  replace(content,
    analysis.description ? h("p", { class: "lead-text" }, analysis.description) : null,
    h("p", {}, h("a", { href: "/analyses" }, _("All analyses"))),
    form, runSection);
}

load().catch((error) => status(content, error.message, { error: true }));
