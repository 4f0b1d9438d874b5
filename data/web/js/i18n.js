// Translations: _() and ngettext() are the gettext keywords xgettext reads
// (po/POTFILES.in lists these files), so the web pages' strings live in
// po/es.po with the daemon's; tools/web-catalog writes i18n/<lang>.json.
const SUPPORTED = ["en", "es"];
const STORAGE_KEY = "pdnet-language";
let catalog = {};
let language = "en";

function chooseLanguage() {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (SUPPORTED.includes(saved)) return saved;
  for (const tag of navigator.languages || [navigator.language || "en"]) {
    const primary = tag.toLowerCase().split("-")[0];
    if (SUPPORTED.includes(primary)) return primary;
  }
  return "en";
}

// Loads the catalog of the chosen language, once: this module awaits it
// itself (below), so _() already translates while a page's top-level code
// runs, such as the title it passes to startPage(). Without the catalog
// (say, the page is left while it loads) the words stay in English.
let loading = null;
export function loadLanguage() {
  loading ??= (async () => {
    language = chooseLanguage();
    document.documentElement.lang = language;
    catalog = {};
    if (language !== "en") {
      try {
        const response = await fetch(`/i18n/${language}.json`, { credentials: "same-origin" });
        if (response.ok) catalog = await response.json();
      } catch {
        /* English, then */
      }
    }
    return language;
  })();
  return loading;
}
await loadLanguage();

export function currentLanguage() {
  return language;
}

// Remembers the choice and reloads the page in that language.
export function switchLanguage(next) {
  if (!SUPPORTED.includes(next)) return;
  localStorage.setItem(STORAGE_KEY, next);
  location.reload();
}

// "{name}" placeholders, filled from vars.
export function format(text, vars = {}) {
  return text.replace(/\{(\w+)\}/g, (whole, key) => (key in vars ? String(vars[key]) : whole));
}

export function _(msgid, vars) {
  const found = catalog[msgid];
  return format(typeof found === "string" && found !== "" ? found : msgid, vars);
}

// English and Spanish both use "one" for 1 and the plural otherwise.
export function ngettext(singular, plural, n, vars = {}) {
  const found = catalog[singular];
  const forms = Array.isArray(found) ? found : [singular, plural];
  return format(n === 1 ? forms[0] : forms[1] || plural, { n, ...vars });
}

export function formatDateTime(iso, timeZone) {
  const options = { dateStyle: "medium", timeStyle: "short" };
  if (timeZone) options.timeZone = timeZone;
  return new Intl.DateTimeFormat(language, options).format(new Date(iso));
}

export function formatDate(isoDate) {
  const [y, m, d] = isoDate.split("-").map(Number);
  return new Intl.DateTimeFormat(language, { dateStyle: "medium", timeZone: "UTC" })
    .format(new Date(Date.UTC(y, m - 1, d)));
}

export function formatNumber(value, digits) {
  const options = digits === undefined ? {} : { maximumFractionDigits: digits };
  return new Intl.NumberFormat(language, options).format(value);
}

// 0.4 -> "40%" ("40 %" in Spanish), to a tenth of a percent.
export function formatPercent(fraction) {
  return new Intl.NumberFormat(currentLanguage(), { style: "percent", maximumFractionDigits: 1 }).format(fraction);
}
