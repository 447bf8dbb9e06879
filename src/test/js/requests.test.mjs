import { test } from "node:test";
import assert from "node:assert/strict";
import { HitchClient, setup, connect, settle, flush } from "./fake-websocket.mjs";

const { HitchError } = HitchClient;

test("request sends a request frame and resolves with the reply's data", async (t) => {
  const { client, socket } = setup(t);
  const ws = connect(socket());
  const reply = client.request("echo", { text: "hi" });
  assert.deepEqual(ws.lastFrame(), { route: "echo", id: 1, data: { text: "hi" } });
  ws.serverSend({ re: 1, data: { text: "hi" } });
  assert.deepEqual(await reply, { text: "hi" });
});

test("a reply without data resolves with null", async (t) => {
  const { client, socket } = setup(t);
  const ws = connect(socket());
  const reply = client.request("echo");
  ws.serverSend({ re: 1 });
  assert.equal(await reply, null);
});

test("a request without data sends a frame without a data member", (t) => {
  const { client, socket } = setup(t);
  const ws = connect(socket());
  client.request("echo");
  assert.deepEqual(ws.lastFrame(), { route: "echo", id: 1 });
});

test("an error reply rejects with a HitchError carrying the code, message and details", async (t) => {
  const { client, socket } = setup(t);
  const ws = connect(socket());
  const reply = client.request("hello", { name: "" });
  const details = [{ path: "name", message: "must not be blank" }];
  ws.serverSend({ re: 1, error: { code: "bad_data", message: "invalid data", details } });
  const { error } = await settle(reply);
  assert.ok(error instanceof HitchError);
  assert.equal(error.code, "bad_data");
  assert.equal(error.message, "invalid data");
  assert.deepEqual(error.details, details);
});

test("request ids count up from 1 on a connection", (t) => {
  const { client, socket } = setup(t);
  const ws = connect(socket());
  client.request("a");
  client.request("b");
  client.request("c");
  assert.deepEqual(ws.frames.map((f) => f.id), [1, 2, 3]);
});

test("request ids start again at 1 on a new connection", async (t) => {
  const { client, socket } = setup(t);
  const first = connect(socket());
  settle(client.request("a"));
  settle(client.request("b"));
  first.serverClose();
  t.mock.timers.tick(15000);
  const second = connect(socket());
  client.request("c");
  assert.notEqual(first, second);
  assert.equal(second.lastFrame().id, 1);
});

test("replies are matched to their requests by id, in any order", async (t) => {
  const { client, socket } = setup(t);
  const ws = connect(socket());
  const a = client.request("a");
  const b = client.request("b");
  ws.serverSend({ re: 2, data: "B" });
  ws.serverSend({ re: 1, data: "A" });
  assert.deepEqual(await Promise.all([a, b]), ["A", "B"]);
});

test("calls made before the socket opens are queued and sent in order on open", (t) => {
  const { client, socket } = setup(t);
  settle(client.request("first", 1));
  client.notify("second", 2);
  settle(client.request("third", 3));
  const ws = socket();
  assert.equal(ws.sent.length, 0);
  ws.serverOpen();
  assert.deepEqual(ws.frames, [
    { route: "first", id: 1, data: 1 },
    { route: "second", data: 2 },
    { route: "third", id: 2, data: 3 },
  ]);
});

test("queued calls send the data as it was when the call was made", (t) => {
  const { client, socket } = setup(t);
  const data = { n: 1 };
  settle(client.request("echo", data));
  data.n = 2;
  socket().serverOpen();
  assert.deepEqual(socket().lastFrame().data, { n: 1 });
});

test("notify sends a frame without an id", (t) => {
  const { client, socket } = setup(t);
  const ws = connect(socket());
  client.notify("chat.send", { text: "yo" });
  assert.deepEqual(ws.lastFrame(), { route: "chat.send", data: { text: "yo" } });
});

test("a request without a reply rejects with timeout after the default 30 seconds", async (t) => {
  const { client, socket } = setup(t, {}, "ws://example.test/ws");
  socket().serverOpen(); // no welcome: the built-in default applies
  const reply = settle(client.request("slow"));
  t.mock.timers.tick(29999);
  await flush();
  t.mock.timers.tick(1);
  const { error } = await reply;
  assert.equal(error.code, "timeout");
});

test("the welcome's requestTimeoutMs is the default timeout", async (t) => {
  const { client, socket } = setup(t);
  connect(socket(), { requestTimeoutMs: 5000 });
  const reply = settle(client.request("slow"));
  t.mock.timers.tick(5000);
  assert.equal((await reply).error.code, "timeout");
});

test("the timeoutMs option overrides the welcome's requestTimeoutMs", async (t) => {
  const { client, socket } = setup(t, { timeoutMs: 100 });
  connect(socket(), { requestTimeoutMs: 5000 });
  const reply = settle(client.request("slow"));
  t.mock.timers.tick(100);
  assert.equal((await reply).error.code, "timeout");
});

test("a per-call timeoutMs overrides the client's timeout", async (t) => {
  const { client, socket } = setup(t, { timeoutMs: 100 });
  connect(socket());
  let done = false;
  const reply = settle(client.request("slow", null, { timeoutMs: 1000 })).then((r) => { done = true; return r; });
  t.mock.timers.tick(999);
  await flush();
  assert.equal(done, false);
  t.mock.timers.tick(1);
  assert.equal((await reply).error.code, "timeout");
});

