// Feedback on a session the teacher attended: how useful it was, whether
// they would recommend it, a comment; sent once, then changed for a week.
import { api } from "/js/api.js";
import { announce, h, param, replace } from "/js/dom.js";
import { field, onSubmit } from "/js/forms.js";
import { _, formatDateTime } from "/js/i18n.js";
import { startPage, status } from "/js/shell.js";
import { sessionWhen } from "/js/teacher.js";

const id = Number.parseInt(param("session") || "", 10);
const { main } = await startPage({ title: _("Feedback"), needsPerson: true });
const heading = main.querySelector("h1");

function fail(text) {
  status(main, text, { error: true });
  main.prepend(heading);
  main.append(h("p", {}, h("a", { href: "/my-sessions" }, _("Back to my sessions"))));
}

// A row of radio buttons for a scale, in a fieldset whose legend asks.
function scale({ name, legend, from, to, low, high, value }) {
  const hintId = `${name}-hint`;
  const options = [];
  for (let n = from; n <= to; n++) {
    const inputId = `${name}-${n}`;
    options.push(h("label", { for: inputId },
      h("input", {
        type: "radio", id: inputId, name, value: n, required: true,
        checked: value === n || null,
      }), String(n)));
  }
  return h("div", { class: "field", "data-field": name },
    h("fieldset", { class: "scale", "aria-describedby": hintId },
      h("legend", {}, legend),
      h("div", { class: "scale-options" }, options),
      h("p", { class: "hint", id: hintId }, `${from}: ${low} · ${to}: ${high}`)));
}

function answers(data, existing) {
  const body = {};
  const usefulness = data.get("usefulness");
  const recommend = data.get("recommend");
  if (usefulness !== null) body.usefulness = Number(usefulness);
  if (recommend !== null) body.recommend = Number(recommend);
  const comment = String(data.get("comment") || "").trim();
  body.comment = comment === "" ? null : comment;
  body.anonymous = data.get("anonymous") === "on";
  if (!existing) {
    // The API names a missing answer; say it in words the form uses.
    for (const name of ["usefulness", "recommend"]) {
      if (body[name] === undefined) {
        const error = new Error(_("Choose an answer"));
        error.field = name;
        throw error;
      }
    }
  }
  return body;
}

function render(session, existing) {
  const editable = !existing || new Date(existing.editable_until) > new Date();
  const result = h("div", { class: "result" });
  replace(main, heading,
    h("p", {}, h("strong", {}, session.title), h("br"), sessionWhen(session)),
    existing
      ? h("p", { class: "muted" }, editable
        ? _("You gave feedback on {date}. You may change it until {until}.",
          { date: formatDateTime(existing.created_at), until: formatDateTime(existing.editable_until) })
        : _("You gave feedback on {date}. It can no longer be changed.",
          { date: formatDateTime(existing.created_at) }))
      : h("p", {}, _("Your answers help the facilitators and the program plan the next sessions.")));
  const form = h("form", { novalidate: true, "aria-labelledby": "page-title" },
    scale({
      name: "usefulness", legend: _("How useful was the session?"), from: 1, to: 5,
      low: _("not at all"), high: _("very"), value: existing?.usefulness,
    }),
    scale({
      name: "recommend", legend: _("How likely are you to recommend it to a colleague?"), from: 0, to: 10,
      low: _("not at all likely"), high: _("extremely likely"), value: existing?.recommend,
    }),
    field({
      name: "comment", label: _("Comment (optional)"), kind: "textarea", value: existing?.comment ?? "",
      maxlength: 2000, rows: 4,
    }),
    field({
      name: "anonymous", label: _("Hide my name: coordinators see the answers without it"), kind: "checkbox",
      value: existing?.anonymous,
    }),
    h("div", { class: "actions" },
      h("button", { type: "submit", disabled: editable ? null : true },
        existing ? _("Save changes") : _("Send feedback")),
      h("a", { href: "/my-sessions" }, _("Back to my sessions"))),
    result);
  if (!editable) {
    for (const control of form.querySelectorAll("input, textarea")) control.disabled = true;
  }
  onSubmit(form, async (data) => {
    const body = answers(data, existing);
    const saved = existing
      ? await api("PATCH", `/sessions/${session.id}/feedback/mine`, body)
      : await api("POST", `/sessions/${session.id}/feedback`, body);
    render(session, saved);
    const message = existing ? _("Your changes are saved.") : _("Thank you: your feedback is sent.");
    const note = main.querySelector("form .result");
    replace(note, h("p", { class: "notice" }, message));
    announce(message);
  });
  main.append(form);
}

if (!Number.isInteger(id) || id < 1) {
  fail(_("This address names no session. Open feedback from your sessions."));
} else {
  try {
    const session = await api("GET", `/catalog/sessions/${id}`);
    let existing = null;
    try {
      existing = await api("GET", `/sessions/${id}/feedback/mine`);
    } catch (error) {
      if (error.status !== 404) throw error;
    }
    render(session, existing);
  } catch (error) {
    fail(error.message);
  }
}
