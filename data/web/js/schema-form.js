// Form controls generated from a JSON Schema: a program type's
// settings_schema (the schedule page) and an analysis's parameters (the
// analysis page). Text, numbers, whole numbers, yes/no, a choice of values,
// and lists (checkboxes for a list of choices, commas for a list of
// numbers, one line per item for a list of text). Each control is named
// "<prefix>.<key>" (just "<key>" with an empty prefix), so an API error
// naming the key is shown under its control (see placeSchemaError).
//
// Options, the same for schemaFields, readSchemaFields and the errors:
//   prefix        the control names' prefix ("settings" unless given)
//   id(key)       a control's id (default "field-<prefix>-<key>")
//   label(key, property)  its label (default: the schema's title, or the
//                 key made readable)
//   hint(key, property)   its hint (default: the description and default)
//   markRequired  say "(required)" after a required control's label
//   fillDefaults  a control without a value shows the schema's default
//   valueLabel(value, key)  the words for an enum value (default: as is)
//   choices(key, property)  [{value, label}] to offer as checkboxes for an
//                 array (say, the caller's programs), or null for the
//                 schema's own items.enum
//   suggestions(key, property)  values a text control suggests (a datalist)
import { h } from "/js/dom.js";
import { field } from "/js/forms.js";
import { _ } from "/js/i18n.js";

