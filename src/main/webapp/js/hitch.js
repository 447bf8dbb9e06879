/*
 * Hitch browser client for the hitch/1 wire protocol.
 *
 * Plain ES2020, no build step. Works as a classic <script> (defines the global HitchClient),
 * as an ES module through hitch.mjs, and as a CommonJS module (module.exports = HitchClient).
 *
 *   const client = new HitchClient();                  // ws(s)://<host>/<page dir>/ws
 *   client.send("hello", { name: "Ada" }, (data) => alert(data.message));
 *   const reply = await client.request("echo", { x: 1 });
 *   const off = client.on("chat.message", (data, meta) => show(data));
 *   const answer = await client.relay(otherPeerId, "chat.dm", { text: "psst" }); // via the server
 *   // With a connect token (single-use): a fresh one before every connection attempt
 *   const authed = new HitchClient(undefined, { token: () => HitchClient.fetchToken() });
 *   // Several servers: the next one after a failure; missed pushes are recovered on reconnect
 *   const ha = new HitchClient(["wss://a.example/ws", "wss://b.example/ws"]);
 *   ha.addEventListener("recovered", (e) => { if (!e.detail.recovered) reloadState(); });
 */
(function (root) {
  "use strict";

  const ROUTE_RE = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;
  const CODE_RE = /^[a-z][a-z0-9_.-]*$/;
  const DEFAULT_TIMEOUT_MS = 30000;
  const MAX_TIMER_MS = 2147483647; // setTimeout's limit
  const RELAY_GRACE_MS = 1000; // a relay waits this much longer than the server, whose timeout answer should come first
  const RECONNECT_DEFAULTS = { initialDelayMs: 500, maxDelayMs: 15000, factor: 2, jitter: "equal", maxAttempts: Infinity };
  const TOKEN_PROTOCOL_PREFIX = "hitch.token."; // a connect token travels as the subprotocol hitch.token.<token>
  const TOKEN_RE = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/; // what a subprotocol may hold (RFC 6455 4.1, RFC 7230 tchar)
  const DEFAULT_TOKEN_URL = "hitch/token";
  const RESUME_PARAMETER = "resume"; // the query parameter of a connection that resumes (PROTOCOL.md 5.5)

  /** An error reply, a timeout, a lost connection or a protocol problem. */
  class HitchError extends Error {
    /**
     * @param {string} code stable lowercase code, e.g. "bad_data", "timeout", "disconnected"
     * @param {string} [message] human readable text
     * @param {*} [details] optional structured details (e.g. validation violations)
     */
    constructor(code, message, details) {
      super(message || code);
      this.name = "HitchError";
      this.code = code;
      this.details = details;
    }

    /** @returns {{code: string, message: string, details?: *}} the wire shape of the error */
    toJSON() {
      const json = { code: this.code, message: this.message };
      if (this.details !== undefined) json.details = this.details;
      return json;
    }
  }

  const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
  const hasOwn = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
  const disconnected = (why) => new HitchError("disconnected", why);

  /** Turns the "error" member of an error reply (or a hitch.error push's data) into a HitchError. */
  function toHitchError(e) {
    if (!isObject(e)) return new HitchError("internal", "malformed error from the server: " + JSON.stringify(e));
    const code = typeof e.code === "string" && e.code ? e.code : "internal";
    return new HitchError(code, typeof e.message === "string" && e.message ? e.message : code, e.details);
  }

  function makeEvent(type, detail) {
    if (typeof CustomEvent === "function") return new CustomEvent(type, { detail });
    const event = new Event(type);
    Object.defineProperty(event, "detail", { value: detail });
    return event;
  }

  /** Reports an exception thrown by application code (a callback or a push handler) without throwing. */
  function reportUncaught(err) {
    if (typeof root.reportError === "function") root.reportError(err);
    else if (root.console) root.console.error(err);
  }

  function utf8Length(s) {
    let n = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) n += 1;
      else if (c < 0x800) n += 2;
      else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) { n += 4; i++; } // surrogate pair
      else n += 3;
    }
    return n;
  }

  /** Resolves the endpoint: absolute ws(s) URLs as given; http(s) and relative ones against the page. */
  function resolveUrl(url) {
    const base = root.location && root.location.href;
    if (url === undefined || url === null || url === "") {
      if (!base) throw new TypeError("HitchClient: no url given and no page location to derive it from");
      url = "ws"; // the page's directory + "ws": /app/index.html -> /app/ws, / -> /ws
    }
    const u = base ? new URL(String(url), base) : new URL(String(url));
    if (u.protocol === "http:") u.protocol = "ws:";
    else if (u.protocol === "https:") u.protocol = "wss:";
    u.hash = "";
    return u.href;
  }

  const isValidToken = (token) => typeof token === "string" && TOKEN_RE.test(token);

  /** The message of an error, with every occurrence of the token blanked out. */
  function withoutToken(message, token) {
    const text = String(message);
    return typeof token === "string" && token !== "" ? text.split(token).join("<token>") : text;
  }

  /** Asks the token endpoint for a connect token; see HitchClient.fetchToken. */
  function fetchToken(url, options) {
    const target = url === undefined || url === null || url === "" ? DEFAULT_TOKEN_URL : String(url);
    const custom = options && options.fetch;
    const init = { method: "POST", credentials: "same-origin", headers: { Accept: "application/json" } };
    return new Promise((resolve) => {
      if (typeof custom === "function") resolve(custom(target, init));
      else if (typeof root.fetch === "function") resolve(root.fetch(target, init));
      else throw new HitchError("unavailable", "fetchToken: no fetch implementation");
    }).then((response) => {
      const status = response && typeof response.status === "number" ? response.status : 0;
      if (status === 401 || status === 403) {
        throw new HitchError("forbidden", "the token endpoint refused to issue a connect token (HTTP " + status + ")");
      }
      if (status < 200 || status > 299) {
        throw new HitchError("unavailable", "the token endpoint answered HTTP " + status);
      }
      // The parser's message may quote the body, which may hold a token: it is not passed on.
      return Promise.resolve().then(() => response.json()).then(undefined, () => {
        throw new HitchError("unavailable", "the token endpoint's answer is not JSON");
      });
    }, (err) => {
      if (err instanceof HitchError) throw err;
      throw new HitchError("unavailable", "could not reach the token endpoint: " + (err && err.message ? err.message : String(err)));
    }).then((body) => {
      if (!isObject(body) || typeof body.token !== "string" || body.token === "") {
        throw new HitchError("unavailable", "the token endpoint's answer has no token");
      }
      return body.token;
    });
  }

  /**
   * A Hitch connection. Extends EventTarget; events are CustomEvents:
   * "open", "welcome" (detail: welcome data), "close" (detail: {code, reason, wasClean}),
   * "reconnecting" (detail: {attempt, delayMs}; the next URL is client.url), "error" (detail: HitchError),
   * "recovered" (detail: {recovered: true, peer, groups, replayed} or {recovered: false, error}).
   */
  class HitchClient extends EventTarget {
    /**
     * Opens the connection at once (and again after every drop, unless reconnect is false).
     * @param {string|string[]} [url] endpoint; default: same host, ws: or wss: like the page, page directory + "ws".
     *   Several URLs: the client connects to the first and moves to the next after every failure or drop.
     * @param {object} [options]
     * @param {number} [options.timeoutMs] request timeout; default the welcome's requestTimeoutMs, else 30000; 0 = none
     * @param {boolean|object} [options.reconnect] true (default), false, or
     *   {initialDelayMs: 500, maxDelayMs: 15000, factor: 2, jitter: "equal"|"full", maxAttempts: Infinity}
     * @param {string[]} [options.protocols] WebSocket subprotocols, default ["hitch.v1"]
     * @param {Function} [options.WebSocket] WebSocket constructor, default globalThis.WebSocket
     * @param {number} [options.heartbeatMs] ping after this long without any frame; default the welcome's; 0 = off
     * @param {string|Function} [options.token] a connect token, offered as the subprotocol "hitch.token.<token>"
     *   after the others; or a function returning one (or a promise of one), called before every connection
     *   attempt, since tokens are single-use: e.g. () => HitchClient.fetchToken()
     * @param {boolean} [options.recover] after a reconnect, resume the previous connection: get its groups back
     *   and every push it missed (default true; needs the server's recovery, which the welcome's resume shows)
     */
    constructor(url, options) {
      super();
      if (isObject(url) && options === undefined) { options = url; url = undefined; }
      const o = options || {};
      this._wrappers = new WeakMap(); // "error" listeners, wrapped to know whether anyone listened
      const urls = Array.isArray(url) ? url : [url];
      if (urls.length === 0) throw new TypeError("HitchClient: the list of server URLs is empty");
      this._urls = urls.map(resolveUrl);
      this._urlIndex = 0;
      this.url = this._urls[0];
      this._recover = o.recover !== false;
      this._resumeToken = null;   // from the last welcome
      this._lastPeerId = null;    // the peer id that token resumes
      this._seen = new Map();     // stream -> number of the last push received in it
      this._resuming = null;      // {token, peer} while the current connection resumes
      this._recovered = null;
      this._WebSocket = o.WebSocket || root.WebSocket;
      if (typeof this._WebSocket !== "function") throw new TypeError("HitchClient: no WebSocket implementation");
      this._protocols = o.protocols || ["hitch.v1"];
      if (o.token !== undefined && o.token !== null && typeof o.token !== "function" && !isValidToken(o.token)) {
        throw new TypeError("HitchClient: the token option must be a function or a non-empty string of subprotocol characters");
      }
      this._token = o.token === null ? undefined : o.token;
      this._tokenWait = null; // the connection attempt waiting for the token function, if any
      this._timeoutMs = o.timeoutMs ?? undefined;
      this._heartbeatMs = o.heartbeatMs ?? undefined;
      this._retry = o.reconnect === false ? null
        : Object.assign({}, RECONNECT_DEFAULTS, isObject(o.reconnect) ? o.reconnect : null);
      this._state = "connecting";
      this._ws = null;
      this._nextId = 1;
      this._inflight = new Map(); // id -> entry, requests sent on the current connection
      this._queue = [];           // entries waiting for an open connection
      this._handlers = new Map(); // route -> [handler]
      this._welcome = null;
      this._peerId = null;
      this._routes = [];
      this._attempt = 0;
      this._retryTimer = null;
      this._beatTimer = null;
      this._pinging = false;
      this._errorSeen = false;
      this._open();
    }

    /** @returns {"connecting"|"open"|"closed"|"reconnecting"} */
    get state() { return this._state; }
    /** @returns {boolean} true while the WebSocket is open */
    get connected() { return this._state === "open"; }
    /** @returns {string|null} this connection's peer id, from the welcome */
    get peerId() { return this._peerId; }
    /** @returns {string[]} the server's routes, from the last welcome */
    get routes() { return this._routes.slice(); }
    /** @returns {object|null} the last welcome's data */
    get welcome() { return this._welcome; }
    /** @returns {boolean|null} whether the last reconnect recovered the previous connection (null: none tried) */
    get recovered() { return this._recovered; }

    /**
     * Classic API: sends a request, calls back with the reply data. On failure (error reply, timeout,
     * disconnect) a callback declaring 2+ parameters is called as callback(undefined, error); otherwise
     * the error is dispatched as an "error" event (console.warn'ed when nobody listens).
     * @param {string} route
     * @param {*} [data]
     * @param {Function} [callback] (data) => void, or (data, error) => void
     * @returns {Promise<*>} the request's promise; leaving it unhandled is safe
     */
    send(route, data, callback) {
      if (typeof data === "function" && callback === undefined) { callback = data; data = undefined; }
      const promise = this.request(route, data);
      const hasCallback = typeof callback === "function";
      promise.then(
        (value) => { if (hasCallback) this._invoke(callback, value); },
        (err) => { if (hasCallback && callback.length >= 2) this._invoke(callback, undefined, err); else this._report(err); });
      return promise;
    }

    /**
     * Sends a request and waits for its reply.
     * @param {string} route
     * @param {*} [data]
     * @param {{timeoutMs?: number}} [options]
     * @returns {Promise<*>} resolves with the reply data, rejects with a HitchError
     */
    request(route, data, options) {
      return new Promise((resolve, reject) => {
        this._enqueue(route, data, options && options.timeoutMs, resolve, reject);
      });
    }

    /**
     * Sends a request to another client through the server (built-in route hitch.relay). The target's
     * handler for the route sees meta.from = this client's peer id; its reply (or error) is the answer.
     * @param {string} peerId the target's peer id (from a welcome, or an application's member list)
     * @param {string} route the target's route, e.g. "chat.dm" (the server decides which are allowed)
     * @param {*} [data]
     * @param {{timeoutMs?: number}} [options] timeoutMs: how long the server waits for the target
     *   (default and maximum: the welcome's requestTimeoutMs); the local timeout is 1 s longer
     * @returns {Promise<*>} resolves with the target's reply data; rejects with a HitchError: the target's
     *   own error, or forbidden, unavailable, timeout, bad_data (from the server), disconnected
     */
    relay(peerId, route, data, options) {
      if (typeof peerId !== "string" || peerId === "") {
        return Promise.reject(new HitchError("bad_data", "relay: the peer id must be a non-empty string"));
      }
      if (typeof route !== "string" || route.length > 128 || !ROUTE_RE.test(route)) {
        return Promise.reject(new HitchError("bad_data", "relay: invalid route: " + (typeof route === "string" ? route : typeof route)));
      }
      const timeoutMs = options ? options.timeoutMs : undefined;
      const body = { peer: peerId, route, data: data === undefined ? null : data };
      if (timeoutMs !== undefined && timeoutMs !== null) body.timeoutMs = timeoutMs;
      const wait = typeof body.timeoutMs === "number" && body.timeoutMs > 0 ? body.timeoutMs : this._defaultTimeout();
      const local = wait > 0 && wait < Infinity ? wait + RELAY_GRACE_MS : wait;
      return this.request("hitch.relay", body, { timeoutMs: local });
    }

    /**
     * Sends a notification (a request without id, never answered). Problems are "error" events.
     * @param {string} route
     * @param {*} [data]
     */
    notify(route, data) {
      this._enqueue(route, data, undefined, null, (err) => this._report(err));
    }

    /**
     * Handles pushes (and server requests) to a route. Push handlers get (data, {route}); for a server
     * request the first handler gets (data, {route, id}) and its return value (or promise) is the reply;
     * a thrown error answers an error reply with the error's code (default "internal") and message.
     * For frames relayed from another client, meta.from is the sender's peer id (else it is absent).
     * @param {string} route
     * @param {(data: *, meta: object) => *} handler
     * @returns {() => void} removes this handler
     */
    on(route, handler) {
      if (typeof route !== "string") throw new TypeError("HitchClient.on: route must be a string");
      if (typeof handler !== "function") throw new TypeError("HitchClient.on: handler must be a function");
      let list = this._handlers.get(route);
      if (!list) this._handlers.set(route, (list = []));
      list.push(handler);
      return () => {
        const current = this._handlers.get(route);
        const i = current ? current.indexOf(handler) : -1;
        if (i < 0) return;
        current.splice(i, 1);
        if (current.length === 0) this._handlers.delete(route);
      };
    }

    /**
     * Closes the connection and stops reconnecting; pending and queued requests reject with "disconnected".
     * @param {number} [code] WebSocket close code (1000 or 3000-4999), default 1000
     * @param {string} [reason]
     */
    close(code = 1000, reason = "") {
      clearTimeout(this._retryTimer);
      this._retryTimer = null;
      this._tokenWait = null; // a token that arrives later is dropped
      const ws = this._ws;
      this._detach();
      this._state = "closed";
      this._failQueued(disconnected("the client was closed"));
      if (ws) {
        this._closeSocket(ws, code, reason);
        this._emit("close", { code, reason, wasClean: true });
      }
    }

    /** Opens again after close() (or after reconnection gave up). Does nothing otherwise. */
    connect() {
      if (this._state !== "closed") return;
      this._attempt = 0;
      this._state = "connecting";
      try {
        this._open();
      } catch (err) {
        this._state = "closed";
        throw err;
      }
    }

    addEventListener(type, listener, options) {
      super.addEventListener(type, type === "error" ? this._tracked(listener) : listener, options);
    }

    removeEventListener(type, listener, options) {
      const actual = type === "error" && listener ? this._wrappers.get(listener) || listener : listener;
      super.removeEventListener(type, actual, options);
    }

    // ---- connection ----

    /** Starts a connection attempt: at once, or once the token function has given a token. */
    _open() {
      const token = this._token;
      if (typeof token !== "function") return this._openSocket(token);
      const wait = {};
      this._tokenWait = wait;
      new Promise((resolve) => resolve(token())).then((value) => {
        if (this._tokenWait !== wait) return; // closed (or started over) meanwhile
        this._tokenWait = null;
        if (!isValidToken(value)) {
          return this._tokenFailed(new HitchError("unavailable",
            "could not obtain a connect token: the token function did not give a non-empty string of subprotocol characters"));
        }
        try {
          this._openSocket(value);
        } catch (err) {
          this._lost(1006, String(err && err.message), false);
        }
      }, (err) => {
        if (this._tokenWait !== wait) return;
        this._tokenWait = null;
        const why = err && typeof err.message === "string" && err.message ? err.message : String(err);
        const failure = new HitchError("unavailable", "could not obtain a connect token: " + why);
        failure.cause = err;
        this._tokenFailed(failure);
      });
    }

    /** The token function failed: like a connection attempt that failed. */
    _tokenFailed(err) {
      this._report(err);
      if (this._state === "connecting" || this._state === "reconnecting") {
        this._lost(1006, "could not obtain a connect token", false);
      }
    }

    _openSocket(token) {
      let ws;
      // A connection that will resume says so in its URL: the server holds back group and broadcast pushes
      // until hitch.resume has caught it up, so that they arrive in order.
      this._resuming = this._recover && this._resumeToken ? { token: this._resumeToken, peer: this._lastPeerId } : null;
      let url = this.url;
      if (this._resuming) {
        const u = new URL(url);
        u.searchParams.set(RESUME_PARAMETER, "1");
        url = u.href;
      }
      if (token === undefined) ws = new this._WebSocket(url, this._protocols);
      else {
        try {
          ws = new this._WebSocket(url, [].concat(this._protocols, TOKEN_PROTOCOL_PREFIX + token));
        } catch (err) { // the browser's message may quote the subprotocols
          const safe = new Error(withoutToken(err && err.message, token));
          safe.name = err && err.name ? err.name : "Error";
          throw safe;
        }
      }
      this._ws = ws;
      this._nextId = 1;
      ws.onopen = () => this._onOpen(ws);
      ws.onmessage = (event) => this._onMessage(ws, event);
      ws.onclose = (event) => this._onClose(ws, event.code, event.reason, event.wasClean);
      ws.onerror = null; // a close event always follows; nothing useful in the error event
    }

    _onOpen(ws) {
      if (ws !== this._ws) return;
      this._state = "open";
      this._armHeartbeat();
      if (this._resuming) this._resume(this._resuming); // the first frame, before anything queued
      const queued = this._queue;
      this._queue = [];
      for (const entry of queued) this._transmit(entry);
      this._emit("open");
    }

    _onClose(ws, code, reason, wasClean) {
      if (ws !== this._ws) return;
      this._detach();
      this._lost(code, reason, wasClean);
    }

    /** The current connection is gone (or could not be created): retry or give up. */
    _lost(code, reason, wasClean) {
      const retry = this._retry !== null && this._attempt < this._retry.maxAttempts;
      this._state = retry ? "reconnecting" : "closed";
      if (!retry) this._failQueued(disconnected("the connection closed"));
      this._emit("close", { code, reason, wasClean });
      if (retry && this._state === "reconnecting") this._scheduleReconnect();
    }

    /** Asks the server for the previous connection's groups and missed pushes; reports the outcome. */
    _resume(resuming) {
      const seen = {};
      for (const [stream, seq] of this._seen) seen[stream] = seq;
      this.request("hitch.resume", { token: resuming.token, seen }).then((result) => {
        this._recovered = true;
        this._forgetPeerStream(resuming.peer);
        this._emit("recovered", Object.assign({ recovered: true }, isObject(result) ? result : {}));
      }, (error) => {
        this._recovered = false;
        this._forgetPeerStream(resuming.peer);
        this._emit("recovered", { recovered: false, error });
      });
    }

    _forgetPeerStream(peerId) {
      if (peerId) this._seen.delete("peer:" + peerId);
    }

    _scheduleReconnect() {
      const r = this._retry;
      const attempt = ++this._attempt;
      // Several servers: the next attempt goes to the next one
      this._urlIndex = (this._urlIndex + 1) % this._urls.length;
      this.url = this._urls[this._urlIndex];
      const base = Math.min(r.maxDelayMs, r.initialDelayMs * Math.pow(r.factor, attempt - 1));
      const delayMs = Math.round(r.jitter === "full" ? Math.random() * base : base / 2 + (Math.random() * base) / 2);
      this._retryTimer = setTimeout(() => {
        this._retryTimer = null;
        if (this._state !== "reconnecting") return;
        try {
          this._open();
        } catch (err) {
          this._lost(1006, String(err && err.message), false);
        }
      }, delayMs);
      this._emit("reconnecting", { attempt, delayMs });
    }

    /** Forgets the current socket: handlers, heartbeat, peer id; rejects requests in flight. */
    _detach() {
      const ws = this._ws;
      this._ws = null;
      clearTimeout(this._beatTimer);
      this._beatTimer = null;
      this._peerId = null;
      if (ws) ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
      const inflight = Array.from(this._inflight.values());
      this._inflight.clear();
      for (const entry of inflight) this._fail(entry, disconnected("the connection closed before the reply to " + entry.route));
    }

    _closeSocket(ws, code, reason) {
      try {
        ws.close(code, reason);
      } catch (err) {
        try { ws.close(); } catch (ignored) { /* already closed */ }
      }
    }

    // ---- heartbeat ----

    _armHeartbeat() {
      clearTimeout(this._beatTimer);
      this._beatTimer = null;
      const ms = this._heartbeatMs !== undefined ? this._heartbeatMs : this._welcome && this._welcome.heartbeatMs;
      if (this._state !== "open" || !(ms > 0)) return;
      this._beatTimer = setTimeout(() => this._beat(ms), Math.min(ms, MAX_TIMER_MS));
    }

    _beat(heartbeatMs) {
      this._beatTimer = null;
      if (this._pinging) return;
      const ws = this._ws;
      const t = this._defaultTimeout();
      this._pinging = true;
      this.request("hitch.ping", undefined, { timeoutMs: t > 0 && t < Infinity ? t : heartbeatMs }).then(
        () => { this._pinging = false; },
        (err) => {
          this._pinging = false;
          if (err.code === "timeout" && ws === this._ws) { // no answer: the connection is dead
            this._detach();
            this._closeSocket(ws, 4000, "heartbeat timeout");
            this._lost(4000, "heartbeat timeout", false);
          }
        });
    }

    // ---- incoming frames ----

    _onMessage(ws, event) {
      if (ws !== this._ws) return;
      this._armHeartbeat();
      if (typeof event.data !== "string") return this._report(new HitchError("bad_frame", "binary frame from the server ignored"));
      let msg;
      try {
        msg = JSON.parse(event.data);
      } catch (err) {
        return this._report(new HitchError("bad_frame", "frame from the server is not valid JSON"));
      }
      if (!isObject(msg)) return this._report(new HitchError("bad_frame", "frame from the server is not a JSON object"));
      if (hasOwn(msg, "re")) return this._onReply(msg);
      if (typeof msg.route !== "string") return this._report(new HitchError("bad_frame", "frame from the server has neither re nor route"));
      const data = msg.data === undefined ? null : msg.data;
      const from = typeof msg.from === "string" ? msg.from : undefined; // relayed: the sender's peer id
      if (msg.id === undefined || msg.id === null) {
        if (typeof msg.stream === "string" && Number.isSafeInteger(msg.seq)) {
          const last = this._seen.get(msg.stream);
          if (last !== undefined && msg.seq <= last) return; // had it already: each push is handled once
          this._seen.set(msg.stream, msg.seq);
        }
        return this._onPush(msg.route, data, from);
      }
      if (typeof msg.id !== "number" && typeof msg.id !== "string") {
        return this._report(new HitchError("bad_frame", "request from the server has an invalid id"));
      }
      this._onServerRequest(ws, msg.route, msg.id, data, from);
    }

    _onReply(msg) {
      const entry = this._inflight.get(msg.re);
      if (!entry) return; // unknown or late (already timed out): ignored
      this._inflight.delete(msg.re);
      if (msg.error !== undefined && msg.error !== null) this._fail(entry, toHitchError(msg.error));
      else {
        clearTimeout(entry.timer);
        entry.resolve(msg.data === undefined ? null : msg.data);
      }
    }

    _onPush(route, data, from) {
      if (route === "hitch.welcome") this._onWelcome(data);
      else if (route === "hitch.error") {
        const err = toHitchError(data);
        if (isObject(data) && typeof data.route === "string") err.route = data.route;
        this._report(err);
      }
      const list = this._handlers.get(route);
      if (!list) return;
      for (const handler of list.slice()) {
        try {
          const meta = { route };
          if (from !== undefined) meta.from = from;
          const result = handler(data, meta);
          if (result && typeof result.then === "function") result.then(undefined, reportUncaught);
        } catch (err) {
          reportUncaught(err);
        }
      }
    }

    _onWelcome(data) {
      const w = isObject(data) ? data : {};
      this._welcome = w;
      this._peerId = typeof w.peer === "string" ? w.peer : null;
      this._resumeToken = typeof w.resume === "string" && w.resume !== "" ? w.resume : null;
      this._lastPeerId = this._peerId;
      this._routes = Array.isArray(w.routes) ? w.routes.filter((r) => typeof r === "string") : [];
      this._attempt = 0;
      this._armHeartbeat();
      this._emit("welcome", w);
    }

    _onServerRequest(ws, route, id, data, from) {
      const list = this._handlers.get(route);
      const meta = { route, id };
      if (from !== undefined) meta.from = from;
      let result;
      if (list) result = new Promise((resolve) => resolve(list[0](data, meta)));
      else if (route === "hitch.ping") result = Promise.resolve({ pong: Date.now() });
      else result = Promise.reject(new HitchError("unknown_route", "the client has no handler for " + route));
      result.then((value) => this._reply(ws, id, value), (err) => this._replyError(ws, id, err));
    }

    _reply(ws, id, value) {
      let text;
      try {
        text = JSON.stringify({ re: id, data: value === undefined ? null : value });
      } catch (err) {
        return this._replyError(ws, id, new HitchError("internal", "the client's reply is not JSON"));
      }
      this._sendRaw(ws, text);
    }

    _replyError(ws, id, err) {
      const code = err && typeof err.code === "string" && CODE_RE.test(err.code) ? err.code : "internal";
      const message = err && typeof err.message === "string" && err.message ? err.message : String(err);
      const error = { code, message };
      if (err && err.details !== undefined) error.details = err.details;
      let text;
      try {
        text = JSON.stringify({ re: id, error });
      } catch (ignored) {
        text = JSON.stringify({ re: id, error: { code, message } });
      }
      this._sendRaw(ws, text);
    }

    _sendRaw(ws, text) {
      if (ws !== this._ws || this._state !== "open") return; // that connection is gone: so is the server's id
      try { ws.send(text); } catch (ignored) { /* closing; the close event follows */ }
    }

    // ---- outgoing requests ----

    _defaultTimeout() {
      if (this._timeoutMs !== undefined) return this._timeoutMs;
      const w = this._welcome;
      return w && w.requestTimeoutMs > 0 ? w.requestTimeoutMs : DEFAULT_TIMEOUT_MS;
    }

    /** Sends now when open, else queues; resolve is null for notifications. Never throws. */
    _enqueue(route, data, timeoutMs, resolve, reject) {
      if (typeof route !== "string" || route.length > 128 || !ROUTE_RE.test(route)) {
        return reject(new HitchError("bad_frame", "invalid route: " + (typeof route === "string" ? route : typeof route)));
      }
      let json;
      try {
        json = data === undefined ? undefined : JSON.stringify(data); // a snapshot, also for queued calls
      } catch (err) {
        return reject(new HitchError("bad_data", "data for " + route + " is not JSON: " + err.message));
      }
      if (this._state === "closed") return reject(disconnected("the client is closed"));
      const entry = { route, json, resolve, reject, timer: null, id: null };
      const ms = timeoutMs ?? this._defaultTimeout();
      if (ms > 0 && ms < Infinity) entry.timer = setTimeout(() => this._expire(entry, ms), Math.min(ms, MAX_TIMER_MS));
      if (this._state === "open") this._transmit(entry);
      else this._queue.push(entry);
    }

    _transmit(entry) {
      const isRequest = entry.resolve !== null;
      const id = this._nextId;
      const text = '{"route":' + JSON.stringify(entry.route) + (isRequest ? ',"id":' + id : "") +
        (entry.json === undefined ? "" : ',"data":' + entry.json) + "}";
      const max = this._welcome && this._welcome.limits && this._welcome.limits.maxFrameBytes;
      if (max > 0 && text.length * 3 > max && utf8Length(text) > max) {
        return this._fail(entry, new HitchError("too_large", "frame for " + entry.route + " exceeds " + max + " bytes"));
      }
      try {
        this._ws.send(text);
      } catch (err) {
        return this._fail(entry, disconnected("could not send " + entry.route + ": " + err.message));
      }
      if (!isRequest) return clearTimeout(entry.timer);
      this._nextId++;
      entry.id = id;
      this._inflight.set(id, entry);
    }

    _expire(entry, ms) {
      entry.timer = null;
      const i = this._queue.indexOf(entry);
      if (i >= 0) this._queue.splice(i, 1);
      else if (entry.id !== null && this._inflight.get(entry.id) === entry) this._inflight.delete(entry.id);
      else return;
      entry.reject(new HitchError("timeout", "no reply to " + entry.route + " within " + ms + " ms"));
    }

    _fail(entry, err) {
      clearTimeout(entry.timer);
      entry.reject(err);
    }

    _failQueued(err) {
      const queued = this._queue;
      this._queue = [];
      for (const entry of queued) this._fail(entry, err);
    }

    // ---- events ----

    _emit(type, detail) {
      this.dispatchEvent(makeEvent(type, detail));
    }

    /** Dispatches an "error" event; console.warn's it when no "error" listener ran. */
    _report(err) {
      this._errorSeen = false;
      this._emit("error", err);
      if (!this._errorSeen && root.console) root.console.warn("[hitch] " + err.code + ": " + err.message, err);
    }

    _tracked(listener) {
      if (!listener || (typeof listener !== "function" && typeof listener !== "object")) return listener;
      let wrapper = this._wrappers.get(listener);
      if (!wrapper) {
        const client = this;
        wrapper = function (event) {
          client._errorSeen = true;
          return typeof listener === "function" ? listener.call(this, event) : listener.handleEvent(event);
        };
        this._wrappers.set(listener, wrapper);
      }
      return wrapper;
    }

    _invoke(callback, ...args) {
      try {
        callback(...args);
      } catch (err) {
        reportUncaught(err);
      }
    }
  }

  /**
   * Asks the server for a connect token: POST to url (default "hitch/token", relative to the page) with
   * credentials "same-origin"; the answer is JSON {"token": "...", "expiresInMs": n}.
   * @param {string} [url] the token endpoint
   * @param {{fetch?: Function}} [options] fetch: the fetch implementation, default globalThis.fetch
   * @returns {Promise<string>} the token; rejects with a HitchError: forbidden (HTTP 401 or 403),
   *   unavailable (anything else: no answer, another status, no token in the answer)
   */
  HitchClient.fetchToken = fetchToken;
  HitchClient.HitchError = HitchError;
  root.HitchClient = HitchClient;
  if (typeof module === "object" && module && module.exports) module.exports = HitchClient;
})(typeof globalThis !== "undefined" ? globalThis : this);
