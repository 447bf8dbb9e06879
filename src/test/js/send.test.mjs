import { test } from "node:test";
import assert from "node:assert/strict";
import { HitchClient, setup, connect, flush } from "./fake-websocket.mjs";

test("send calls the callback with the reply's data", async (t) => {
  const { client, socket } = setup(t);
  const ws = connect(socket());
  const got = [];
  client.send("hello", { name: "Ada" }, (data) => got.push(data));
  assert.deepEqual(ws.lastFrame(), { route: "hello", id: 1, data: { name: "Ada" } });
  ws.serverSend({ re: 1, data: { message: "Hello, Ada!" } });
  await flush();
  assert.deepEqual(got, [{ message: "Hello, Ada!" }]);
});

test("send returns the request's promise, resolved with the reply's data", async (t) => {
  const { client, socket } = setup(t);
  const ws = connect(socket());
  const promise = client.send("echo", 5);
  ws.serverSend({ re: 1, data: 5 });
  assert.equal(await promise, 5);
});

test("send accepts a callback in place of the data", async (t) => {
  const { client, socket } = setup(t);
  const ws = connect(socket());
  const got = [];
  client.send("time", (data) => got.push(data));
  assert.deepEqual(ws.lastFrame(), { route: "time", id: 1 });
  ws.serverSend({ re: 1, data: 123 });
  await flush();
  assert.deepEqual(got, [123]);
});

test("a send callback declaring two parameters gets undefined and the error on an error reply", async (t) => {
  const { client, socket } = setup(t);
  const ws = connect(socket());
  const calls = [];
  client.send("hello", { name: "" }, (data, error) => calls.push([data, error]));
  ws.serverSend({ re: 1, error: { code: "bad_data", message: "invalid" } });
  await flush();
  assert.equal(calls.length, 1);
  assert.equal(calls[0][0], undefined);
  assert.equal(calls[0][1].code, "bad_data");
});

test("a send callback declaring two parameters gets the timeout error", async (t) => {
  const { client, socket } = setup(t, { timeoutMs: 50 });
  connect(socket());
  const errors = [];
  client.send("slow", null, (data, error) => errors.push(error));
  t.mock.timers.tick(50);
  await flush();
  assert.equal(errors[0].code, "timeout");
});

test("a send callback declaring one parameter is not called on an error; an error event is dispatched", async (t) => {
  const { client, socket } = setup(t);
  const ws = connect(socket());
  const calls = [];
  const events = [];
  client.addEventListener("error", (e) => events.push(e.detail));
  client.send("hello", { name: "" }, (data) => calls.push(data));
  ws.serverSend({ re: 1, error: { code: "bad_data", message: "invalid" } });
  await flush();
  assert.deepEqual(calls, []);
  assert.equal(events.length, 1);
  assert.ok(events[0] instanceof HitchClient.HitchError);
  assert.equal(events[0].code, "bad_data");
});

test("a send without callback reports its failure as an error event", async (t) => {
  const { client, socket } = setup(t);
  const ws = connect(socket());
  const events = [];
  client.addEventListener("error", (e) => events.push(e.detail.code));
  client.send("echo", 1);
  ws.serverClose(1006);
  await flush();
  assert.deepEqual(events, ["disconnected"]);
});

test("a failed send is console.warn'ed when no error listener is registered", async (t) => {
  const warn = t.mock.method(console, "warn", () => {});
  const { client, socket } = setup(t);
  const ws = connect(socket());
  client.send("hello", { name: "" }, (data) => data);
  ws.serverSend({ re: 1, error: { code: "bad_data", message: "invalid" } });
  await flush();
  assert.equal(warn.mock.callCount(), 1);
  assert.match(warn.mock.calls[0].arguments[0], /bad_data/);
});

test("a failed send is not console.warn'ed when an error listener handled it", async (t) => {
  const warn = t.mock.method(console, "warn", () => {});
  const { client, socket } = setup(t);
  const ws = connect(socket());
  client.addEventListener("error", { handleEvent() {} });
  client.send("hello", { name: "" }, (data) => data);
  ws.serverSend({ re: 1, error: { code: "bad_data", message: "invalid" } });
  await flush();
  assert.equal(warn.mock.callCount(), 0);
});

test("a removed error listener no longer counts as a listener", async (t) => {
  const warn = t.mock.method(console, "warn", () => {});
  const { client, socket } = setup(t);
  const ws = connect(socket());
  const listener = () => {};
  client.addEventListener("error", listener);
  client.removeEventListener("error", listener);
  client.send("hello", { name: "" }, (data) => data);
  ws.serverSend({ re: 1, error: { code: "bad_data", message: "invalid" } });
  await flush();
  assert.equal(warn.mock.callCount(), 1);
});

test("ignoring the promise of a failed send causes no unhandled rejection", async (t) => {
  t.mock.method(console, "warn", () => {});
  const unhandled = [];
  const onUnhandled = (reason) => unhandled.push(reason);
  process.on("unhandledRejection", onUnhandled);
  t.after(() => process.off("unhandledRejection", onUnhandled));
  const { client, socket } = setup(t, { timeoutMs: 10 });
  const ws = connect(socket());
  client.send("a", 1, (data) => data);
  client.send("b", 2);
  client.send("c", 3, (data, error) => error);
  ws.serverSend({ re: 1, error: { code: "bad_data", message: "no" } });
  t.mock.timers.tick(10);
  await flush();
  await flush();
  assert.deepEqual(unhandled, []);
});

test("an exception thrown by a send callback does not reject the returned promise", async (t) => {
  t.mock.method(console, "error", () => {});
  const { client, socket } = setup(t);
  const ws = connect(socket());
  const promise = client.send("echo", 1, () => { throw new Error("app bug"); });
  ws.serverSend({ re: 1, data: 1 });
  assert.equal(await promise, 1);
  await flush();
});
