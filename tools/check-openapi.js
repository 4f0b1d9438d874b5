// SPDX-License-Identifier: GPL-3.0-or-later
// Validates OpenAPI documents with @apidevtools/swagger-parser: the
// structure against the OpenAPI schema of the document's version, and
// every $ref; then that every security requirement names a declared
// scheme, which the schema cannot check. Usage: node check-openapi.js
// FILE...; exits 1 if any is invalid.
"use strict";

const SwaggerParser = require("@apidevtools/swagger-parser");

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

function checkSecurity(api) {
  const schemes = Object.keys((api.components || {}).securitySchemes || {});
  const requirements = [["the document", api.security || []]];

  for (const [path, item] of Object.entries(api.paths || {}))
    for (const method of METHODS)
      if (item[method] && item[method].security)
        requirements.push([`${method.toUpperCase()} ${path}`, item[method].security]);
  for (const [where, list] of requirements)
    for (const requirement of list)
      for (const name of Object.keys(requirement))
        if (!schemes.includes(name))
          throw new Error(`${where} requires the undeclared security scheme "${name}"`);
}

async function check(file) {
  try {
    const api = await SwaggerParser.validate(file);
    checkSecurity(api);
    const operations = Object.values(api.paths).reduce(
      (n, item) => n + Object.keys(item).filter((k) => k !== "parameters").length, 0);
    console.log(`${file}: valid OpenAPI ${api.openapi}, ${operations} operations`);
    return true;
  } catch (err) {
    console.error(`${file}: ${err.message}`);
    return false;
  }
}

(async () => {
  let ok = true;
  for (const file of process.argv.slice(2))
    ok = (await check(file)) && ok;
  process.exit(ok ? 0 : 1);
})();
