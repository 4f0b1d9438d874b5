// The shared curricula: their titles, who changed them last and when.
// Signed out, only the public ones.
import { api } from "/js/api.js";
import { h, replace } from "/js/dom.js";
import { _, formatDateTime } from "/js/i18n.js";
import { startPage, status } from "/js/shell.js";

const { main } = await startPage({ title: _("Curricula") });
const content = h("div", {});
main.append(content);
status(content, _("Loading…"));

function card(curriculum) {
  const head = curriculum.head || {};
  return h("li", { class: "card" },
    h("h2", {}, h("a", { href: `/curriculum?slug=${encodeURIComponent(curriculum.slug)}` }, curriculum.title)),
    h("p", { class: "muted" },
      curriculum.visibility === "private" ? _("Private") : _("Public"),
      head.date ? ` · ${_("last changed {date} by {author}", { date: formatDateTime(head.date), author: head.author || "?" })}` : ""));
}

const list = h("ul", { class: "cards" });
const more = h("button", { type: "button", class: "secondary", hidden: true }, _("Show more curricula"));
let cursor = null;

async function loadPage() {
  const query = cursor ? `?cursor=${encodeURIComponent(cursor)}` : "";
  const page = await api("GET", `/curricula${query}`);
  list.append(...page.items.map(card));
  cursor = page.next_cursor;
  more.hidden = !cursor;
  return page;
}

more.addEventListener("click", async () => {
  more.disabled = true;
  await loadPage().catch((error) => content.append(h("p", { class: "status error", role: "alert" }, error.message)));
  more.disabled = false;
});

try {
  const first = await loadPage();
  if (first.items.length === 0) {
    status(content, _("There are no curricula yet."));
  } else {
    replace(content, h("p", {}, _("Each curriculum keeps every version: read its modules, its history and its releases.")),
      list, h("div", { class: "actions" }, more));
  }
} catch (error) {
  status(content, error.message, { error: true });
}
