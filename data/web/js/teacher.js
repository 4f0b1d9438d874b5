// What the teacher pages share: sessions' times in their own time zone,
// seats and registration statuses.
import { h } from "/js/dom.js";
import { _, currentLanguage, ngettext } from "/js/i18n.js";

function zoneName(date, timeZone) {
  const parts = new Intl.DateTimeFormat(currentLanguage(), { timeZone, timeZoneName: "short" })
    .formatToParts(date);
  const part = parts.find((p) => p.type === "timeZoneName");
  return part ? part.value : timeZone;
}

// "5 Dec 2026, 9:00 – 12:00 CST": start and end in the session's time zone.
export function sessionWhen(session) {
  const start = new Date(session.starts_at);
  const end = new Date(session.ends_at);
  const format = new Intl.DateTimeFormat(currentLanguage(), {
    dateStyle: "medium", timeStyle: "short", timeZone: session.time_zone,
  });
  const range = typeof format.formatRange === "function"
    ? format.formatRange(start, end) : `${format.format(start)} – ${format.format(end)}`;
  return `${range} ${zoneName(start, session.time_zone)}`;
}

// A <time> with the session's times, machine-readable too.
export function whenElement(session) {
  return h("time", { datetime: session.starts_at }, sessionWhen(session));
}

// A moment (registration opens, cutoff) in the session's time zone.
export function momentIn(iso, timeZone) {
  const date = new Date(iso);
  const text = new Intl.DateTimeFormat(currentLanguage(), {
    dateStyle: "medium", timeStyle: "short", timeZone,
  }).format(date);
  return `${text} ${zoneName(date, timeZone)}`;
}

// "Beacon Collegiate gymnasium, Beacon Collegiate High School".
export function sessionWhere(session) {
  const parts = [session.location, session.host_school_name].filter(Boolean);
  return parts.length ? parts.join(", ") : _("Place to be announced");
}

export function seatsText(session) {
  if (session.seats_left === null || session.seats_left === undefined) {
    return _("Open to all: no seat limit");
  }
  if (session.seats_left > 0) {
    return ngettext("{n} seat left", "{n} seats left", session.seats_left);
  }
  if (session.waitlist_size > 0) {
    return ngettext("Full: {n} person on the waitlist", "Full: {n} people on the waitlist",
      session.waitlist_size);
  }
  return _("Full: the waitlist is empty");
}

// A short badge of the seats, styled by how many are left.
export function seatsBadge(session) {
  const full = session.seats_left === 0;
  return h("span", { class: full ? "seats seats-full" : "seats" }, seatsText(session));
}

// What a registration is, in words: "On the waitlist, position 3".
export function registrationStatus(registration) {
  switch (registration.status) {
    case "registered":
      return _("Registered");
    case "waitlisted":
      return _("On the waitlist, position {position}", { position: registration.position });
    case "pending-approval":
      return _("Awaiting approval");
    case "cancelled":
      return _("Cancelled");
    default:
      return registration.status;
  }
}

// The answer to a registration, as a sentence.
export function registrationResult(registration) {
  switch (registration.status) {
    case "registered":
      return _("You are registered.");
    case "waitlisted":
      return _("The session is full: you are on the waitlist, position {position}.",
        { position: registration.position });
    case "pending-approval":
      return _("Your registration awaits approval.");
    case "cancelled":
      return _("Your registration is cancelled.");
    default:
      return registration.status;
  }
}

export function isActive(registration) {
  return registration.status !== "cancelled";
}

// The start of a local date (yyyy-mm-dd) on this device, as an ISO time.
export function startOfDay(date) {
  return new Date(`${date}T00:00:00`).toISOString();
}

// The start of the day after a local date.
export function endOfDay(date) {
  const day = new Date(`${date}T00:00:00`);
  day.setDate(day.getDate() + 1);
  return day.toISOString();
}

// Today's date (yyyy-mm-dd) in @timeZone, or on this device.
export function today(timeZone) {
  const options = { year: "numeric", month: "2-digit", day: "2-digit" };
  if (timeZone) options.timeZone = timeZone;
  return new Intl.DateTimeFormat("en-CA", options).format(new Date());
}

// The date (yyyy-mm-dd) a moment falls on in @timeZone.
export function dateIn(iso, timeZone) {
  return new Intl.DateTimeFormat("en-CA", {
    year: "numeric", month: "2-digit", day: "2-digit", timeZone,
  }).format(new Date(iso));
}
