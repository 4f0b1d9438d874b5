// Errors from the API, shown next to the field they name (problem+json
// "field"), in the page's language; anything else above the form.
import { h } from "/js/dom.js";
import { _ } from "/js/i18n.js";

export function clearErrors(form) {
  for (const old of form.querySelectorAll(".field-error, .form-error")) old.remove();
  for (const input of form.querySelectorAll("[aria-invalid]")) {
    input.removeAttribute("aria-invalid");
    const described = (input.getAttribute("aria-describedby") || "")
      .split(" ").filter((id) => !id.endsWith("-error")).join(" ");
    if (described) input.setAttribute("aria-describedby", described);
    else input.removeAttribute("aria-describedby");
  }
}

function fieldFor(form, name) {
  if (!name) return null;
  const escaped = CSS.escape(name);
  return form.querySelector(`[name="${escaped}"], [data-field="${escaped}"]`)
    || form.querySelector(`[name="${CSS.escape(name.split(/[.[]/)[0])}"]`);
}

// Shows @error (an ApiError or any Error) on @form; focuses the field.
export function showError(form, error) {
  clearErrors(form);
  const message = error.message || _("Something went wrong");
  const input = fieldFor(form, error.field);
  if (input) {
    const id = `${input.id || input.name}-error`;
    const note = h("p", { class: "field-error", id }, message);
    (input.closest(".field") || input.parentElement).append(note);
    input.setAttribute("aria-invalid", "true");
    const described = input.getAttribute("aria-describedby");
    input.setAttribute("aria-describedby", described ? `${described} ${id}` : id);
    input.focus();
    return;
  }
  const note = h("p", { class: "form-error", role: "alert" }, message);
  form.prepend(note);
}

// A labelled control in a .field wrapper. kind: input type, "select" or
// "textarea"; options: [{value, label}] for selects.
export function field({ name, label, kind = "text", value, required, options, hint, ...rest }) {
  const id = rest.id || `field-${name}`;
  delete rest.id;
  let control;
  const common = { id, name, required: required || null, ...rest };
  if (hint) common["aria-describedby"] = `${id}-hint`;
  if (kind === "select") {
    control = h("select", common,
      (options || []).map((o) => h("option", { value: o.value, selected: String(o.value) === String(value) || null }, o.label)));
  } else if (kind === "textarea") {
    control = h("textarea", common, value ?? "");
  } else if (kind === "checkbox") {
    control = h("input", { type: "checkbox", checked: value ? true : null, ...common });
  } else {
    control = h("input", { type: kind, value: value ?? null, ...common });
  }
  return h("div", { class: kind === "checkbox" ? "field field-checkbox" : "field" },
    h("label", { for: id }, label), control,
    hint ? h("p", { class: "hint", id: `${id}-hint` }, hint) : null);
}

// Runs @action on submit with the button disabled; errors go on the form.
export function onSubmit(form, action) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = form.querySelector("[type=submit]");
    if (button) button.disabled = true;
    clearErrors(form);
    try {
      await action(new FormData(form));
    } catch (error) {
      showError(form, error);
    } finally {
      if (button) button.disabled = false;
    }
  });
}
