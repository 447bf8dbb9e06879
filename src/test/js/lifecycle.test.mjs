import { test } from "node:test";
import assert from "node:assert/strict";
import { setup, connect, record, welcomeData, settle } from "./fake-websocket.mjs";

test("a new client is connecting and not connected", (t) => {
  const { client } = setup(t);
  assert.equal(client.state, "connecting");
  assert.equal(client.connected, false);
  assert.equal(client.peerId, null);
});

test("the open event is dispatched and the state is open when the socket opens", (t) => {
  const { client, socket } = setup(t);
  const events = record(client, "open");
  socket().serverOpen();
  assert.equal(events.length, 1);
  assert.equal(client.state, "open");
  assert.equal(client.connected, true);
});

test("the welcome event carries the welcome data and sets peerId and routes", (t) => {
  const { client, socket } = setup(t);
  const events = record(client, "welcome");
  connect(socket(), { peer: "peer-42", routes: ["echo", "hello", "time"] });
  assert.deepEqual(events, [{ type: "welcome", detail: welcomeData({ peer: "peer-42", routes: ["echo", "hello", "time"] }) }]);
  assert.equal(client.peerId, "peer-42");
  assert.deepEqual(client.routes, ["echo", "hello", "time"]);
});

test("the welcome also reaches handlers registered for hitch.welcome", (t) => {
  const { client, socket } = setup(t);
  const got = [];
  client.on("hitch.welcome", (data) => got.push(data.peer));
  connect(socket());
  assert.deepEqual(got, ["peer-1"]);
});

test("the close event carries the code, reason and wasClean of the socket's close", (t) => {
  const { client, socket } = setup(t);
  const events = record(client, "close");
  connect(socket()).serverClose(1001, "going away", true);
  assert.deepEqual(events, [{ type: "close", detail: { code: 1001, reason: "going away", wasClean: true } }]);
});

test("after a drop the state is reconnecting and the peer id is forgotten", (t) => {
  const { client, socket } = setup(t);
  connect(socket()).serverClose(1006);
  assert.equal(client.state, "reconnecting");
  assert.equal(client.connected, false);
  assert.equal(client.peerId, null);
});

test("a drop is followed by a reconnecting event and a new socket after the announced delay", (t) => {
  t.mock.method(Math, "random", () => 0.5);
  const { client, socket, WS } = setup(t);
  const events = record(client, "reconnecting");
  connect(socket()).serverClose(1006);
  assert.deepEqual(events, [{ type: "reconnecting", detail: { attempt: 1, delayMs: 375 } }]); // 500/2 + 0.5*500/2
  t.mock.timers.tick(374);
  assert.equal(WS.instances.length, 1);
  t.mock.timers.tick(1);
  assert.equal(WS.instances.length, 2);
  assert.equal(client.state, "reconnecting");
  connect(socket());
  assert.equal(client.state, "open");
});

test("reconnection delays grow exponentially with equal jitter up to maxDelayMs", (t) => {
  const { client, socket } = setup(t, { reconnect: { initialDelayMs: 100, maxDelayMs: 1000, factor: 2 } });
  const random = t.mock.method(Math, "random", () => 0);
  const events = record(client, "reconnecting");
  for (let i = 0; i < 6; i++) {
    socket().serverClose(1006);
    t.mock.timers.tick(1000);
  }
  assert.deepEqual(events.map((e) => e.detail.delayMs), [50, 100, 200, 400, 500, 500]);
  random.mock.mockImplementation(() => 0.999999);
  socket().serverClose(1006);
  assert.equal(events[6].detail.delayMs, 1000);
  assert.deepEqual(events.map((e) => e.detail.attempt), [1, 2, 3, 4, 5, 6, 7]);
});