test("the timeout of a queued call runs from the call, not from the open", async (t) => {
  const { client, socket } = setup(t, { timeoutMs: 1000 });
  const reply = settle(client.request("slow"));
  t.mock.timers.tick(600);
  connect(socket());
  t.mock.timers.tick(400);
  assert.equal((await reply).error.code, "timeout");
});

test("a queued call that times out is never sent", async (t) => {
  const { client, socket } = setup(t, { timeoutMs: 1000 });
  const reply = settle(client.request("slow"));
  t.mock.timers.tick(1000);
  await reply;
  socket().serverOpen();
  assert.equal(socket().sent.length, 0);
});

test("a late reply after a timeout is ignored", async (t) => {
  const { client, socket } = setup(t, { timeoutMs: 100 });
  const ws = connect(socket());
  const reply = settle(client.request("slow"));
  t.mock.timers.tick(100);
  ws.serverSend({ re: 1, data: "late" });
  assert.equal((await reply).error.code, "timeout");
});

test("a reply whose re matches no request is ignored", async (t) => {
  const { client, socket } = setup(t);
  const ws = connect(socket());
  const errors = [];
  client.addEventListener("error", (e) => errors.push(e.detail));
  const reply = client.request("echo");
  ws.serverSend({ re: 99, data: "stray" });
  ws.serverSend({ re: 1, data: "mine" });
  assert.equal(await reply, "mine");
  assert.deepEqual(errors, []);
});

test("requests in flight reject with disconnected when the socket closes", async (t) => {
  const { client, socket } = setup(t);
  const ws = connect(socket());
  const reply = settle(client.request("echo"));
  ws.serverClose(1006);
  const { error } = await reply;
  assert.ok(error instanceof HitchError);
  assert.equal(error.code, "disconnected");
});

test("queued requests stay queued across a failed connection and are sent on the next one", async (t) => {
  const { client, socket } = setup(t);
  const first = socket();
  const reply = client.request("echo", "x");
  first.serverClose(1006); // never opened
  t.mock.timers.tick(15000);
  const second = socket();
  assert.notEqual(second, first);
  connect(second);
  assert.deepEqual(second.lastFrame(), { route: "echo", id: 1, data: "x" });
  second.serverSend({ re: 1, data: "x" });
  assert.equal(await reply, "x");
});

test("close rejects requests in flight and queued with disconnected", async (t) => {
  const { client, socket } = setup(t);
  const ws = connect(socket());
  const sent = settle(client.request("a"));
  ws.serverClose(1006);
  const queued = settle(client.request("b"));
  client.close();
  assert.equal((await sent).error.code, "disconnected");
  assert.equal((await queued).error.code, "disconnected");
});

test("a request after close rejects at once with disconnected", async (t) => {
  const { client } = setup(t);
  client.close();
  assert.equal((await settle(client.request("echo"))).error.code, "disconnected");
});

test("an invalid route rejects with bad_frame and sends nothing", async (t) => {
  const { client, socket } = setup(t);
  const ws = connect(socket());
  assert.equal((await settle(client.request("no spaces"))).error.code, "bad_frame");
  assert.equal((await settle(client.request(42))).error.code, "bad_frame");
  assert.equal((await settle(client.request("x".repeat(129)))).error.code, "bad_frame");
  assert.equal(ws.sent.length, 0);
});

test("data that JSON cannot encode rejects with bad_data", async (t) => {
  const { client, socket } = setup(t);
  connect(socket());
  const cyclic = {};
  cyclic.self = cyclic;
  assert.equal((await settle(client.request("echo", cyclic))).error.code, "bad_data");
  assert.equal((await settle(client.request("echo", 10n))).error.code, "bad_data");
});

test("a frame larger than the welcome's maxFrameBytes rejects with too_large and is not sent", async (t) => {
  const { client, socket } = setup(t);
  const ws = connect(socket(), { limits: { maxFrameBytes: 100, maxInFlight: 64 } });
  const { error } = await settle(client.request("echo", "é".repeat(40))); // 80 bytes of UTF-8 + the envelope
  assert.equal(error.code, "too_large");
  assert.equal(ws.sent.length, 0);
  client.request("echo", "é".repeat(20));
  assert.equal(ws.sent.length, 1);
});

test("a timeoutMs of 0 lets a request wait for its reply without a timeout", async (t) => {
  const { client, socket } = setup(t, { timeoutMs: 0 });
  const ws = connect(socket());
  const reply = client.request("slow");
  t.mock.timers.tick(10 * 60 * 1000);
  ws.serverSend({ re: 1, data: "finally" });
  assert.equal(await reply, "finally");
});

test("a notify that cannot be sent is reported as an error event", (t) => {
  const { client } = setup(t);
  const errors = [];
  client.addEventListener("error", (e) => errors.push(e.detail.code));
  client.notify("bad route");
  client.close();
  client.notify("chat.send", "after close");
  assert.deepEqual(errors, ["bad_frame", "disconnected"]);
});
