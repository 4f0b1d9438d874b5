// Form controls generated from a JSON Schema of settings, such as a program
// type's settings_schema: text, numbers, whole numbers, yes/no, a choice
// of values, and lists (checkboxes for a list of choices, one line per item
// for a list of text, commas for a list of numbers). Each control is named
// "<prefix>.<setting>", so an API error naming the setting is shown under
// its control (see schemaErrorField).
import { h } from "/js/dom.js";
import { _ } from "/js/i18n.js";

// "sessions_to_complete" -> "Sessions to complete".
function humanize(name) {
  const words = name.replace(/[_-]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function shown(value) {
  return Array.isArray(value) ? value.join(", ") : String(value);
}

function idFor(name) {
  return `field-${name.replace(/[^A-Za-z0-9_-]/g, "-")}`;
}

function hintOf(property, id) {
  const parts = [];
  if (property.description) parts.push(property.description);
  if (property.default !== undefined) parts.push(_("Default: {value}", { value: shown(property.default) }));
  return parts.length ? h("p", { class: "hint", id: `${id}-hint` }, parts.join(" · ")) : null;
}

function choices(property) {
  return property.items && Array.isArray(property.items.enum) ? property.items.enum : null;
}

function isNumeric(type) {
  return type === "integer" || type === "number";
}

// One control, or null for a kind of setting this form cannot edit (it
// keeps its stored value).
function control(prefix, key, property, value, required) {
  const name = `${prefix}.${key}`;
  const id = idFor(name);
  const label = property.title || humanize(key);
  const hint = hintOf(property, id);
  const common = { id, name, required: required || null, "aria-describedby": hint ? `${id}-hint` : null };
  const type = property.type;

  if (type === "boolean") {
    return h("div", { class: "field field-checkbox" },
      h("label", { for: id }, label),
      h("input", { ...common, type: "checkbox", checked: value === true || (value === undefined && property.default === true) || null }),
      hint);
  }
  if (type === "array" && choices(property)) {
    const picked = Array.isArray(value) ? value.map(String) : [];
    return h("fieldset", { class: "field choices", "data-field": name, "aria-describedby": hint ? `${id}-hint` : null },
      h("legend", {}, label),
      choices(property).map((option, i) => h("label", { class: "choice", for: `${id}-${i}` },
        h("input", { type: "checkbox", id: `${id}-${i}`, name, value: String(option), checked: picked.includes(String(option)) || null }),
        String(option))),
      hint);
  }
  let input;
  if (type === "array") {
    const items = Array.isArray(value) ? value : [];
    if (property.items && isNumeric(property.items.type)) {
      input = h("input", { ...common, type: "text", inputmode: "numeric", value: items.join(", ") });
    } else {
      input = h("textarea", { ...common, rows: 3 }, items.join("\n"));
    }
  } else if (Array.isArray(property.enum)) {
    input = h("select", common,
      required ? null : h("option", { value: "" }, _("(not set)")),
      property.enum.map((option) => h("option", { value: String(option), selected: String(option) === String(value) || null }, String(option))));
  } else if (isNumeric(type)) {
    input = h("input", {
      ...common, type: "number", value: value ?? null,
      step: type === "integer" ? 1 : "any",
      min: property.minimum ?? null, max: property.maximum ?? null,
    });
  } else if (type === "string") {
    input = h("input", { ...common, type: "text", value: value ?? null, maxlength: property.maxLength ?? null });
  } else {
    return null;
  }
  return h("div", { class: "field" }, h("label", { for: id }, label), input, hint);
}

// The controls for every property of @schema, filled from @values.
export function schemaFields(schema, values = {}, { prefix = "settings" } = {}) {
  const required = new Set(schema.required || []);
  return Object.entries(schema.properties || {})
    .map(([key, property]) => control(prefix, key, property, values[key], required.has(key)))
    .filter(Boolean);
}

function listNumber(text) {
  const number = Number(text);
  return text !== "" && Number.isFinite(number) ? number : text;
}

// The settings the form holds: @base (the stored settings, so settings
// without a control keep their value) with each control's value; empty
// controls leave their setting out, so the program type's default holds.
export function readSchemaFields(form, schema, base = {}, { prefix = "settings" } = {}) {
  const settings = { ...base };
  for (const [key, property] of Object.entries(schema.properties || {})) {
    const name = `${prefix}.${key}`;
    const controls = form.querySelectorAll(`[name="${CSS.escape(name)}"]`);
    if (controls.length === 0) continue;
    delete settings[key];
    const type = property.type;
    if (type === "boolean") {
      settings[key] = controls[0].checked;
    } else if (type === "array" && choices(property)) {
      const numeric = isNumeric(property.items.type);
      const picked = [...controls].filter((c) => c.checked).map((c) => (numeric ? Number(c.value) : c.value));
      if (picked.length) settings[key] = picked;
    } else if (type === "array") {
      const text = controls[0].value;
      const numeric = property.items && isNumeric(property.items.type);
      const items = text.split(numeric ? /[\s,;]+/ : /\n/).map((s) => s.trim()).filter(Boolean);
      if (items.length) settings[key] = numeric ? items.map(listNumber) : items;
    } else {
      const text = controls[0].value.trim();
      if (text === "") continue;
      settings[key] = isNumeric(type) ? listNumber(text) : text;
    }
  }
  return settings;
}

// The control name for an API error's field about these settings: the
// API names a setting as "settings.x", "settings.x[2]" or, for some
// program types, just "x".
export function schemaErrorField(schema, field, { prefix = "settings" } = {}) {
  if (!field) return field;
  const path = field.startsWith(`${prefix}.`) ? field.slice(prefix.length + 1) : field;
  const key = path.split(/[.[]/)[0];
  return Object.hasOwn(schema.properties || {}, key) ? `${prefix}.${key}` : field;
}
