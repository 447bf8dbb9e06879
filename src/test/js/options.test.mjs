import { test } from "node:test";
import assert from "node:assert/strict";
import { HitchClient, fakeWebSocketClass } from "./fake-websocket.mjs";

/** Runs fn with a fake page location installed on globalThis. */
function onPage(href, fn) {
  const had = Object.getOwnPropertyDescriptor(globalThis, "location");
  Object.defineProperty(globalThis, "location", { value: new URL(href), configurable: true, writable: true });
  try {
    return fn();
  } finally {
    if (had) Object.defineProperty(globalThis, "location", had);
    else delete globalThis.location;
  }
}

function urlFor(page, url) {
  const WS = fakeWebSocketClass();
  return onPage(page, () => {
    const client = new HitchClient(url, { WebSocket: WS, reconnect: false });
    client.close();
    return WS.instances[0].url;
  });
}

test("without a url the endpoint is the page's directory plus ws on the same host", () => {
  assert.equal(urlFor("http://example.test:9080/app/index.html"), "ws://example.test:9080/app/ws");
});

test("without a url a page at the root connects to /ws", () => {
  assert.equal(urlFor("http://example.test/"), "ws://example.test/ws");
});

test("without a url an https page connects with wss", () => {
  assert.equal(urlFor("https://example.test/app/page.html?x=1#top"), "wss://example.test/app/ws");
});

test("a relative url is resolved against the page", () => {
  assert.equal(urlFor("https://example.test/app/index.html", "../other/ws"), "wss://example.test/other/ws");
});

test("an absolute ws url is used as given", () => {
  assert.equal(urlFor("https://example.test/app/", "ws://elsewhere.test:8080/x/ws"), "ws://elsewhere.test:8080/x/ws");
});

test("the options may be given as the only argument", () => {
  const WS = fakeWebSocketClass();
  onPage("http://example.test/a/b.html", () => new HitchClient({ WebSocket: WS, reconnect: false }).close());
  assert.equal(WS.instances[0].url, "ws://example.test/a/ws");
});

test("without a url and without a page the constructor throws a TypeError", () => {
  assert.throws(() => new HitchClient(undefined, { WebSocket: fakeWebSocketClass() }), TypeError);
});

test("the client offers the hitch.v1 subprotocol by default", () => {
  const WS = fakeWebSocketClass();
  new HitchClient("ws://example.test/ws", { WebSocket: WS, reconnect: false }).close();
  assert.deepEqual(WS.instances[0].protocols, ["hitch.v1"]);
});

test("the protocols option replaces the offered subprotocols", () => {
  const WS = fakeWebSocketClass();
  new HitchClient("ws://example.test/ws", { WebSocket: WS, protocols: ["hitch.v2", "hitch.v1"], reconnect: false }).close();
  assert.deepEqual(WS.instances[0].protocols, ["hitch.v2", "hitch.v1"]);
});

test("the client uses globalThis.WebSocket when no WebSocket option is given", () => {
  const WS = fakeWebSocketClass();
  const had = globalThis.WebSocket;
  globalThis.WebSocket = WS;
  try {
    new HitchClient("ws://example.test/ws", { reconnect: false }).close();
  } finally {
    globalThis.WebSocket = had;
  }
  assert.equal(WS.instances.length, 1);
});
