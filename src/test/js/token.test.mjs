import { test } from "node:test";
import assert from "node:assert/strict";
import { HitchClient, setup, connect, flush, record, settle, fakeWebSocketClass } from "./fake-websocket.mjs";

const { HitchError } = HitchClient;
const SECRET = "dXNlcg.cm9sZQ.1700000000000.0123456789abcdef01234567.c2lnbmF0dXJl"; // shaped like a server token

/** Everything the client dispatched, as text, to check that no token leaks into it. */
function allEventsText(events) {
  return JSON.stringify(events.map((e) => ({ type: e.type, detail: e.detail, message: e.detail && e.detail.message })));
}

/** Runs fn with globalThis.fetch replaced by fetch (undefined: removed). */
async function withGlobalFetch(fetch, fn) {
  const had = Object.getOwnPropertyDescriptor(globalThis, "fetch");
  Object.defineProperty(globalThis, "fetch", { value: fetch, configurable: true, writable: true });
  try {
    return await fn();
  } finally {
    if (had) Object.defineProperty(globalThis, "fetch", had);
    else delete globalThis.fetch;
  }
}

/** A fake fetch that records its calls and answers with the given status and body (an object is JSON). */
function fakeFetch(status, body) {
  const calls = [];
  const fetch = async (url, init) => {
    calls.push({ url, init });
    return {
      status,
      ok: status >= 200 && status <= 299,
      json: async () => (typeof body === "string" ? JSON.parse(body) : body),
    };
  };
  fetch.calls = calls;
  return fetch;
}

// ---- the token option ----

test("a string token is offered as the subprotocol hitch.token.<token> after hitch.v1", (t) => {
  const { socket } = setup(t, { token: SECRET });
  assert.deepEqual(socket().protocols, ["hitch.v1", "hitch.token." + SECRET]);
});

test("the token subprotocol comes after the protocols option's subprotocols", (t) => {
  const { socket } = setup(t, { token: "abc", protocols: ["hitch.v1", "other"] });
  assert.deepEqual(socket().protocols, ["hitch.v1", "other", "hitch.token.abc"]);
});

test("the token subprotocol is added to a protocols option given as one string", (t) => {
  const { socket } = setup(t, { token: "abc", protocols: "hitch.v1" });
  assert.deepEqual(socket().protocols, ["hitch.v1", "hitch.token.abc"]);
});

test("without a token only hitch.v1 is offered and the socket is created at once", (t) => {
  const { WS, socket } = setup(t, { token: undefined });
  assert.equal(WS.instances.length, 1);
  assert.deepEqual(socket().protocols, ["hitch.v1"]);
});

test("a null token counts as no token", (t) => {
  const { socket } = setup(t, { token: null });
  assert.deepEqual(socket().protocols, ["hitch.v1"]);
});

test("a string token is offered again on every reconnection", (t) => {
  const { socket, WS } = setup(t, { token: "abc" });
  connect(socket()).serverClose(1006);
  t.mock.timers.tick(1000);
  assert.equal(WS.instances.length, 2);
  assert.deepEqual(socket().protocols, ["hitch.v1", "hitch.token.abc"]);
});

test("a token option that is neither a function nor a valid string is a TypeError that does not quote it", () => {
  for (const token of ["", "has space", "semi;colon", "caf\u00e9", 42, {}]) {
    assert.throws(() => new HitchClient("ws://example.test/ws", { WebSocket: fakeWebSocketClass(), token }), TypeError);
  }
  assert.throws(() => new HitchClient("ws://example.test/ws", { WebSocket: fakeWebSocketClass(), token: "secret value" }), (err) => {
    assert.ok(err instanceof TypeError);
    assert.ok(!err.message.includes("secret value"), err.message);
    return true;
  });
});

test("a token function is called before the first connection and its token is offered", async (t) => {
  let calls = 0;
  const { WS, socket } = setup(t, { token: () => { calls++; return "tok-1"; } });
  await flush();
  assert.equal(calls, 1);
  assert.equal(WS.instances.length, 1);
  assert.deepEqual(socket().protocols, ["hitch.v1", "hitch.token.tok-1"]);
});

test("a token function is called again before every connection attempt, each token used once", async (t) => {
  t.mock.method(Math, "random", () => 0);
  let n = 0;
  const { WS, socket } = setup(t, { token: () => "tok-" + ++n });
  await flush();
  connect(socket()).serverClose(1006); // a drop after a welcome
  t.mock.timers.tick(15000);
  await flush();
  socket().serverClose(1006); // a failed attempt
  t.mock.timers.tick(15000);
  await flush();
  assert.equal(n, 3);
  assert.deepEqual(WS.instances.map((ws) => ws.protocols[1]), ["hitch.token.tok-1", "hitch.token.tok-2", "hitch.token.tok-3"]);
});

