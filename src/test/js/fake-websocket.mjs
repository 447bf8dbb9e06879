// Test support (not a test file): a scriptable fake WebSocket and small helpers.
// The fake plays the server's side: serverOpen(), serverSend(frame), serverWelcome(), serverClose().
import HitchClient from "../../main/webapp/js/hitch.mjs";

export { HitchClient };

/** A fresh FakeWebSocket class per test, so that its instances list is the test's own. */
export function fakeWebSocketClass() {
  class FakeWebSocket {
    constructor(url, protocols) {
      this.url = url;
      this.protocols = protocols;
      this.readyState = 0;
      this.sent = [];
      this.closedWith = null;
      this.onopen = this.onmessage = this.onclose = this.onerror = null;
      FakeWebSocket.instances.push(this);
    }

    send(text) {
      if (this.readyState !== 1) throw new Error("InvalidStateError: the socket is not open");
      if (typeof text !== "string") throw new Error("the fake only takes text frames");
      this.sent.push(text);
    }

    close(code, reason) {
      if (code !== undefined && code !== 1000 && (code < 3000 || code > 4999)) throw new Error("InvalidAccessError: " + code);
      this.closedWith = { code, reason };
      this.readyState = 2;
    }

    /** The frames the client sent, parsed. */
    get frames() {
      return this.sent.map((text) => JSON.parse(text));
    }

    lastFrame() {
      return JSON.parse(this.sent[this.sent.length - 1]);
    }

    serverOpen() {
      this.readyState = 1;
      if (this.onopen) this.onopen({ type: "open" });
    }

    /** Sends a frame to the client: an object is JSON-encoded, a string goes as it is. */
    serverSend(frame) {
      if (this.onmessage) this.onmessage({ type: "message", data: typeof frame === "string" ? frame : JSON.stringify(frame) });
    }

    serverWelcome(overrides = {}) {
      this.serverSend({ route: "hitch.welcome", data: welcomeData(overrides) });
    }

    serverClose(code = 1006, reason = "", wasClean = false) {
      this.readyState = 3;
      if (this.onclose) this.onclose({ type: "close", code, reason, wasClean });
    }
  }
  FakeWebSocket.instances = [];
  return FakeWebSocket;
}

export function welcomeData(overrides = {}) {
  return {
    protocol: "hitch/1",
    peer: "peer-1",
    routes: ["echo", "hello"],
    limits: { maxFrameBytes: 65536, maxInFlight: 64 },
    heartbeatMs: 0,
    requestTimeoutMs: 30000,
    ...overrides,
  };
}

/**
 * Mocks setTimeout/clearTimeout for the test and makes a client on a fake socket.
 * Returns {client, WS, socket(): the newest fake socket}.
 */
export function setup(t, options = {}, url = "ws://example.test/ws") {
  t.mock.timers.enable({ apis: ["setTimeout"] });
  const WS = fakeWebSocketClass();
  const client = new HitchClient(url, { WebSocket: WS, ...options });
  const socket = () => WS.instances[WS.instances.length - 1];
  return { client, WS, socket };
}

/** Opens the newest socket and sends the welcome. */
export function connect(ws, welcome = {}) {
  ws.serverOpen();
  ws.serverWelcome(welcome);
  return ws;
}

/** Lets pending promise callbacks run (setImmediate is not mocked). */
export const flush = () => new Promise((resolve) => setImmediate(resolve));

/** Records the client's events of the given types as {type, detail}. */
export function record(client, ...types) {
  const seen = [];
  for (const type of types) client.addEventListener(type, (event) => seen.push({ type, detail: event.detail }));
  return seen;
}

/** Settles a promise into {value} or {error} without throwing. */
export function settle(promise) {
  return promise.then((value) => ({ value }), (error) => ({ error }));
}
