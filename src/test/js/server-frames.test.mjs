import { test } from "node:test";
import assert from "node:assert/strict";
import { HitchClient, setup, connect, flush, record } from "./fake-websocket.mjs";

test("a push is delivered to every handler of its route with data and meta", (t) => {
  const { client, socket } = setup(t);
  const ws = connect(socket());
  const got = [];
  client.on("chat.message", (data, meta) => got.push(["first", data, meta]));
  client.on("chat.message", (data, meta) => got.push(["second", data, meta]));
  ws.serverSend({ route: "chat.message", data: { text: "hi" } });
  assert.deepEqual(got, [
    ["first", { text: "hi" }, { route: "chat.message" }],
    ["second", { text: "hi" }, { route: "chat.message" }],
  ]);
});

test("a push without data is delivered as null", (t) => {
  const { client, socket } = setup(t);
  const ws = connect(socket());
  const got = [];
  client.on("tick", (data) => got.push(data));
  ws.serverSend({ route: "tick" });
  assert.deepEqual(got, [null]);
});

test("the function returned by on removes that handler only", (t) => {
  const { client, socket } = setup(t);
  const ws = connect(socket());
  const got = [];
  const off = client.on("news", () => got.push("a"));
  client.on("news", () => got.push("b"));
  off();
  off();
  ws.serverSend({ route: "news", data: 1 });
  assert.deepEqual(got, ["b"]);
});

test("a push handler that throws does not stop the other handlers", (t) => {
  const errors = t.mock.method(console, "error", () => {});
  const { client, socket } = setup(t);
  const ws = connect(socket());
  const got = [];
  client.on("news", () => { throw new Error("app bug"); });
  client.on("news", (data) => got.push(data));
  ws.serverSend({ route: "news", data: 7 });
  assert.deepEqual(got, [7]);
  assert.equal(errors.mock.callCount(), 1);
});

test("on rejects a handler that is not a function", (t) => {
  const { client } = setup(t);
  assert.throws(() => client.on("news", "nope"), TypeError);
});

test("a server request is answered with the handler's return value", async (t) => {
  const { client, socket } = setup(t);
  const ws = connect(socket());
  const metas = [];
  client.on("client.info", (data, meta) => { metas.push(meta); return { ua: "test", asked: data }; });
  ws.serverSend({ route: "client.info", id: "s-1", data: 3 });
  await flush();
  assert.deepEqual(ws.lastFrame(), { re: "s-1", data: { ua: "test", asked: 3 } });
  assert.deepEqual(metas, [{ route: "client.info", id: "s-1" }]);
});

test("a server request is answered with the value an async handler resolves to", async (t) => {
  const { client, socket } = setup(t);
  const ws = connect(socket());
  client.on("client.sum", async (data) => data.a + data.b);
  ws.serverSend({ route: "client.sum", id: 7, data: { a: 2, b: 3 } });
  await flush();
  assert.deepEqual(ws.lastFrame(), { re: 7, data: 5 });
});

test("a handler returning nothing answers a reply with null data", async (t) => {
  const { client, socket } = setup(t);
  const ws = connect(socket());
  client.on("client.poke", () => {});
  ws.serverSend({ route: "client.poke", id: 1 });
  await flush();
  assert.deepEqual(ws.lastFrame(), { re: 1, data: null });
});

test("a handler that throws answers an error reply with the error's code and message", async (t) => {
  const { client, socket } = setup(t);
  const ws = connect(socket());
  client.on("client.ask", () => {
    throw Object.assign(new Error("you may not"), { code: "forbidden", details: { why: "test" } });
  });
  ws.serverSend({ route: "client.ask", id: 4 });
  await flush();
  assert.deepEqual(ws.lastFrame(), { re: 4, error: { code: "forbidden", message: "you may not", details: { why: "test" } } });
});

test("a handler that rejects without a code answers an error reply with code internal", async (t) => {
  const { client, socket } = setup(t);
  const ws = connect(socket());
  client.on("client.ask", async () => { throw new Error("boom"); });
  ws.serverSend({ route: "client.ask", id: 5 });
  await flush();
  assert.deepEqual(ws.lastFrame(), { re: 5, error: { code: "internal", message: "boom" } });
});

