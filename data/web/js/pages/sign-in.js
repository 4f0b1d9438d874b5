import { signIn } from "/js/api.js";
import { h, param } from "/js/dom.js";
import { field, onSubmit } from "/js/forms.js";
import { _ } from "/js/i18n.js";
import { startPage } from "/js/shell.js";

// Only a path of this site: ?next= must not send anyone elsewhere.
function nextPage() {
  const next = param("next");
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/";
}

const { main } = await startPage({ title: _("Sign in") });
const form = h("form", { novalidate: true },
  field({ name: "email", label: _("Email"), kind: "email", required: true, autocomplete: "username" }),
  field({ name: "password", label: _("Password"), kind: "password", required: true, autocomplete: "current-password" }),
  h("div", { class: "actions" }, h("button", { type: "submit" }, _("Sign in"))));
onSubmit(form, async (data) => {
  await signIn(data.get("email"), data.get("password"));
  location.href = nextPage();
});
main.append(form,
  h("p", {}, _("New to pdnet? "), h("a", { href: "/sign-up" }, _("Create an account"))));
