// One curriculum at one version: its modules (read with a small Markdown
// reader that never makes markup of them), its non-negotiables, releases,
// history and adaptations, and the sessions that taught that version.
// ?release=NAME or ?version=COMMIT-OR-BRANCH picks the version (main by
// default); ?file= the module shown.
import { api } from "/js/api.js";
import { h, param, replace } from "/js/dom.js";
import { _, formatDateTime, ngettext } from "/js/i18n.js";
import { renderMarkdown } from "/js/markdown.js";
import { startPage, status } from "/js/shell.js";

const { account, main } = await startPage({ title: _("Curriculum") });
const content = h("div", {});
main.append(content);
status(content, _("Loading…"));

const slug = param("slug") || "";
const release = param("release");
const version = param("version");
const ref = release || version || null;
const base = `/curricula/${encodeURIComponent(slug)}`;

const short = (commit) => (commit || "").slice(0, 7);
const isCommit = (text) => /^[0-9a-f]{40}$/.test(text || "");

// A link to this page with the given version and file.
function pageLink({ release: r = null, version: v = null, file = null } = {}) {
  const query = new URLSearchParams({ slug });
  if (r) query.set("release", r);
  else if (v) query.set("version", v);
  if (file) query.set("file", file);
  return `/curriculum?${query}`;
}

// The current version's link to @file.
function fileLink(file) {
  return pageLink({ release, version, file });
}

function fileURL(path, commit) {
  const encoded = path.split("/").map(encodeURIComponent).join("/");
  return `/api/v1${base}/files/${encoded}?ref=${encodeURIComponent(commit)}`;
}

function fileName(path) {
  return path.split("/").pop();
}

async function readManifest(commit, fallback) {
  if (!ref) return fallback || {};
  try {
    const response = await api("GET", `${base}/files/curriculum.json?ref=${encodeURIComponent(commit)}`, undefined, { raw: true });
    return JSON.parse(await response.text());
  } catch {
    return fallback || {};
  }
}

// ---- the version being read ----

function versionBanner(curriculum, commit, described, releases) {
  const headCommit = curriculum.head && curriculum.head.commit;
  const released = releases.filter((r) => r.commit === commit).map((r) => r.name);
  let what;
  if (release) what = _("release {name}", { name: release });
  else if (version && !isCommit(version)) what = _("the branch {name}", { name: version });
  else if (version) what = _("version {commit}", { commit: short(commit) });
  else what = _("the latest version");
  const parts = [h("p", {}, _("You are reading {what}.", { what }),
    released.length && !release ? ` ${_("It is release {names}.", { names: released.join(", ") })}` : "",
    described ? ` ${_("Last change: “{message}”, by {author}, {date}.",
      { message: described.message.trim(), author: described.author.name, date: formatDateTime(described.date) })}` : "")];
  if (ref && commit !== headCommit) {
    parts.push(h("p", {}, h("a", { href: pageLink() }, _("Read the latest version instead"))));
  }
  return h("div", { class: "version-banner", role: "note" }, parts);
}

function changeText(file) {
  const what = {
    added: _("added"), deleted: _("deleted"), modified: _("changed"),
    renamed: _("renamed from {path}", { path: file.old_path || "?" }),
  }[file.status] || file.status;
  if (file.binary) return what;
  return `${what} (${_("+{added} / −{removed} lines", { added: file.added, removed: file.removed })})`;
}

async function changesSince(commit, headCommit) {
  if (!ref || !headCommit || commit === headCommit) return null;
  try {
    const diff = await api("GET", `${base}/diff?from=${commit}&to=main`);
    if (!diff.files.length) return null;
    return h("details", { class: "changes" },
      h("summary", {}, ngettext("{n} file has changed in the latest version", "{n} files have changed in the latest version", diff.files.length)),
      h("ul", {}, diff.files.map((f) => h("li", {}, f.path, `: ${changeText(f)}`))));
  } catch {
    return null;
  }
}

// ---- modules ----

function nonNegotiablesOf(manifest, path) {
  return (manifest.non_negotiables || []).filter((n) => (n.files || []).includes(path)).map((n) => n.name);
}

async function documentOf(path, commit) {
  const response = await api("GET", `${base}/files/${path.split("/").map(encodeURIComponent).join("/")}?ref=${commit}`,
    undefined, { raw: true });
  const type = response.headers.get("Content-Type") || "";
  if (!/^text\/|json/.test(type)) {
    return h("p", {}, h("a", { href: fileURL(path, commit), download: fileName(path) },
      _("Download {file}", { file: fileName(path) })));
  }
  const text = await response.text();
  if (/\.(md|markdown)$/i.test(path)) return renderMarkdown(text, { headingOffset: 3 });
  return h("pre", { class: "document-text" }, text);
}

