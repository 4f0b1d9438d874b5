// What every page shares: the header with the navigation for the signed-in
// role, the language switch, a skip link and the page's <main>.
import { getSession, signOut } from "/js/api.js";
import { h, replace } from "/js/dom.js";
import { _, currentLanguage, loadLanguage, switchLanguage } from "/js/i18n.js";

function links(account) {
  const items = [{ href: "/", label: _("Sessions") }];
  if (!account) return items;
  const role = account.role;
  if (account.person_id) {
    items.push({ href: "/my-sessions", label: _("My sessions") },
      { href: "/check-in", label: _("Check in") },
      { href: "/transcript", label: _("Transcript") });
  }
  if (role === "coordinator" || role === "admin") {
    items.push({ href: "/schedule", label: _("Schedule") },
      { href: "/dashboard", label: _("Dashboard") });
  }
  if (role === "lead" || role === "coordinator" || role === "admin") {
    items.push({ href: "/analyses", label: _("Analyses") });
  }
  items.push({ href: "/curricula", label: _("Curricula") });
  return items;
}

function languageSwitch() {
  const select = h("select", { id: "language", name: "language" },
    h("option", { value: "en", lang: "en", selected: currentLanguage() === "en" || null }, "English"),
    h("option", { value: "es", lang: "es", selected: currentLanguage() === "es" || null }, "Español"));
  select.addEventListener("change", () => switchLanguage(select.value));
  return h("div", { class: "language" }, h("label", { for: "language" }, _("Language")), select);
}

function accountArea(session) {
  if (!session) {
    const next = encodeURIComponent(location.pathname + location.search);
    return h("div", { class: "account" },
      h("a", { href: `/sign-in?next=${next}` }, _("Sign in")),
      h("a", { href: "/sign-up" }, _("Create an account")));
  }
  const button = h("button", { type: "button", class: "link" }, _("Sign out"));
  button.addEventListener("click", async () => {
    await signOut().catch(() => {});
    location.href = "/";
  });
  return h("div", { class: "account" },
    h("span", { class: "who" }, session.account.name), button);
}

function header(session) {
  const here = location.pathname;
  const nav = h("nav", { "aria-label": _("Main") },
    h("ul", {}, links(session && session.account).map((item) =>
      h("li", {}, h("a", { href: item.href, "aria-current": item.href === here ? "page" : null }, item.label)))));
  return h("header", { class: "site-header" },
    h("a", { class: "skip", href: "#main" }, _("Skip to content")),
    h("div", { class: "bar" }, h("a", { class: "brand", href: "/" }, "pdnet"),
      languageSwitch(), accountArea(session)),
    nav);
}

/* Starts a page: language, session, header. With roles, a signed-out
 * visitor goes to sign in and a wrong role sees why. Returns
 * {session, account, main} where main is the emptied <main>. */
export async function startPage({ title, roles, needsPerson = false } = {}) {
  await loadLanguage();
  const session = await getSession();
  const account = session ? session.account : null;
  document.title = title ? `${title} · pdnet` : "pdnet";
  document.body.prepend(header(session));
  const main = document.getElementById("main");
  replace(main);
  if ((roles || needsPerson) && !account) {
    location.replace(`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`);
    return new Promise(() => {});
  }
  if ((roles && !roles.includes(account.role)) || (needsPerson && !account.person_id)) {
    main.append(h("h1", {}, title), h("p", { role: "alert" }, _("Your account cannot use this page.")));
    return new Promise(() => {});
  }
  if (title) main.append(h("h1", { id: "page-title" }, title));
  return { session, account, main };
}

// A short loading / empty / error message inside @container.
export function status(container, text, { error = false } = {}) {
  return replace(container, h("p", { class: error ? "status error" : "status", role: error ? "alert" : "status" }, text));
}
