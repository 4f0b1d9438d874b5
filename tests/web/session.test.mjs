// Signing in with the session cookie, and what protects it.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { DEMO, checkAccessibility, screenshot, setUp, signIn } from "./harness.mjs";

let world;
before(async () => (world = await setUp()));
after(async () => world && world.tearDown());

test("sign-in page is accessible and signs a teacher in with an HttpOnly cookie", async () => {
  const page = await world.page();
  await page.goto("/sign-in");
  await checkAccessibility(page, "sign-in");
  await screenshot(page, "sign-in");
  await signIn(page, DEMO.teacher);
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name === "pdnet_session");
  assert.ok(session, "the session cookie is set");
  assert.equal(session.httpOnly, true);
  assert.equal(session.sameSite, "Strict");
  assert.equal(await page.evaluate(() => document.cookie.includes("pdnet_session")), false);
  await page.getByRole("button", { name: "Sign out" }).waitFor();
});

test("a wrong password is shown on the form, in Spanish too", async () => {
  const page = await world.page({ locale: "es-ES" });
  await page.goto("/sign-in");
  await page.getByLabel("Correo electrónico").fill(DEMO.teacher);
  await page.getByLabel("Contraseña").fill("not the password");
  await page.getByRole("button", { name: "Iniciar sesión" }).click();
  await page.getByRole("alert").filter({ hasText: "contraseña" }).waitFor();
  await screenshot(page, "sign-in-error-es");
});

test("a POST without the CSRF token is refused, and so is one from another site", async () => {
  const page = await world.page();
  await signIn(page, DEMO.teacher);
  const status = await page.evaluate(async () => {
    const response = await fetch("/api/v1/auth/session", { method: "DELETE" });
    return { status: response.status, body: await response.json() };
  });
  assert.equal(status.status, 403);
  assert.equal(status.body.field, "X-CSRF-Token");
  // A form on another origin posting to pdnet with the browser's cookie.
  const other = await world.page();
  await other.context().addCookies(await page.context().cookies());
  await other.route("http://attacker.test/", (route) => route.fulfill({
    contentType: "text/html",
    body: `<form method="post" action="${world.daemon.url}/api/v1/sessions/1/registrations"
      enctype="text/plain"><input name='{"x":"' value='"}'></form>`,
  }));
  await other.goto("http://attacker.test/");
  const [response] = await Promise.all([
    other.waitForResponse((r) => r.url().includes("/registrations")),
    other.evaluate(() => document.forms[0].submit()),
  ]);
  assert.equal(response.status(), 403);
  await screenshot(other, "cross-site-post-refused");
  const still = await page.evaluate(async () => (await fetch("/api/v1/auth/session")).status);
  assert.equal(still, 200, "the refused requests changed nothing");
});

test("an address with no page says so, accessibly, in both languages", async () => {
  for (const locale of ["en-US", "es-ES"]) {
    const page = await world.page({ locale });
    const response = await page.goto("/no-such-page");
    assert.equal(response.status(), 404);
    await page.getByRole("heading", { level: 1 }).waitFor();
    await checkAccessibility(page, `not-found-${locale}`);
    await screenshot(page, `not-found-${locale}`);
  }
});