async function modulesSection(tree, manifest) {
  const files = tree.files.map((f) => f.path);
  const modules = files.filter((p) => p.startsWith("modules/"));
  const resources = files.filter((p) => p.startsWith("resources/"));
  const wanted = param("file");
  const shown = files.includes(wanted) ? wanted : modules[0] || null;
  const list = h("ol", { class: "module-list" }, modules.map((path) => {
    const marks = nonNegotiablesOf(manifest, path);
    return h("li", {},
      h("a", { href: fileLink(path), "aria-current": path === shown ? "true" : null }, fileName(path)),
      marks.map((name) => [" ", h("span", { class: "badge" }, _("Non-negotiable: {name}", { name }))]));
  }));
  const section = h("section", { "aria-labelledby": "modules-title" },
    h("h2", { id: "modules-title" }, _("Modules")),
    modules.length ? list : h("p", { class: "status" }, _("This version has no modules.")));
  if (shown) {
    const article = h("article", { class: "document", "aria-labelledby": "document-title" },
      h("h3", { id: "document-title" }, fileName(shown)), h("p", { class: "status" }, _("Loading…")));
    section.append(article);
    try {
      replace(article, article.firstChild, await documentOf(shown, tree.commit));
    } catch (error) {
      replace(article, article.firstChild, h("p", { class: "status error", role: "alert" }, error.message));
    }
  }
  if (resources.length) {
    section.append(h("h3", {}, _("Resources")),
      h("ul", {}, resources.map((path) =>
        h("li", {}, h("a", { href: fileURL(path, tree.commit), download: fileName(path) }, path.slice("resources/".length))))));
  }
  return section;
}

function nonNegotiablesSection(manifest) {
  const list = manifest.non_negotiables || [];
  if (!list.length) return null;
  return h("section", { "aria-labelledby": "non-negotiables-title" },
    h("h2", { id: "non-negotiables-title" }, _("Non-negotiables")),
    h("p", { class: "muted" }, _("What every adaptation must keep, and the files that carry it.")),
    h("ul", {}, list.map((n) => h("li", {}, h("strong", {}, n.name), (n.files || []).length ? ": " : "",
      (n.files || []).map((path, i) => [i ? ", " : "", h("a", { href: fileLink(path) }, path)])))));
}

// ---- releases, history, adaptations ----

function readingThis() {
  return h("span", { class: "badge" }, _("You are reading this"));
}

function releasesSection(releases, commit) {
  return h("section", { "aria-labelledby": "releases-title" },
    h("h2", { id: "releases-title" }, _("Releases")),
    releases.length
      ? h("ul", { class: "releases" }, releases.map((r) => h("li", {},
        h("a", { href: pageLink({ release: r.name }) }, _("Release {name}", { name: r.name })),
        r.date ? ` · ${formatDateTime(r.date)}` : "", r.tagger ? ` · ${r.tagger}` : "",
        r.commit === commit && ref ? [" ", readingThis()] : null,
        r.notes ? h("p", { class: "muted" }, r.notes) : null)))
      : h("p", { class: "status" }, _("No version has been released yet.")));
}

function historySection(releases, commit) {
  const list = h("ol", { class: "history" });
  const more = h("button", { type: "button", class: "secondary", hidden: true }, _("Show older changes"));
  const section = h("section", { "aria-labelledby": "history-title" },
    h("h2", { id: "history-title" }, _("History")),
    h("p", { class: "muted" }, _("Every change to the latest version, newest first.")),
    list, h("div", { class: "actions" }, more));
  let cursor = null;

  function item(change) {
    const names = releases.filter((r) => r.commit === change.commit).map((r) => r.name);
    return h("li", {},
      h("strong", {}, change.message.trim() || _("(no message)")),
      names.map((name) => [" ", h("span", { class: "badge" }, _("Release {name}", { name }))]),
      change.commit === commit && ref ? [" ", readingThis()] : null,
      h("div", { class: "muted" }, _("{author}, {date}", { author: change.author.name, date: formatDateTime(change.date) })),
      (change.files_changed || []).length
        ? h("div", {}, _("Changed: {files}", { files: change.files_changed.join(", ") })) : null,
      h("a", { href: pageLink({ version: change.commit }) }, _("Read this version"),
        h("span", { class: "visually-hidden" }, ` (${short(change.commit)})`)));
  }

  async function load() {
    const query = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
    const page = await api("GET", `${base}/history?limit=20${query}`);
    list.append(...page.items.map(item));
    cursor = page.next_cursor;
    more.hidden = !cursor;
  }
  more.addEventListener("click", async () => {
    more.disabled = true;
    await load().catch((error) => section.append(h("p", { class: "status error", role: "alert" }, error.message)));
    more.disabled = false;
  });
  return { section, load };
}

