import { test } from "node:test";
import assert from "node:assert/strict";
import { setup, connect, record } from "./fake-websocket.mjs";

test("a hitch.ping request is sent after the welcome's heartbeatMs without any frame", (t) => {
  const { socket } = setup(t);
  const ws = connect(socket(), { heartbeatMs: 1000 });
  t.mock.timers.tick(999);
  assert.equal(ws.sent.length, 0);
  t.mock.timers.tick(1);
  assert.deepEqual(ws.lastFrame(), { route: "hitch.ping", id: 1 });
});

test("every received frame postpones the ping", (t) => {
  const { socket } = setup(t);
  const ws = connect(socket(), { heartbeatMs: 1000 });
  t.mock.timers.tick(800);
  ws.serverSend({ route: "news", data: 1 });
  t.mock.timers.tick(800);
  assert.equal(ws.sent.length, 0);
  t.mock.timers.tick(200);
  assert.equal(ws.sent.length, 1);
});

test("the heartbeatMs option overrides the welcome's", (t) => {
  const { socket } = setup(t, { heartbeatMs: 200 });
  const ws = connect(socket(), { heartbeatMs: 1000 });
  t.mock.timers.tick(200);
  assert.equal(ws.lastFrame().route, "hitch.ping");
});

test("heartbeatMs 0 disables the ping", (t) => {
  const { socket } = setup(t, { heartbeatMs: 0 });
  const ws = connect(socket(), { heartbeatMs: 1000 });
  t.mock.timers.tick(100000);
  assert.equal(ws.sent.length, 0);
});

test("an answered ping keeps the connection open and schedules the next ping", async (t) => {
  const { client, socket } = setup(t);
  const ws = connect(socket(), { heartbeatMs: 1000, requestTimeoutMs: 500 });
  t.mock.timers.tick(1000);
  ws.serverSend({ re: 1, data: { pong: 1 } });
  await new Promise((resolve) => setImmediate(resolve));
  t.mock.timers.tick(600);
  assert.equal(client.state, "open");
  t.mock.timers.tick(400);
  assert.deepEqual(ws.frames.map((f) => f.id), [1, 2]);
});

test("an unanswered ping closes the connection as dead and reconnects", async (t) => {
  const { client, socket, WS } = setup(t);
  const ws = connect(socket(), { heartbeatMs: 1000, requestTimeoutMs: 500 });
  const events = record(client, "close", "reconnecting");
  t.mock.timers.tick(1000);
  t.mock.timers.tick(500);
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(ws.closedWith, { code: 4000, reason: "heartbeat timeout" });
  assert.deepEqual(events.map((e) => e.type), ["close", "reconnecting"]);
  assert.deepEqual(events[0].detail, { code: 4000, reason: "heartbeat timeout", wasClean: false });
  assert.equal(client.state, "reconnecting");
  t.mock.timers.tick(1000);
  assert.equal(WS.instances.length, 2);
});

test("no second ping is sent while one is unanswered", (t) => {
  const { socket } = setup(t, { heartbeatMs: 100, timeoutMs: 10000 });
  const ws = connect(socket());
  t.mock.timers.tick(100);
  ws.serverSend({ route: "news" }); // re-arms the heartbeat, ping still unanswered
  t.mock.timers.tick(100);
  assert.deepEqual(ws.frames.map((f) => f.route), ["hitch.ping"]);
});

test("no ping is sent before the welcome unless heartbeatMs is given", (t) => {
  const { socket } = setup(t);
  const ws = socket();
  ws.serverOpen();
  t.mock.timers.tick(100000);
  assert.equal(ws.sent.length, 0);
});
