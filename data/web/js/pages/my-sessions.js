// "My sessions": the teacher's registrations, upcoming and past, with
// their status and waitlist position, cancelling, feedback for attended
// sessions, and the calendar subscription link.
import { allItems, api } from "/js/api.js";
import { announce, h, replace } from "/js/dom.js";
import { showError } from "/js/forms.js";
import { _, formatDateTime, ngettext } from "/js/i18n.js";
import { startPage, status } from "/js/shell.js";
import { isActive, registrationResult, registrationStatus, whenElement } from "/js/teacher.js";

const { main } = await startPage({ title: _("My sessions"), needsPerson: true });

const calendar = h("section", { "aria-labelledby": "calendar-title", class: "card" });
const upcoming = h("section", { "aria-labelledby": "upcoming-title" });
const past = h("section", { "aria-labelledby": "past-title" });
const cancelled = h("section");
main.append(upcoming, calendar, past, cancelled);

// ---- calendar subscription ----

async function copy(text) {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  // Plain http on a school network: the old way, through the selected field.
  const input = document.getElementById("feed-url");
  input.select();
  if (!document.execCommand("copy")) throw new Error(_("Copying failed: select the link and copy it yourself."));
}

function renderFeed(feed) {
  const input = h("input", {
    id: "feed-url", type: "text", readonly: true, value: feed.url, "aria-describedby": "feed-hint",
  });
  const copyButton = h("button", { type: "button" }, _("Copy link"));
  const rotate = h("button", { type: "button", class: "secondary" }, _("Make a new link"));
  const note = h("p", { role: "status", class: "muted", id: "feed-status" });
  const form = h("form", { novalidate: true, "aria-labelledby": "calendar-title" },
    h("div", { class: "field" },
      h("label", { for: "feed-url" }, _("Your calendar link")),
      h("div", { class: "copy-row" }, input, copyButton),
      h("p", { class: "hint", id: "feed-hint" },
        _("Add it to your calendar app (“subscribe to a calendar” or “from URL”) to see your sessions there. Anyone with the link can see them, so keep it to yourself."))),
    h("p", { class: "muted" }, _("Link made {when}.", { when: formatDateTime(feed.created_at) })),
    h("div", { class: "actions" }, rotate),
    h("p", { class: "hint" }, _("A new link stops the old one from working, in every calendar that uses it.")),
    note);
  copyButton.addEventListener("click", async () => {
    try {
      await copy(input.value);
      note.textContent = _("The link is copied.");
    } catch (error) {
      showError(form, error);
    }
  });
  input.addEventListener("focus", () => input.select());
  rotate.addEventListener("click", async () => {
    rotate.disabled = true;
    try {
      const fresh = await api("POST", "/me/calendar-feed");
      renderFeed(fresh);
      document.getElementById("feed-status").textContent = _("A new link is ready; the old one no longer works.");
      document.getElementById("feed-url").focus();
    } catch (error) {
      rotate.disabled = false;
      showError(form, error);
    }
  });
  replace(calendar, h("h2", { id: "calendar-title" }, _("Calendar subscription")), form);
}

async function loadFeed() {
  replace(calendar, h("h2", { id: "calendar-title" }, _("Calendar subscription")));
  try {
    renderFeed(await api("GET", "/me/calendar-feed"));
  } catch (error) {
    calendar.append(h("p", { class: "status error", role: "alert" }, error.message));
  }
}

// ---- registrations ----

function feedbackLink(registration) {
  const attended = registration.attendance === "present" || registration.attendance === "partial";
  if (!attended) return null;
  const href = `/feedback?session=${registration.session_id}`;
  return registration.feedback_given
    ? h("a", { href, class: "button secondary" }, _("Change my feedback"))
    : h("a", { href, class: "button" }, _("Give feedback"));
}

function attendanceText(registration) {
  switch (registration.attendance) {
    case "present": return _("Attended");
    case "partial": return _("Attended part of it");
    case "absent": return _("Marked absent");
    default: return null;
  }
}

function item(registration, { canCancel }) {
  const session = registration.session;
  const statusLine = h("p", { class: "registration-status" },
    h("strong", {}, registrationStatus(registration)),
    session.state === "cancelled" ? ` · ${_("The session was cancelled")}` : null,
    attendanceText(registration) ? ` · ${attendanceText(registration)}` : null);
  const actions = h("div", { class: "actions" });
  if (canCancel && session.state !== "cancelled") {
    // The title, unseen, tells the buttons of the list apart when read out.
    const button = h("button", { type: "button", class: "secondary" },
      registration.status === "waitlisted" ? _("Leave the waitlist") : _("Cancel"),
      h("span", { class: "visually-hidden" }, `: ${session.title}`));
    button.addEventListener("click", async () => {
      button.disabled = true;
      try {
        const answer = await api("DELETE", `/registrations/${registration.id}`);
        announce(registrationResult(answer));
        await loadRegistrations(registrationResult(answer));
      } catch (error) {
        button.disabled = false;
        const form = button.closest("li");
        form.querySelector(".form-error")?.remove();
        form.append(h("p", { class: "form-error", role: "alert" }, error.message));
      }
    });
    actions.append(button);
  }
  const feedback = feedbackLink(registration);
  if (feedback) actions.append(feedback);
  return h("li", { class: "card" },
    h("h3", {}, h("a", { href: `/session?id=${registration.session_id}` }, session.title)),
    h("p", {}, whenElement(session), session.location ? ` · ${session.location}` : null),
    statusLine,
    actions.childElementCount ? actions : null);
}

function section(container, titleId, title, registrations, options, empty) {
  replace(container, h("h2", { id: titleId }, title));
  if (!registrations.length) {
    container.append(h("p", { class: "status" }, empty));
    return;
  }
  container.append(h("ul", { class: "session-list" }, registrations.map((r) => item(r, options))));
}

async function loadRegistrations(message) {
  let registrations;
  try {
    registrations = await allItems("/me/registrations");
  } catch (error) {
    status(upcoming, error.message, { error: true });
    return;
  }
  const now = Date.now();
  const byStart = (a, b) => a.session.starts_at.localeCompare(b.session.starts_at);
  const active = registrations.filter(isActive);
  const soon = active.filter((r) => new Date(r.session.ends_at) > now).sort(byStart);
  const done = active.filter((r) => new Date(r.session.ends_at) <= now).sort(byStart).reverse();
  const dropped = registrations.filter((r) => !isActive(r)).sort(byStart).reverse();
  section(upcoming, "upcoming-title", _("Upcoming"), soon, { canCancel: true },
    _("You have no upcoming sessions."));
  upcoming.querySelector("h2").after(
    h("p", {}, h("a", { href: "/" }, _("Find sessions to register for"))));
  if (message) upcoming.querySelector("h2").after(h("p", { class: "notice" }, message));
  section(past, "past-title", _("Past"), done, { canCancel: false }, _("No past sessions yet."));
  replace(cancelled);
  if (dropped.length) {
    const details = h("details", {},
      h("summary", {}, ngettext("{n} cancelled registration", "{n} cancelled registrations", dropped.length)),
      h("ul", { class: "session-list" }, dropped.map((r) => item(r, { canCancel: false }))));
    cancelled.append(h("h2", {}, _("Cancelled registrations")), details);
  }
}

await loadRegistrations();
await loadFeed();