test("full jitter picks any delay from zero to the backoff", (t) => {
  t.mock.method(Math, "random", () => 0.25);
  const { client, socket } = setup(t, { reconnect: { jitter: "full" } });
  const events = record(client, "reconnecting");
  socket().serverClose(1006);
  t.mock.timers.tick(1000);
  socket().serverClose(1006);
  assert.deepEqual(events.map((e) => e.detail.delayMs), [125, 250]);
});

test("the attempt counter starts over after a successful welcome", (t) => {
  const { client, socket } = setup(t);
  const events = record(client, "reconnecting");
  socket().serverClose(1006);
  t.mock.timers.tick(1000);
  socket().serverClose(1006);
  t.mock.timers.tick(2000);
  connect(socket()).serverClose(1006);
  assert.deepEqual(events.map((e) => e.detail.attempt), [1, 2, 1]);
});

test("an open without a welcome does not reset the attempt counter", (t) => {
  const { client, socket } = setup(t);
  const events = record(client, "reconnecting");
  socket().serverClose(1006);
  t.mock.timers.tick(1000);
  socket().serverOpen();
  socket().serverClose(1006);
  assert.deepEqual(events.map((e) => e.detail.attempt), [1, 2]);
});

test("with reconnect false a drop leaves the client closed and fails the queue", async (t) => {
  const { client, socket, WS } = setup(t, { reconnect: false });
  const queued = settle(client.request("echo"));
  socket().serverClose(1006);
  t.mock.timers.tick(60000);
  assert.equal(client.state, "closed");
  assert.equal(WS.instances.length, 1);
  assert.equal((await queued).error.code, "disconnected");
});

test("reconnection gives up after maxAttempts", (t) => {
  const { client, socket, WS } = setup(t, { reconnect: { maxAttempts: 2 } });
  for (let i = 0; i < 3; i++) {
    socket().serverClose(1006);
    t.mock.timers.tick(60000);
  }
  assert.equal(WS.instances.length, 3);
  assert.equal(client.state, "closed");
});

test("close closes the socket, dispatches close and stops reconnecting", (t) => {
  const { client, socket, WS } = setup(t);
  const ws = connect(socket());
  const events = record(client, "close", "reconnecting");
  client.close(4001, "bye");
  t.mock.timers.tick(60000);
  assert.deepEqual(ws.closedWith, { code: 4001, reason: "bye" });
  assert.deepEqual(events, [{ type: "close", detail: { code: 4001, reason: "bye", wasClean: true } }]);
  assert.equal(client.state, "closed");
  assert.equal(WS.instances.length, 1);
});

test("close during the reconnection delay cancels the pending reconnection", (t) => {
  const { client, socket, WS } = setup(t);
  connect(socket()).serverClose(1006);
  client.close();
  t.mock.timers.tick(60000);
  assert.equal(WS.instances.length, 1);
  assert.equal(client.state, "closed");
});

test("close called from a close listener stops the reconnection", (t) => {
  const { client, socket, WS } = setup(t);
  client.addEventListener("close", () => client.close());
  connect(socket()).serverClose(1006);
  t.mock.timers.tick(60000);
  assert.equal(WS.instances.length, 1);
  assert.equal(client.state, "closed");
});

test("connect opens a closed client again", (t) => {
  const { client, socket, WS } = setup(t);
  client.close();
  client.connect();
  assert.equal(WS.instances.length, 2);
  assert.equal(client.state, "connecting");
  connect(socket());
  assert.equal(client.state, "open");
});

test("events of a replaced socket are ignored", (t) => {
  const { client, socket } = setup(t);
  const old = socket();
  const oldOnMessage = old.onmessage;
  connect(old).serverClose(1006);
  t.mock.timers.tick(1000);
  connect(socket(), { peer: "peer-2" });
  const welcomes = record(client, "welcome");
  if (oldOnMessage) oldOnMessage({ data: JSON.stringify({ route: "hitch.welcome", data: welcomeData({ peer: "stale" }) }) });
  assert.equal(client.peerId, "peer-2");
  assert.deepEqual(welcomes, []);
});
