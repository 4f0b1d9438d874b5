// Creating a teacher's account: name, email, password and the school,
// picked from a list grouped by organization that a search narrows; then
// signing in with the session cookie (the bearer token the API also
// answers is not kept).
import { allItems, api, signIn } from "/js/api.js";
import { h, param, replace } from "/js/dom.js";
import { field, onSubmit } from "/js/forms.js";
import { _, ngettext } from "/js/i18n.js";
import { startPage, status } from "/js/shell.js";

// Only a path of this site: ?next= must not send anyone elsewhere.
function nextPage() {
  const next = param("next");
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/my-sessions";
}

let showCity = false; // whether the schools are in several cities
const { session, main } = await startPage({ title: _("Create an account") });

if (session) {
  main.append(h("p", {}, _("You are signed in as {name}.", { name: session.account.name }), " ",
    h("a", { href: "/" }, _("See the sessions"))));
} else {
  await build();
}

// "Lincoln Elementary (Riverton)" when the schools are in several cities.
function schoolLabel(school) {
  return showCity && school.city ? `${school.name} (${school.city})` : school.name;
}

function fold(text) {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

async function revoke(token) {
  if (!token) return;
  await fetch("/api/v1/auth/token", {
    method: "DELETE", credentials: "omit", headers: { Authorization: `Bearer ${token}` },
  }).catch(() => {});
}

async function build() {
  const intro = h("p", {}, _("Teachers create their own account to register for sessions. Coordinators and program leads get theirs from pdnet's administrators."));
  let schools;
  try {
    schools = await allItems("/catalog/schools");
  } catch (error) {
    main.append(intro);
    status(main.appendChild(h("div")), error.message, { error: true });
    return;
  }
  showCity = new Set(schools.map((s) => s.city)).size > 1;
  const organizations = new Map();
  for (const school of schools) {
    if (!organizations.has(school.organization_id)) {
      organizations.set(school.organization_id, { name: school.organization_name, schools: [] });
    }
    organizations.get(school.organization_id).schools.push(school);
  }
  const groups = [...organizations.values()].sort((a, b) => a.name.localeCompare(b.name));
  for (const group of groups) group.schools.sort((a, b) => a.name.localeCompare(b.name));

  const search = h("input", {
    type: "search", id: "school-search", autocomplete: "off", "aria-describedby": "school-search-hint",
    "aria-controls": "field-school_id",
  });
  const select = h("select", {
    id: "field-school_id", name: "school_id", required: true, size: 8,
    "aria-describedby": "school-count",
  });
  const count = h("p", { class: "hint", id: "school-count", "aria-live": "polite" });
  const domainHint = h("p", { class: "hint", id: "field-email-domain", "aria-live": "polite" });

  function fill() {
    const words = fold(search.value.trim()).split(/\s+/).filter(Boolean);
    const chosen = select.value;
    let shown = 0;
    replace(select);
    for (const group of groups) {
      const matches = group.schools.filter((school) => {
        const text = fold(`${school.name} ${school.city || ""} ${group.name}`);
        return words.every((word) => text.includes(word));
      });
      if (!matches.length) continue;
      shown += matches.length;
      select.append(h("optgroup", { label: group.name },
        matches.map((school) => h("option", { value: school.id, selected: String(school.id) === chosen || null },
          schoolLabel(school)))));
    }
    count.textContent = shown
      ? ngettext("{n} school matches", "{n} schools match", shown)
      : _("No school matches: try fewer letters.");
  }

  function showDomains() {
    const school = schools.find((s) => String(s.id) === select.value);
    domainHint.textContent = school && school.email_domains.length
      ? _("{organization} takes sign-ups with emails at {domains} only.",
        { organization: school.organization_name, domains: school.email_domains.join(", ") })
      : "";
  }

  search.addEventListener("input", fill);
  select.addEventListener("change", showDomains);
  fill();

  const email = field({ name: "email", label: _("Email"), kind: "email", required: true, autocomplete: "email" });
  email.append(domainHint);
  email.querySelector("input").setAttribute("aria-describedby", "field-email-domain");

  const form = h("form", { novalidate: true, "aria-labelledby": "page-title" },
    field({ name: "name", label: _("Your name"), required: true, autocomplete: "name", maxlength: 200 }),
    email,
    field({
      name: "password", label: _("Password"), kind: "password", required: true, autocomplete: "new-password",
      minlength: 10, hint: _("At least 10 characters."),
    }),
    h("div", { class: "field school-picker", "data-field": "school_id" },
      h("label", { for: "school-search" }, _("Find your school")),
      search,
      h("p", { class: "hint", id: "school-search-hint" }, _("Type part of its name or city; schools are grouped by organization.")),
      h("label", { for: "field-school_id" }, _("Your school")),
      select, count),
    h("div", { class: "actions" }, h("button", { type: "submit" }, _("Create my account"))));

  onSubmit(form, async (data) => {
    const schoolId = Number(data.get("school_id"));
    const body = {
      name: String(data.get("name") || "").trim(),
      email: String(data.get("email") || "").trim(),
      password: String(data.get("password") || ""),
      school_id: Number.isInteger(schoolId) && schoolId > 0 ? schoolId : 0,
    };
    if (!body.school_id) {
      const error = new Error(_("Choose your school from the list"));
      error.field = "school_id";
      throw error;
    }
    // The answer carries a bearer token; the page signs in with the
    // cookie instead and revokes the token, which nothing would keep safe.
    const grant = await api("POST", "/accounts", body);
    await signIn(body.email, body.password);
    await revoke(grant.token);
    location.href = nextPage();
  });

  main.append(intro, form,
    h("p", {}, _("Already have an account? "), h("a", { href: `/sign-in${location.search}` }, _("Sign in"))));
}
