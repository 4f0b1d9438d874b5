import { h } from "/js/dom.js";
import { _ } from "/js/i18n.js";
import { startPage } from "/js/shell.js";

const { main } = await startPage({ title: _("Page not found") });
main.append(h("p", {}, _("There is no page at this address. "),
  h("a", { href: "/" }, _("See the sessions"))));
