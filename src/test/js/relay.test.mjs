import { test } from "node:test";
import assert from "node:assert/strict";
import { HitchClient, setup, connect, settle, flush } from "./fake-websocket.mjs";

const { HitchError } = HitchClient;

// ---- client.relay ----

test("relay sends a hitch.relay request and resolves with the target's reply data", async (t) => {
  const { client, socket } = setup(t);
  const ws = connect(socket());
  const reply = client.relay("peer-7", "chat.dm", { text: "psst" });
  assert.deepEqual(ws.lastFrame(), { route: "hitch.relay", id: 1, data: { peer: "peer-7", route: "chat.dm", data: { text: "psst" } } });
  ws.serverSend({ re: 1, data: { received: true } });
  assert.deepEqual(await reply, { received: true });
});

test("relay sends timeoutMs only when it is given", (t) => {
  const { client, socket } = setup(t);
  const ws = connect(socket());
  settle(client.relay("peer-7", "chat.dm", 1));
  settle(client.relay("peer-7", "chat.dm", 2, {}));
  settle(client.relay("peer-7", "chat.dm", 3, { timeoutMs: 5000 }));
  assert.deepEqual(ws.frames.map((f) => f.data), [
    { peer: "peer-7", route: "chat.dm", data: 1 },
    { peer: "peer-7", route: "chat.dm", data: 2 },
    { peer: "peer-7", route: "chat.dm", data: 3, timeoutMs: 5000 },
  ]);
});

test("relay without data sends data null", (t) => {
  const { client, socket } = setup(t);
  const ws = connect(socket());
  settle(client.relay("peer-7", "chat.ping"));
  assert.deepEqual(ws.lastFrame().data, { peer: "peer-7", route: "chat.ping", data: null });
});

test("relay's local timeout is one second longer than its timeoutMs", async (t) => {
  const { client, socket } = setup(t);
  connect(socket(), { requestTimeoutMs: 30000 });
  let done = false;
  const reply = settle(client.relay("peer-7", "chat.dm", {}, { timeoutMs: 5000 })).then((r) => { done = true; return r; });
  t.mock.timers.tick(5999);
  await flush();
  assert.equal(done, false);
  t.mock.timers.tick(1);
  const { error } = await reply;
  assert.ok(error instanceof HitchError);
  assert.equal(error.code, "timeout");
});

test("without timeoutMs, relay's local timeout is one second longer than the welcome's requestTimeoutMs", async (t) => {
  const { client, socket } = setup(t);
  connect(socket(), { requestTimeoutMs: 4000 });
  let done = false;
  const reply = settle(client.relay("peer-7", "chat.dm", {})).then((r) => { done = true; return r; });
  t.mock.timers.tick(4999);
  await flush();
  assert.equal(done, false);
  t.mock.timers.tick(1);
  assert.equal((await reply).error.code, "timeout");
});

test("the server's timeout answer arrives before the local timeout and rejects with it", async (t) => {
  const { client, socket } = setup(t);
  const ws = connect(socket());
  const reply = settle(client.relay("peer-7", "chat.dm", {}, { timeoutMs: 2000 }));
  t.mock.timers.tick(2000);
  ws.serverSend({ re: 1, error: { code: "timeout", message: "peer-7 did not answer chat.dm within 2000 ms" } });
  const { error } = await reply;
  assert.equal(error.code, "timeout");
  assert.equal(error.message, "peer-7 did not answer chat.dm within 2000 ms");
});

test("with a client timeoutMs of 0, relay without timeoutMs waits without a local timeout", async (t) => {
  const { client, socket } = setup(t, { timeoutMs: 0 });
  const ws = connect(socket());
  const reply = client.relay("peer-7", "chat.dm", {});
  t.mock.timers.tick(10 * 60 * 1000);
  ws.serverSend({ re: 1, data: "finally" });
  assert.equal(await reply, "finally");
});

for (const code of ["forbidden", "unavailable", "bad_data"]) {
  test(`relay rejects with the server's ${code} error reply`, async (t) => {
    const { client, socket } = setup(t);
    const ws = connect(socket());
    const reply = settle(client.relay("peer-7", "chat.dm", {}));
    ws.serverSend({ re: 1, error: { code, message: "no" } });
    assert.equal((await reply).error.code, code);
  });
}

test("relay rejects with the target's own error, details included", async (t) => {
  const { client, socket } = setup(t);
  const ws = connect(socket());
  const reply = settle(client.relay("peer-7", "chat.dm", {}));
  ws.serverSend({ re: 1, error: { code: "chat.busy", message: "do not disturb", details: { until: "later" } } });
  const { error } = await reply;
  assert.equal(error.code, "chat.busy");
  assert.equal(error.message, "do not disturb");
  assert.deepEqual(error.details, { until: "later" });
});

test("relay rejects an invalid peer id or route with bad_data and sends nothing", async (t) => {
  const { client, socket } = setup(t);
  const ws = connect(socket());
  for (const call of [
    () => client.relay("", "chat.dm", {}),
    () => client.relay(undefined, "chat.dm", {}),
    () => client.relay(42, "chat.dm", {}),
    () => client.relay("peer-7", "no spaces", {}),
    () => client.relay("peer-7", undefined, {}),
  ]) {
    const { error } = await settle(call());
    assert.ok(error instanceof HitchError);
    assert.equal(error.code, "bad_data");
  }
  assert.equal(ws.sent.length, 0);
});

