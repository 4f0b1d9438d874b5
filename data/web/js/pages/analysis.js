// One analysis: a form built from its parameters' JSON Schema (defaults
// filled in, programs to pick from, the API's errors under the field they
// name), then the run's progress and result below it. ?run= fills the form
// with an earlier run's parameters.
import { api } from "/js/api.js";
import { loadPrograms, rememberRun, showRun } from "/js/analysis-run-view.js";
import { parameterHint, parameterLabel, valueLabel } from "/js/analysis-words.js";
import { h, param, replace } from "/js/dom.js";
import { field, onSubmit } from "/js/forms.js";
import { _ } from "/js/i18n.js";
import { startPage, status } from "/js/shell.js";

const ROLES = ["lead", "coordinator", "admin"];
const { account, main } = await startPage({ title: _("Analysis"), roles: ROLES });
const content = h("div", {});
main.append(content);
status(content, _("Loading…"));

const controlName = (name) => `parameters.${name}`;
const controlId = (name) => `param-${name}`;

function requiredText(label, required) {
  return required ? `${label} ${_("(required)")}` : label;
}

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

function datalist(id, values) {
  return h("datalist", { id }, values.map((v) => h("option", { value: v })));
}

// A group of checkboxes (programs, or an array of enum values).
function checkboxGroup(name, schema, required, chosen, options) {
  const hint = parameterHint(name, schema);
  const hintId = `${controlId(name)}-hint`;
  const boxes = options.map((option, i) => {
    const id = `${controlId(name)}-${i}`;
    return h("div", { class: "field-checkbox" },
      h("input", {
        type: "checkbox", id, name: controlName(name), value: option.value,
        checked: chosen.includes(option.value) || null,
        "aria-describedby": hint ? hintId : null,
      }),
      h("label", { for: id }, option.label));
  });
  return h("div", { class: "field" },
    h("fieldset", { class: "choices" },
      h("legend", {}, requiredText(parameterLabel(name), required)),
      hint ? h("p", { class: "hint", id: hintId }, hint) : null,
      boxes.length ? boxes : h("p", { class: "muted" }, _("There is nothing to choose from."))));
}

function control(name, schema, required, value, found, programs) {
  const label = requiredText(parameterLabel(name), required);
  const hint = parameterHint(name, schema);
  const common = { name: controlName(name), id: controlId(name), label, hint, required };
  const items = schema.items || {};
  if (schema.type === "array" && name === "program_ids") {
    const options = programs.list.map((p) => ({ value: String(p.id), label: p.label }));
    return checkboxGroup(name, schema, required, (value || []).map(String), options);
  }
  if (schema.type === "array" && Array.isArray(items.enum)) {
    const options = items.enum.map((v) => ({ value: String(v), label: valueLabel(v) }));
    return checkboxGroup(name, schema, required, (value || []).map(String), options);
  }
  if (schema.type === "array") {
    return field({ ...common, value: (value || []).join(", "),
      hint: [hint, _("Separate several with commas.")].filter(Boolean).join(" ") });
  }
  if (schema.type === "boolean") {
    return field({ ...common, kind: "checkbox", value: Boolean(value), required: null });
  }
  if (Array.isArray(schema.enum)) {
    const options = schema.enum.map((v) => ({ value: String(v), label: valueLabel(v) }));
    if (!required && schema.default === undefined) options.unshift({ value: "", label: _("(not set)") });
    return field({ ...common, kind: "select", options, value: value ?? "" });
  }
  if (schema.type === "integer" || schema.type === "number") {
    return field({ ...common, kind: "number", value: value ?? "",
      min: schema.minimum ?? null, max: schema.maximum ?? null,
      step: schema.type === "integer" ? 1 : "any", inputmode: schema.type === "integer" ? "numeric" : "decimal" });
  }
  let list = null;
  if (name === "measure" && found.measure.length) list = "measures";
  if (/(^|_)year$/.test(name) && found.year.length) list = "school-years";
  return field({ ...common, value: value ?? "", list, autocomplete: "off" });
}

// The parameters object from the form: empty optional fields left out, so
// the analysis's defaults apply.
function collect(form, schema) {
  const parameters = {};
  for (const [name, property] of Object.entries(schema.properties || {})) {
    const items = property.items || {};
    if (property.type === "array" && (name === "program_ids" || Array.isArray(items.enum))) {
      const picked = [...form.querySelectorAll(`[name="${CSS.escape(controlName(name))}"]:checked`)].map((box) =>
        (items.type === "integer" || items.type === "number" ? Number(box.value) : box.value));
      if (picked.length) parameters[name] = picked;
      continue;
    }
    const input = form.elements.namedItem(controlName(name));
    if (!input) continue;
    if (property.type === "boolean") {
      parameters[name] = input.checked;
      continue;
    }
    const text = input.value.trim();
    if (text === "") continue;
    if (property.type === "array") {
      const parts = text.split(",").map((s) => s.trim()).filter(Boolean);
      parameters[name] = items.type === "integer" || items.type === "number"
        ? parts.map((s) => (Number.isFinite(Number(s)) ? Number(s) : s)) : parts;
    } else if (property.type === "integer" || property.type === "number") {
      parameters[name] = Number.isFinite(Number(text)) ? Number(text) : text;
    } else {
      parameters[name] = text;
    }
  }
  return parameters;
}

// The API names "parameters.program_ids[0]"; the form has one control per
// parameter, and its message says the parameter's label instead of its
// machine name. A refusal to run a program names no field: it is the
// programs'.
function placeError(error, schema) {
  if (error.field) {
    const match = /^parameters\.([A-Za-z0-9_]+)/.exec(error.field);
    if (match) {
      error.field = controlName(match[1]);
      error.message = error.message.replace(/parameters\.[A-Za-z0-9_]+(\[\d+\])?/g,
        (whole) => parameterLabel(whole.slice("parameters.".length).replace(/\[\d+\]$/, "")));
    }
  } else if (error.status === 403 && schema.properties && schema.properties.program_ids) {
    error.field = controlName("program_ids");
  }
  return error;
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
  const required = new Set(schema.required || []);
  const start = earlier && earlier.analysis_id === analysis.id ? earlier.parameters : {};
  const found = await suggestions(schema, programs);

  const form = h("form", { novalidate: true, class: "analysis-form", "aria-labelledby": "form-title" },
    h("h2", { id: "form-title" }, _("Parameters")),
    Object.entries(schema.properties || {}).map(([name, property]) =>
      control(name, property, required.has(name), start[name] ?? property.default, found, programs)),
    datalist("measures", found.measure), datalist("school-years", found.year),
    h("div", { class: "actions" }, h("button", { type: "submit" }, _("Run the analysis"))));
  const runSection = h("section", { class: "run", "aria-labelledby": "run-title", hidden: true },
    h("h2", { id: "run-title", tabindex: -1 }, _("Progress and result")), h("div", {}));
  let following = null;

  onSubmit(form, async () => {
    let run;
    try {
      run = await api("POST", `/analyses/${encodeURIComponent(analysis.id)}/runs`,
        { parameters: collect(form, schema) });
    } catch (error) {
      throw placeError(error, schema);
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
