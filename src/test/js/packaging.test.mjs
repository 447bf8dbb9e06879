import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import vm from "node:vm";
import HitchDefault, { HitchClient, HitchError } from "../../main/webapp/js/hitch.mjs";

const scriptPath = new URL("../../main/webapp/js/hitch.js", import.meta.url);
const source = readFileSync(scriptPath, "utf8");

function contextWithBrowserGlobals() {
  return vm.createContext({ EventTarget, Event, CustomEvent, URL, console });
}

test("the ES module exports HitchClient as its default and as a named export", () => {
  assert.equal(typeof HitchClient, "function");
  assert.equal(HitchDefault, HitchClient);
});

test("the ES module also defines globalThis.HitchClient, like the classic script", () => {
  assert.equal(globalThis.HitchClient, HitchClient);
});

test("the ES module exports HitchError, the same class as HitchClient.HitchError", () => {
  assert.equal(HitchError, HitchClient.HitchError);
});

test("requiring hitch.js as CommonJS returns the HitchClient class", () => {
  const require = createRequire(import.meta.url);
  assert.equal(require(scriptPath.pathname), HitchClient);
});

test("hitch.js run as a classic sloppy-mode script defines a global HitchClient", () => {
  const context = contextWithBrowserGlobals();
  vm.runInContext(source, context, { filename: "hitch.js" });
  assert.equal(typeof context.HitchClient, "function");
  assert.equal(typeof context.HitchClient.HitchError, "function");
});

test("hitch.js also evaluates as strict-mode code, as it does inside a module", () => {
  const context = contextWithBrowserGlobals();
  vm.runInContext('"use strict";\n' + source, context, { filename: "hitch.js" });
  assert.equal(typeof context.HitchClient, "function");
});

test("HitchClient extends EventTarget", () => {
  assert.ok(HitchClient.prototype instanceof EventTarget);
});

test("a HitchError is an Error carrying code, message and details", () => {
  const err = new HitchError("bad_data", "name must not be blank", [{ path: "name", message: "must not be blank" }]);
  assert.ok(err instanceof Error);
  assert.equal(err.name, "HitchError");
  assert.equal(err.code, "bad_data");
  assert.equal(err.message, "name must not be blank");
  assert.deepEqual(err.details, [{ path: "name", message: "must not be blank" }]);
});

test("a HitchError serializes to JSON in the wire shape of an error", () => {
  assert.deepEqual(JSON.parse(JSON.stringify(new HitchError("timeout", "too slow"))), { code: "timeout", message: "too slow" });
});