test("the socket opens only once the token promise resolves; requests made meanwhile are queued", async (t) => {
  let give;
  const { client, WS, socket } = setup(t, { token: () => new Promise((resolve) => { give = resolve; }) });
  const reply = settle(client.request("echo", { x: 1 }));
  await flush();
  assert.equal(WS.instances.length, 0);
  assert.equal(client.state, "connecting");
  give("late-token");
  await flush();
  assert.equal(WS.instances.length, 1);
  assert.deepEqual(socket().protocols, ["hitch.v1", "hitch.token.late-token"]);
  connect(socket());
  assert.deepEqual(socket().frames, [{ route: "echo", id: 1, data: { x: 1 } }]);
  socket().serverSend({ re: 1, data: "ok" });
  assert.deepEqual(await reply, { value: "ok" });
});

test("the token function is also called on connect() after close()", async (t) => {
  let n = 0;
  const { client, WS, socket } = setup(t, { token: () => "tok-" + ++n });
  await flush();
  client.close();
  client.connect();
  await flush();
  assert.equal(WS.instances.length, 2);
  assert.equal(socket().protocols[1], "hitch.token.tok-2");
});

for (const [how, token] of [
  ["throws", () => { throw new Error("not logged in"); }],
  ["rejects", () => Promise.reject(new Error("not logged in"))],
]) {
  test(`a token function that ${how} gives an unavailable error, a 1006 close and a reconnection`, async (t) => {
    t.mock.method(Math, "random", () => 0.5);
    const { client, WS } = setup(t, { token });
    const events = record(client, "error", "close", "reconnecting", "open");
    await flush();
    assert.equal(WS.instances.length, 0);
    assert.deepEqual(events.map((e) => e.type), ["error", "close", "reconnecting"]);
    const err = events[0].detail;
    assert.ok(err instanceof HitchError);
    assert.equal(err.code, "unavailable");
    assert.match(err.message, /could not obtain a connect token/);
    assert.match(err.message, /not logged in/);
    assert.equal(err.cause.message, "not logged in");
    assert.deepEqual(events[1].detail, { code: 1006, reason: "could not obtain a connect token", wasClean: false });
    assert.deepEqual(events[2].detail, { attempt: 1, delayMs: 375 });
    assert.equal(client.state, "reconnecting");
  });
}

test("after a failed token the usual backoff grows until the token function succeeds", async (t) => {
  t.mock.method(Math, "random", () => 0);
  let fail = 3;
  const { client, WS, socket } = setup(t, {
    token: () => (fail-- > 0 ? Promise.reject(new HitchError("forbidden", "HTTP 401")) : Promise.resolve("good")),
  });
  const events = record(client, "reconnecting", "welcome", "error");
  client.addEventListener("error", () => {}); // no console noise
  for (let i = 0; i < 3; i++) {
    await flush();
    t.mock.timers.tick(15000);
  }
  await flush();
  assert.deepEqual(events.filter((e) => e.type === "reconnecting").map((e) => e.detail.delayMs), [250, 500, 1000]);
  assert.equal(events.filter((e) => e.type === "error").length, 3);
  assert.equal(WS.instances.length, 1);
  assert.deepEqual(socket().protocols, ["hitch.v1", "hitch.token.good"]);
  connect(socket());
  assert.equal(client.state, "open");
});

test("a token function that gives no usable token fails the attempt without quoting what it gave", async (t) => {
  for (const value of ["", "with space " + SECRET, 42, null, undefined, { token: SECRET }]) {
    const { client, WS } = setup(t, { token: () => value, reconnect: false });
    const events = record(client, "error", "close");
    await flush();
    assert.equal(WS.instances.length, 0);
    assert.deepEqual(events.map((e) => e.type), ["error", "close"]);
    assert.equal(events[0].detail.code, "unavailable");
    assert.match(events[0].detail.message, /could not obtain a connect token/);
    assert.ok(!allEventsText(events).includes(SECRET), allEventsText(events));
    assert.equal(events[1].detail.code, 1006);
    assert.equal(client.state, "closed");
    t.mock.timers.reset();
  }
});