test("a server request to a route without handler is answered with unknown_route", async (t) => {
  const { socket } = setup(t);
  const ws = connect(socket());
  ws.serverSend({ route: "client.nothing", id: 9 });
  await flush();
  const frame = ws.lastFrame();
  assert.equal(frame.re, 9);
  assert.equal(frame.error.code, "unknown_route");
});

test("only the first registered handler answers a server request", async (t) => {
  const { client, socket } = setup(t);
  const ws = connect(socket());
  const called = [];
  client.on("client.ask", () => { called.push("first"); return 1; });
  client.on("client.ask", () => { called.push("second"); return 2; });
  ws.serverSend({ route: "client.ask", id: 1 });
  await flush();
  assert.deepEqual(called, ["first"]);
  assert.deepEqual(ws.lastFrame(), { re: 1, data: 1 });
});

test("a hitch.ping request from the server is answered with a pong", async (t) => {
  const { socket } = setup(t);
  const ws = connect(socket());
  ws.serverSend({ route: "hitch.ping", id: 3 });
  await flush();
  const frame = ws.lastFrame();
  assert.equal(frame.re, 3);
  assert.equal(typeof frame.data.pong, "number");
});

test("no reply is sent for a server request when its connection closed meanwhile", async (t) => {
  const { client, socket } = setup(t);
  const ws = connect(socket());
  let finish;
  client.on("client.slow", () => new Promise((resolve) => { finish = resolve; }));
  ws.serverSend({ route: "client.slow", id: 1 });
  ws.serverClose(1006);
  const sentBefore = ws.sent.length;
  finish("late");
  await flush();
  assert.equal(ws.sent.length, sentBefore);
});

test("a hitch.error push is dispatched as an error event carrying a HitchError", (t) => {
  const { client, socket } = setup(t);
  const ws = connect(socket());
  const events = record(client, "error");
  ws.serverSend({ route: "hitch.error", data: { code: "unknown_route", message: "no route x", route: "x" } });
  assert.equal(events.length, 1);
  const err = events[0].detail;
  assert.ok(err instanceof HitchClient.HitchError);
  assert.equal(err.code, "unknown_route");
  assert.equal(err.message, "no route x");
  assert.equal(err.route, "x");
});

for (const [what, frame] of [
  ["text that is not JSON", "{not json"],
  ["a JSON array", "[1,2]"],
  ["JSON null", "null"],
  ["a JSON number", "42"],
  ["an object with neither re nor route", '{"data":1}'],
]) {
  test(`a frame holding ${what} is reported as a bad_frame error event, never thrown`, (t) => {
    const { client, socket } = setup(t);
    const ws = connect(socket());
    const events = record(client, "error");
    assert.doesNotThrow(() => ws.serverSend(frame));
    assert.equal(events.length, 1);
    assert.equal(events[0].detail.code, "bad_frame");
    assert.equal(client.state, "open");
  });
}

test("a binary frame is reported as a bad_frame error event", (t) => {
  const { client, socket } = setup(t);
  const ws = connect(socket());
  const events = record(client, "error");
  ws.onmessage({ data: new ArrayBuffer(4) });
  assert.equal(events[0].detail.code, "bad_frame");
});

test("unknown members of a frame are ignored", async (t) => {
  const { client, socket } = setup(t);
  const ws = connect(socket());
  const reply = client.request("echo");
  ws.serverSend({ re: 1, data: "ok", future: true });
  assert.equal(await reply, "ok");
});

test("a server request whose id is neither a number nor a string is reported, not answered", (t) => {
  const { client, socket } = setup(t);
  const ws = connect(socket());
  const events = record(client, "error");
  client.on("client.ask", () => 1);
  ws.serverSend({ route: "client.ask", id: { nested: true } });
  assert.equal(events[0].detail.code, "bad_frame");
  assert.equal(ws.sent.length, 0);
});