function adaptationsSection(curriculum) {
  const list = curriculum.adaptations || [];
  if (!list.length) return null;
  return h("section", { "aria-labelledby": "adaptations-title" },
    h("h2", { id: "adaptations-title" }, _("Adaptations")),
    h("ul", {}, list.map((org) => h("li", {},
      h("a", { href: pageLink({ version: `adaptations/${org}` }) }, _("The adaptation of {organization}", { organization: org }))))));
}

// ---- sessions that taught it ----

async function sessionsSection(commit, releases) {
  const title = ref ? _("Sessions that taught this version") : _("Sessions that used this curriculum");
  const section = h("section", { "aria-labelledby": "taught-title" }, h("h2", { id: "taught-title" }, title));
  if (!account) {
    section.append(h("p", {}, _("Only people signed in see which sessions taught it."), " ",
      h("a", { href: `/sign-in?next=${encodeURIComponent(location.pathname + location.search)}` }, _("Sign in"))));
    return section;
  }
  const query = new URLSearchParams({ curriculum: slug, limit: "100" });
  if (ref) query.set("curriculum_commit", commit);
  try {
    const page = await api("GET", `/sessions?${query}`);
    if (!page.items.length) {
      section.append(h("p", { class: "status" }, ref ? _("No session has taught this version.") : _("No session has used this curriculum yet.")));
      return section;
    }
    section.append(h("ul", { class: "taught" }, page.items.map((s) => {
      const pinned = s.curriculum && s.curriculum.commit;
      const names = releases.filter((r) => r.commit === pinned).map((r) => r.name);
      const taught = names.length ? _("release {name}", { name: names.join(", ") }) : _("version {commit}", { commit: short(pinned) });
      return h("li", {},
        h("a", { href: `/session?id=${s.id}` }, s.title),
        ` · ${formatDateTime(s.starts_at, s.time_zone)}`,
        s.state === "cancelled" ? ` · ${_("cancelled")}` : "",
        h("div", {}, _("Taught:"), " ",
          h("a", { href: names.length ? pageLink({ release: names[0] }) : pageLink({ version: pinned }) }, taught)));
    })));
    if (page.next_cursor) section.append(h("p", { class: "muted" }, _("Only the first 100 sessions are listed.")));
  } catch (error) {
    section.append(h("p", { class: "status error", role: "alert" }, error.message));
  }
  return section;
}

async function load() {
  if (!slug) {
    status(content, _("This link does not name a curriculum."), { error: true });
    return;
  }
  const curriculum = await api("GET", base);
  document.getElementById("page-title").textContent = curriculum.title;
  document.title = `${curriculum.title} · pdnet`;
  const refQuery = ref ? `?ref=${encodeURIComponent(ref)}` : "";
  const [tree, releaseList, described] = await Promise.all([
    api("GET", `${base}/tree${refQuery}`),
    api("GET", `${base}/releases`),
    api("GET", `${base}/history?limit=1${ref ? `&ref=${encodeURIComponent(ref)}` : ""}`).then((p) => p.items[0], () => null),
  ]);
  const releases = releaseList.items || [];
  const commit = tree.commit;
  const manifest = await readManifest(commit, curriculum.manifest);
  const history = historySection(releases, commit);
  const [modules, changes, sessions] = await Promise.all([
    modulesSection(tree, manifest),
    changesSince(commit, curriculum.head && curriculum.head.commit),
    sessionsSection(commit, releases),
    history.load(),
  ]);
  const facts = [
    [_("Visibility"), curriculum.visibility === "private" ? _("Private") : _("Public")],
    manifest.audience ? [_("Audience"), manifest.audience] : null,
    manifest.program_type ? [_("Program type"), manifest.program_type] : null,
    manifest.owner_organization ? [_("Owner"), manifest.owner_organization] : null,
  ].filter(Boolean);
  replace(content,
    manifest.summary ? h("p", { class: "lead-text" }, manifest.summary) : null,
    h("dl", { class: "pairs" }, facts.map(([term, value]) => [h("dt", {}, term), h("dd", {}, value)])),
    versionBanner(curriculum, commit, described, releases), changes,
    modules, nonNegotiablesSection(manifest), sessions, releasesSection(releases, commit),
    history.section, adaptationsSection(curriculum),
    h("p", {}, h("a", { href: "/curricula" }, _("All curricula"))));
}

load().catch((error) => status(content, error.message, { error: true }));