test("a relay made before the socket opens is queued and sent on open", async (t) => {
  const { client, socket } = setup(t);
  const reply = client.relay("peer-7", "chat.dm", { text: "early" });
  const ws = socket();
  assert.equal(ws.sent.length, 0);
  connect(ws);
  assert.deepEqual(ws.lastFrame(), { route: "hitch.relay", id: 1, data: { peer: "peer-7", route: "chat.dm", data: { text: "early" } } });
  ws.serverSend({ re: 1, data: { received: true } });
  assert.deepEqual(await reply, { received: true });
});

test("a relay in flight rejects with disconnected when the socket closes", async (t) => {
  const { client, socket } = setup(t);
  const ws = connect(socket());
  const reply = settle(client.relay("peer-7", "chat.dm", {}));
  ws.serverClose(1006);
  assert.equal((await reply).error.code, "disconnected");
});

// ---- meta.from ----

test("a relayed request's handler gets meta with route, id and from, and its return value is the reply", async (t) => {
  const { client, socket } = setup(t);
  const ws = connect(socket());
  const seen = [];
  client.on("chat.dm", (data, meta) => { seen.push([data, meta]); return { received: true }; });
  ws.serverSend({ route: "chat.dm", id: 9, data: { text: "hi" }, from: "peer-2" });
  await flush();
  assert.deepEqual(seen, [[{ text: "hi" }, { route: "chat.dm", id: 9, from: "peer-2" }]]);
  assert.deepEqual(ws.lastFrame(), { re: 9, data: { received: true } });
});

test("a relayed notification's handlers get meta with route and from", (t) => {
  const { client, socket } = setup(t);
  const ws = connect(socket());
  const seen = [];
  client.on("chat.typing", (data, meta) => seen.push(["a", meta]));
  client.on("chat.typing", (data, meta) => seen.push(["b", meta]));
  ws.serverSend({ route: "chat.typing", data: true, from: "peer-3" });
  assert.deepEqual(seen, [["a", { route: "chat.typing", from: "peer-3" }], ["b", { route: "chat.typing", from: "peer-3" }]]);
  assert.equal(ws.sent.length, 0);
});

test("each push handler gets its own meta object", (t) => {
  const { client, socket } = setup(t);
  const ws = connect(socket());
  const metas = [];
  client.on("news", (data, meta) => { metas.push(meta); meta.from = "tampered"; });
  client.on("news", (data, meta) => metas.push(meta));
  ws.serverSend({ route: "news", data: 1, from: "peer-3" });
  assert.notEqual(metas[0], metas[1]);
  assert.equal(metas[1].from, "peer-3");
});

test("meta.from is undefined for frames from the server itself", async (t) => {
  const { client, socket } = setup(t);
  const ws = connect(socket());
  const metas = [];
  client.on("chat.message", (data, meta) => metas.push(meta));
  client.on("chat.poke", (data, meta) => { metas.push(meta); return { answer: "ouch" }; });
  ws.serverSend({ route: "chat.message", data: { from: "peer-9", text: "data.from is not meta.from" } });
  ws.serverSend({ route: "chat.poke", id: 1, data: { from: "peer-9", name: "Bob" } });
  await flush();
  assert.equal(metas.length, 2);
  assert.equal(metas[0].from, undefined);
  assert.equal(metas[1].from, undefined);
  assert.deepEqual(metas[1], { route: "chat.poke", id: 1 });
});

test("a top-level from that is not a string is ignored", (t) => {
  const { client, socket } = setup(t);
  const ws = connect(socket());
  const metas = [];
  client.on("news", (data, meta) => metas.push(meta));
  ws.serverSend({ route: "news", data: 1, from: 42 });
  ws.serverSend({ route: "news", data: 2, from: null });
  ws.serverSend({ route: "news", data: 3, from: { peer: "x" } });
  assert.deepEqual(metas, [{ route: "news" }, { route: "news" }, { route: "news" }]);
});

test("a relayed request to a route without handler is answered with unknown_route", async (t) => {
  const { socket } = setup(t);
  const ws = connect(socket());
  ws.serverSend({ route: "chat.dm", id: 4, data: { text: "hi" }, from: "peer-2" });
  await flush();
  const frame = ws.lastFrame();
  assert.equal(frame.re, 4);
  assert.equal(frame.error.code, "unknown_route");
});

// ---- peerId ----

test("peerId is the welcome's peer, null after a drop, and the new one after reconnecting", (t) => {
  const { client, socket } = setup(t);
  assert.equal(client.peerId, null);
  const first = connect(socket(), { peer: "peer-a" });
  assert.equal(client.peerId, "peer-a");
  first.serverClose(1006);
  assert.equal(client.peerId, null);
  t.mock.timers.tick(15000);
  connect(socket(), { peer: "peer-b" });
  assert.equal(client.peerId, "peer-b");
});
