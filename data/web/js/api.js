// The JSON API, as the signed-in browser: the session cookie goes along by
// itself; every state-changing request adds the session's CSRF token. The
// API answers in the page's language (Accept-Language).
import { currentLanguage, _ } from "/js/i18n.js";

const API = "/api/v1";
let sessionPromise = null;

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || _("The request failed"));
    this.status = status;
    this.problem = problem;
    this.field = problem.field || null;
  }
}

// The signed-in account ({account, csrf_token}), or null.
export function getSession({ refresh = false } = {}) {
  if (refresh || sessionPromise === null) {
    sessionPromise = fetch(`${API}/auth/session`, {
      credentials: "same-origin",
      headers: { "Accept-Language": currentLanguage() },
    }).then((response) => (response.ok ? response.json() : null)).catch(() => null);
  }
  return sessionPromise;
}

async function problemOf(response) {
  const type = response.headers.get("Content-Type") || "";
  if (type.includes("json")) {
    try {
      return await response.json();
    } catch {
      /* fall through */
    }
  }
  return { title: response.statusText, status: response.status };
}

// fetch() for the API: JSON in and out; throws ApiError with the problem.
// raw: true gives the Response (CSV, SVG).
export async function api(method, path, body, { raw = false, accept } = {}) {
  const headers = { "Accept-Language": currentLanguage() };
  if (accept) headers.Accept = accept;
  if (method !== "GET" && method !== "HEAD") {
    const session = await getSession();
    if (session) headers["X-CSRF-Token"] = session.csrf_token;
  }
  const init = { method, headers, credentials: "same-origin" };
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(API + path, init);
  } catch {
    throw new ApiError(0, { detail: _("pdnet cannot be reached; check your connection") });
  }
  if (!response.ok) throw new ApiError(response.status, await problemOf(response));
  if (raw) return response;
  if (response.status === 204) return null;
  try {
    return await response.json();
  } catch {
    throw new ApiError(0, { detail: _("pdnet cannot be reached; check your connection") });
  }
}

// Every item of a paged list (limit/cursor/next_cursor), 200 a page.
export async function allItems(path) {
  const items = [];
  let cursor = null;
  do {
    const separator = path.includes("?") ? "&" : "?";
    const after = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
    const page = await api("GET", `${path}${separator}limit=200${after}`);
    items.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return items;
}

export async function signIn(email, password) {
  const session = await api("POST", "/auth/session", { email, password });
  sessionPromise = Promise.resolve(session);
  return session;
}

export async function signOut() {
  await api("DELETE", "/auth/session");
  sessionPromise = Promise.resolve(null);
}