test("with reconnect false a failed token closes the client and fails the queued requests", async (t) => {
  const { client } = setup(t, { token: () => Promise.reject(new Error("no")), reconnect: false });
  client.addEventListener("error", () => {});
  const queued = settle(client.request("echo"));
  await flush();
  assert.equal(client.state, "closed");
  assert.equal((await queued).error.code, "disconnected");
});

test("failed tokens count as attempts: reconnection gives up after maxAttempts", async (t) => {
  let calls = 0;
  const { client } = setup(t, { token: () => { calls++; throw new Error("down"); }, reconnect: { maxAttempts: 2 } });
  client.addEventListener("error", () => {});
  for (let i = 0; i < 4; i++) {
    await flush();
    t.mock.timers.tick(60000);
  }
  assert.equal(calls, 3);
  assert.equal(client.state, "closed");
});

test("close() from the error listener of a failed token stops the reconnection", async (t) => {
  let calls = 0;
  const { client, WS } = setup(t, { token: () => { calls++; throw new Error("down"); } });
  client.addEventListener("error", () => client.close());
  const events = record(client, "close", "reconnecting");
  await flush();
  t.mock.timers.tick(60000);
  await flush();
  assert.equal(calls, 1);
  assert.equal(WS.instances.length, 0);
  assert.equal(client.state, "closed");
  assert.deepEqual(events, []);
});

test("close() while the token function is pending: the token that arrives later opens nothing", async (t) => {
  let give;
  const { client, WS } = setup(t, { token: () => new Promise((resolve) => { give = resolve; }) });
  const events = record(client, "close", "error", "reconnecting");
  await flush();
  client.close();
  give("too-late");
  await flush();
  t.mock.timers.tick(60000);
  assert.equal(WS.instances.length, 0);
  assert.equal(client.state, "closed");
  assert.deepEqual(events, []);
});

test("close() while the token function is pending: a later rejection is not reported", async (t) => {
  let fail;
  const { client } = setup(t, { token: () => new Promise((resolve, reject) => { fail = reject; }) });
  const events = record(client, "close", "error", "reconnecting");
  await flush();
  client.close();
  fail(new Error("gone"));
  await flush();
  assert.deepEqual(events, []);
});

test("the error and close events never contain the token, even when the WebSocket constructor quotes it", async (t) => {
  class QuotingWebSocket {
    constructor(url, protocols) {
      throw new SyntaxError("The subprotocol '" + protocols.join(", ") + "' is invalid.");
    }
  }
  t.mock.timers.enable({ apis: ["setTimeout"] });
  const client = new HitchClient("ws://example.test/ws", { WebSocket: QuotingWebSocket, token: () => SECRET, reconnect: false });
  const events = record(client, "error", "close", "reconnecting");
  await flush();
  assert.equal(events.length, 1);
  assert.equal(events[0].detail.code, 1006);
  assert.ok(!allEventsText(events).includes(SECRET), allEventsText(events));
  assert.ok(events[0].detail.reason.includes("<token>"));
});

test("a string token quoted by a throwing WebSocket constructor is blanked out of the thrown error", () => {
  class QuotingWebSocket {
    constructor(url, protocols) {
      throw new SyntaxError("bad subprotocols " + protocols.join(","));
    }
  }
  assert.throws(() => new HitchClient("ws://example.test/ws", { WebSocket: QuotingWebSocket, token: SECRET }), (e) => {
    assert.equal(e.name, "SyntaxError");
    assert.ok(!e.message.includes(SECRET), e.message);
    assert.ok(e.message.includes("hitch.token.<token>"), e.message);
    return true;
  });
});

test("no event of a successful token connection contains the token", async (t) => {
  const { client, socket } = setup(t, { token: async () => SECRET });
  const events = record(client, "open", "welcome", "close", "reconnecting", "error");
  await flush();
  connect(socket()).serverClose(1001, "server shutting down", true);
  assert.ok(!allEventsText(events).includes(SECRET));
  assert.ok(!JSON.stringify({ url: client.url, state: client.state }).includes(SECRET));
});

// ---- HitchClient.fetchToken ----

test("fetchToken POSTs to hitch/token with same-origin credentials and resolves the token", async () => {
  const fetch = fakeFetch(200, { token: SECRET, expiresInMs: 60000 });
  assert.equal(await HitchClient.fetchToken(undefined, { fetch }), SECRET);
  assert.equal(fetch.calls.length, 1);
  assert.equal(fetch.calls[0].url, "hitch/token");
  assert.equal(fetch.calls[0].init.method, "POST");
  assert.equal(fetch.calls[0].init.credentials, "same-origin");
});

