import { test } from "node:test";
import assert from "node:assert/strict";
import { setup, connect, record, flush, HitchClient, fakeWebSocketClass } from "./fake-websocket.mjs";

const TOKEN = "peer-1.c2lnbmF0dXJl";

/** Drops the connection and lets the reconnect timer fire. */
function dropAndReconnect(t, ws) {
  ws.serverClose(1006);
  t.mock.timers.tick(15000);
}

test("a push numbered in a stream is handled once even if it arrives again", (t) => {
  const { client, socket } = setup(t);
  const got = [];
  client.on("said", (data) => got.push(data));
  const ws = connect(socket());
  ws.serverSend({ route: "said", data: "a", stream: "group:room", seq: 5 });
  ws.serverSend({ route: "said", data: "a again", stream: "group:room", seq: 5 });
  ws.serverSend({ route: "said", data: "b", stream: "group:room", seq: 6 });
  ws.serverSend({ route: "said", data: "other stream", stream: "all", seq: 1 });
  assert.deepEqual(got, ["a", "b", "other stream"]);
});

test("the first connection does not resume", (t) => {
  const { socket } = setup(t);
  const ws = connect(socket(), { resume: TOKEN });
  assert.equal(ws.url, "ws://example.test/ws");
  assert.deepEqual(ws.frames, []);
});

test("a reconnect resumes with the last token and the last number seen per stream, before anything queued", (t) => {
  const { client, socket } = setup(t);
  const ws = connect(socket(), { resume: TOKEN });
  ws.serverSend({ route: "said", data: 1, stream: "group:room", seq: 41 });
  ws.serverSend({ route: "note", data: 2, stream: "peer:peer-1", seq: 7 });
  dropAndReconnect(t, ws);
  client.notify("queued", 1);

  const again = socket();
  assert.notEqual(again, ws);
  assert.equal(again.url, "ws://example.test/ws?resume=1");
  again.serverOpen();
  assert.deepEqual(again.frames[0], { route: "hitch.resume", id: 1,
    data: { token: TOKEN, seen: { "group:room": 41, "peer:peer-1": 7 } } });
  assert.deepEqual(again.frames[1], { route: "queued", data: 1 });
});

test("a successful resume reports the recovered event and delivers the missed pushes once", async (t) => {
  const { client, socket } = setup(t);
  const got = [];
  client.on("said", (data) => got.push(data));
  const events = record(client, "recovered");
  const ws = connect(socket(), { resume: TOKEN });
  ws.serverSend({ route: "said", data: "seen", stream: "group:room", seq: 1 });
  dropAndReconnect(t, ws);
  const again = connect(socket(), { peer: "peer-2", resume: "peer-2.x" });
  again.serverSend({ route: "said", data: "seen", stream: "group:room", seq: 1 });
  again.serverSend({ route: "said", data: "missed", stream: "group:room", seq: 2 });
  again.serverSend({ re: 1, data: { groups: ["room"], peer: "peer-1", replayed: 1 } });
  await flush();

  assert.deepEqual(got, ["seen", "missed"]);
  assert.equal(client.recovered, true);
  assert.deepEqual(events, [{ type: "recovered", detail: { recovered: true, groups: ["room"], peer: "peer-1", replayed: 1 } }]);
});

test("a failed resume reports recovered false with the server's error, and the next reconnect uses the new token", async (t) => {
  const { client, socket } = setup(t);
  const events = record(client, "recovered");
  dropAndReconnect(t, connect(socket(), { resume: TOKEN }));
  const again = connect(socket(), { peer: "peer-2", resume: "peer-2.new" });
  again.serverSend({ re: 1, error: { code: "recovery_failed", message: "nothing to resume" } });
  await flush();

  assert.equal(client.recovered, false);
  assert.equal(events[0].detail.recovered, false);
  assert.equal(events[0].detail.error.code, "recovery_failed");
  dropAndReconnect(t, again);
  socket().serverOpen();
  assert.equal(socket().frames[0].data.token, "peer-2.new");
});

test("recover: false never resumes", (t) => {
  const { socket } = setup(t, { recover: false });
  dropAndReconnect(t, connect(socket(), { resume: TOKEN }));
  const again = socket();
  again.serverOpen();
  assert.equal(again.url, "ws://example.test/ws");
  assert.deepEqual(again.frames, []);
});

test("a server without recovery (no resume in the welcome) is not asked to resume", (t) => {
  const { client, socket } = setup(t);
  dropAndReconnect(t, connect(socket()));
  socket().serverOpen();
  assert.deepEqual(socket().frames, []);
  assert.equal(client.recovered, null);
});

test("with several URLs the client moves to the next one after each failure, round robin", (t) => {
  const { client, socket } = setup(t, {}, ["ws://a.test/ws", "ws://b.test/ws"]);
  assert.equal(socket().url, "ws://a.test/ws");
  socket().serverClose(1006);
  t.mock.timers.tick(15000);
  assert.equal(socket().url, "ws://b.test/ws");
  assert.equal(client.url, "ws://b.test/ws");
  socket().serverClose(1006);
  t.mock.timers.tick(15000);
  assert.equal(socket().url, "ws://a.test/ws");
});

test("failover resumes on the other server", (t) => {
  const { socket } = setup(t, {}, ["ws://a.test/ws", "ws://b.test/ws"]);
  dropAndReconnect(t, connect(socket(), { resume: TOKEN }));
  assert.equal(socket().url, "ws://b.test/ws?resume=1");
});

test("an empty list of URLs is refused", () => {
  assert.throws(() => new HitchClient([], { WebSocket: fakeWebSocketClass() }), /list of server URLs is empty/);
});