// "sessions_to_complete" -> "Sessions to complete".
export function humanize(name) {
  const words = String(name).replace(/[_-]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function shown(value) {
  return Array.isArray(value) ? value.join(", ") : String(value);
}

function nameFor(prefix, key) {
  return prefix ? `${prefix}.${key}` : key;
}

function defaultId(prefix, key) {
  return `field-${nameFor(prefix, key).replace(/[^A-Za-z0-9_-]/g, "-")}`;
}

function defaultHint(key, property) {
  const parts = [];
  if (property.description) parts.push(property.description);
  if (property.default !== undefined) parts.push(_("Default: {value}", { value: shown(property.default) }));
  return parts.length ? parts.join(" · ") : null;
}

function isNumeric(type) {
  return type === "integer" || type === "number";
}

function settle(options = {}) {
  const prefix = options.prefix ?? "settings";
  return {
    prefix,
    id: options.id || ((key) => defaultId(prefix, key)),
    label: options.label || ((key, property) => property.title || humanize(key)),
    hint: options.hint || defaultHint,
    markRequired: Boolean(options.markRequired),
    fillDefaults: Boolean(options.fillDefaults),
    valueLabel: options.valueLabel || ((value) => String(value)),
    choices: options.choices || (() => null),
    suggestions: options.suggestions || (() => []),
  };
}

// The checkboxes an array offers, or null when it has none to offer.
function offered(key, property, o) {
  const own = o.choices(key, property);
  if (own) return own;
  const items = property.items || {};
  return Array.isArray(items.enum)
    ? items.enum.map((v) => ({ value: String(v), label: o.valueLabel(v, key) })) : null;
}

// A fieldset of checkboxes, one per option; its hint describes each box.
function checkboxGroup(name, id, label, hint, options, value) {
  const chosen = (Array.isArray(value) ? value : []).map(String);
  const hintId = `${id}-hint`;
  const boxes = options.map((option, i) => h("div", { class: "field-checkbox choice" },
    h("input", {
      type: "checkbox", id: `${id}-${i}`, name, value: String(option.value),
      checked: chosen.includes(String(option.value)) || null,
      "aria-describedby": hint ? hintId : null,
    }),
    h("label", { for: `${id}-${i}` }, option.label)));
  return h("div", { class: "field" },
    h("fieldset", { class: "choices", "data-field": name },
      h("legend", {}, label),
      hint ? h("p", { class: "hint", id: hintId }, hint) : null,
      boxes.length ? boxes : h("p", { class: "muted" }, _("There is nothing to choose from."))));
}

// One control, or null for a kind of value this form cannot edit (it
// keeps its stored value).
function control(key, property, value, required, o) {
  const name = nameFor(o.prefix, key);
  const id = o.id(key);
  const label = required && o.markRequired ? `${o.label(key, property)} ${_("(required)")}` : o.label(key, property);
  const hint = o.hint(key, property);
  if (value === undefined && o.fillDefaults) value = property.default;
  const common = { name, id, label, hint, required };
  const type = property.type;
  const items = property.items || {};

  if (type === "boolean") {
    const checked = value === undefined ? property.default === true : value === true;
    return field({ ...common, kind: "checkbox", value: checked, required: null });
  }
  if (type === "array") {
    const options = offered(key, property, o);
    if (options) return checkboxGroup(name, id, label, hint, options, value);
    const list = Array.isArray(value) ? value : [];
    if (isNumeric(items.type)) {
      return field({ ...common, value: list.join(", "), inputmode: "numeric",
        hint: [hint, _("Separate several with commas.")].filter(Boolean).join(" ") });
    }
    return field({ ...common, kind: "textarea", rows: 3, value: list.join("\n") });
  }
  if (Array.isArray(property.enum)) {
    const options = property.enum.map((v) => ({ value: String(v), label: o.valueLabel(v, key) }));
    // "(not set)" leaves the value out, so the default holds; not needed
    // when the form shows that default already.
    if (!required && !(o.fillDefaults && property.default !== undefined)) {
      options.unshift({ value: "", label: _("(not set)") });
    }
    return field({ ...common, kind: "select", options, value: value ?? "" });
  }
  if (isNumeric(type)) {
    return field({ ...common, kind: "number", value: value ?? "",
      min: property.minimum ?? null, max: property.maximum ?? null,
      step: type === "integer" ? 1 : "any", inputmode: type === "integer" ? "numeric" : "decimal" });
  }
  if (type === "string") {
    const suggested = o.suggestions(key, property) || [];
    const listId = suggested.length ? `${id}-suggestions` : null;
    const made = field({ ...common, value: value ?? "", maxlength: property.maxLength ?? null,
      list: listId, autocomplete: "off" });
    if (listId) made.append(h("datalist", { id: listId }, suggested.map((v) => h("option", { value: v }))));
    return made;
  }
  return null;
}

// The controls for every property of @schema, filled from @values.
export function schemaFields(schema, values = {}, options = {}) {
  const o = settle(options);
  const required = new Set(schema.required || []);
  return Object.entries(schema.properties || {})
    .map(([key, property]) => control(key, property, values[key], required.has(key), o))
    .filter(Boolean);
}

function listNumber(text) {
  const number = Number(text);
  return text !== "" && Number.isFinite(number) ? number : text;
}

// The values the form holds: @base (the stored values, so those without a
// control keep theirs) with each control's value; empty controls leave
// their key out, so the default holds.
export function readSchemaFields(form, schema, base = {}, options = {}) {
  const o = settle(options);
  const values = { ...base };
  for (const [key, property] of Object.entries(schema.properties || {})) {
    const controls = form.querySelectorAll(`[name="${CSS.escape(nameFor(o.prefix, key))}"]`);
    if (controls.length === 0) continue;
    delete values[key];
    const type = property.type;
    const numericItems = isNumeric((property.items || {}).type);
    if (type === "boolean") {
      values[key] = controls[0].checked;
    } else if (type === "array" && controls[0].type === "checkbox") {
      const picked = [...controls].filter((c) => c.checked).map((c) => (numericItems ? Number(c.value) : c.value));
      if (picked.length) values[key] = picked;
    } else if (type === "array") {
      const text = controls[0].value;
      const list = text.split(numericItems ? /[\s,;]+/ : /\n/).map((s) => s.trim()).filter(Boolean);
      if (list.length) values[key] = numericItems ? list.map(listNumber) : list;
    } else {
      const text = controls[0].value.trim();
      if (text === "") continue;
      values[key] = isNumeric(type) ? listNumber(text) : text;
    }
  }
  return values;
}

// The control name for an API error's field about these values: the API
// names one as "settings.x" or "settings.x[2]" (the core checks every
// program type's settings against its schema), "parameters.x", or, for an
// analysis's own checks, just "x".
export function schemaErrorField(schema, field, options = {}) {
  const { prefix } = settle(options);
  if (!field) return field;
  const path = prefix && field.startsWith(`${prefix}.`) ? field.slice(prefix.length + 1) : field;
  const key = path.split(/[.[]/)[0];
  return Object.hasOwn(schema.properties || {}, key) ? nameFor(prefix, key) : field;
}

// Puts @error (an ApiError) under the control it names, and says that
// control's label in its message instead of "<prefix>.<key>[n]".
export function placeSchemaError(error, schema, options = {}) {
  const o = settle(options);
  if (!error.field) return error;
  error.field = schemaErrorField(schema, error.field, options);
  if (o.prefix && error.message) {
    const escaped = o.prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    error.message = error.message.replace(new RegExp(`${escaped}\\.([A-Za-z0-9_]+)(\\[\\d+\\])?`, "g"),
      (whole, key) => {
        const property = (schema.properties || {})[key];
        return property ? o.label(key, property) : whole;
      });
  }
  return error;
}