test("fetchToken uses the url it is given", async () => {
  const fetch = fakeFetch(200, { token: "t" });
  await HitchClient.fetchToken("/app/hitch/token", { fetch });
  assert.equal(fetch.calls[0].url, "/app/hitch/token");
});

test("fetchToken uses globalThis.fetch when no fetch option is given", async () => {
  const fetch = fakeFetch(200, { token: "from-global" });
  assert.equal(await withGlobalFetch(fetch, () => HitchClient.fetchToken()), "from-global");
  assert.equal(fetch.calls[0].url, "hitch/token");
  assert.equal(fetch.calls[0].init.credentials, "same-origin");
});

for (const status of [401, 403]) {
  test(`fetchToken rejects with forbidden on HTTP ${status}`, async () => {
    const { error } = await settle(HitchClient.fetchToken(undefined, { fetch: fakeFetch(status, { error: "authenticate first" }) }));
    assert.ok(error instanceof HitchError);
    assert.equal(error.code, "forbidden");
    assert.match(error.message, new RegExp(String(status)));
  });
}

for (const status of [404, 429, 500, 503]) {
  test(`fetchToken rejects with unavailable on HTTP ${status}`, async () => {
    const { error } = await settle(HitchClient.fetchToken(undefined, { fetch: fakeFetch(status, {}) }));
    assert.ok(error instanceof HitchError);
    assert.equal(error.code, "unavailable");
    assert.match(error.message, new RegExp(String(status)));
  });
}

test("fetchToken rejects with unavailable when the request fails", async () => {
  const fetch = async () => { throw new TypeError("Failed to fetch"); };
  const { error } = await settle(HitchClient.fetchToken(undefined, { fetch }));
  assert.equal(error.code, "unavailable");
  assert.match(error.message, /Failed to fetch/);
});

test("fetchToken rejects with unavailable when the fetch function throws at once", async () => {
  const fetch = () => { throw new TypeError("bad init"); };
  const { error } = await settle(HitchClient.fetchToken(undefined, { fetch }));
  assert.equal(error.code, "unavailable");
});

test("fetchToken rejects with unavailable, without quoting the body, when the answer is not JSON", async () => {
  const { error } = await settle(HitchClient.fetchToken(undefined, { fetch: fakeFetch(200, SECRET) }));
  assert.equal(error.code, "unavailable");
  assert.ok(!error.message.includes(SECRET), error.message);
});

test("fetchToken rejects with unavailable when the answer has no token", async () => {
  for (const body of [{}, { token: "" }, { token: 42 }, [SECRET], null]) {
    const { error } = await settle(HitchClient.fetchToken(undefined, { fetch: fakeFetch(200, body) }));
    assert.equal(error.code, "unavailable", JSON.stringify(body));
    assert.ok(!error.message.includes(SECRET));
  }
});

test("fetchToken rejects with unavailable when there is no fetch at all", async () => {
  const { error } = await withGlobalFetch(undefined, () => settle(HitchClient.fetchToken()));
  assert.ok(error instanceof HitchError);
  assert.equal(error.code, "unavailable");
});

test("a client with token: () => fetchToken() fetches a fresh token for every connection", async (t) => {
  t.mock.method(Math, "random", () => 0);
  let n = 0;
  const fetch = async (url, init) => ({ status: 200, json: async () => ({ token: "tok-" + ++n, expiresInMs: 60000 }) });
  const { WS, socket } = setup(t, { token: () => HitchClient.fetchToken(undefined, { fetch }) });
  await flush();
  connect(socket()).serverClose(1001, "server shutting down", true);
  t.mock.timers.tick(1000);
  await flush();
  assert.deepEqual(WS.instances.map((ws) => ws.protocols), [
    ["hitch.v1", "hitch.token.tok-1"],
    ["hitch.v1", "hitch.token.tok-2"],
  ]);
});

test("a refused token request becomes an unavailable error event and a reconnection", async (t) => {
  const fetch = fakeFetch(401, { error: "authenticate first" });
  const { client, WS } = setup(t, { token: () => HitchClient.fetchToken(undefined, { fetch }) });
  const events = record(client, "error", "close", "reconnecting");
  await flush();
  assert.equal(WS.instances.length, 0);
  assert.deepEqual(events.map((e) => e.type), ["error", "close", "reconnecting"]);
  assert.equal(events[0].detail.code, "unavailable");
  assert.equal(events[0].detail.cause.code, "forbidden");
  assert.match(events[0].detail.message, /could not obtain a connect token.*401/);
});
