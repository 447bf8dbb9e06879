// Type declarations of the Hitch browser client (hitch.js).
// As a classic script, hitch.js defines the global `HitchClient` (see `export as namespace`);
// as CommonJS it is `module.exports`. The ES module entry hitch.mjs is typed by hitch.d.mts.

export = HitchClient;
export as namespace HitchClient;

declare class HitchClient extends EventTarget {
  /**
   * Opens the connection at once (and again after every drop, unless `reconnect` is false).
   * @param url endpoint; default: same host as the page, `wss:` on https pages else `ws:`,
   *   path = the page's directory + `ws`. Relative and http(s) URLs are resolved against the page.
   *   Several URLs: it connects to the first and moves to the next after every failure or drop.
   */
  constructor(url?: string | string[], options?: HitchClient.Options);
  constructor(options: HitchClient.Options);

  /**
   * Asks the server for a connect token: `POST` to `url` (default `"hitch/token"`, relative to the
   * page) with `credentials: "same-origin"`; resolves with the `token` of the JSON answer. Rejects with
   * a {@link HitchClient.HitchError}: `forbidden` on HTTP 401 or 403, `unavailable` otherwise (no
   * answer, another status, an answer without a token). Use it as the `token` option:
   * `new HitchClient(undefined, {token: () => HitchClient.fetchToken()})`.
   */
  static fetchToken(url?: string, options?: HitchClient.FetchTokenOptions): Promise<string>;

  /** The resolved WebSocket URL of the current (or next) connection attempt. */
  readonly url: string;
  /** Whether the last reconnect recovered the previous connection; null until one tried. */
  readonly recovered: boolean | null;
  readonly state: HitchClient.State;
  /** True while the WebSocket is open. */
  readonly connected: boolean;
  /** This connection's peer id from the welcome; null before it and after a drop. */
  readonly peerId: string | null;
  /** The server's routes from the last welcome (a copy). */
  readonly routes: string[];
  /** The last welcome's data, null before the first one. */
  readonly welcome: HitchClient.Welcome | null;

  /**
   * Classic API: sends a request and calls back with the reply data. On an error reply, a timeout
   * or a disconnect, a callback declaring 2+ parameters gets `(undefined, error)`; otherwise the
   * error is dispatched as an `error` event (console.warn'ed when nobody listens).
   * The returned promise is the request's; leaving it unhandled never reports an unhandled rejection.
   */
  send<T = any>(route: string, data?: unknown, callback?: HitchClient.Callback<T>): Promise<T>;
  send<T = any>(route: string, callback: HitchClient.Callback<T>): Promise<T>;

  /** Sends a request; resolves with the reply data, rejects with a {@link HitchClient.HitchError}. */
  request<T = any>(route: string, data?: unknown, options?: HitchClient.RequestOptions): Promise<T>;

  /**
   * Sends a request to another client through the server (built-in route `hitch.relay`):
   * `request("hitch.relay", {peer: peerId, route, data, timeoutMs})`, timeoutMs only when given.
   * The target's handler sees `meta.from` = this client's peer id. Resolves with the target's reply
   * data; rejects with the target's own error, or `forbidden` (route not relayable), `unavailable`
   * (no such peer, or it left), `timeout`, `bad_data`, `disconnected`. The local timeout is 1 s
   * longer than the relay's, so that the server's `timeout` answer arrives first.
   */
  relay<T = any>(peerId: string, route: string, data?: unknown, options?: HitchClient.RelayOptions): Promise<T>;

  /** Sends a notification (no id, never answered); failures are `error` events. */
  notify(route: string, data?: unknown): void;

  /**
   * Handles pushes to `route`, and server requests: the first handler's return value (or resolved
   * promise) is the reply; a throw/rejection answers an error reply with the error's `code`
   * (default `internal`) and message. Returns a function that removes this handler.
   */
  on<T = any>(route: string, handler: HitchClient.Handler<T>): () => void;

  /** Closes and stops reconnecting; pending and queued requests reject with `disconnected`. */
  close(code?: number, reason?: string): void;

  /** Opens again after `close()` (or after reconnection gave up); does nothing otherwise. */
  connect(): void;

  addEventListener<K extends keyof HitchClient.EventMap>(
    type: K,
    listener: (this: HitchClient, event: HitchClient.EventMap[K]) => any,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof HitchClient.EventMap>(
    type: K,
    listener: (this: HitchClient, event: HitchClient.EventMap[K]) => any,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions): void;
}

declare namespace HitchClient {
  type State = "connecting" | "open" | "closed" | "reconnecting";

  /** Known codes; servers and applications may add their own (`^[a-z][a-z0-9_.-]*$`). */
  type ErrorCode =
    | "bad_frame" | "unknown_route" | "bad_data" | "forbidden" | "rate_limited" | "overloaded"
    | "timeout" | "unavailable" | "internal" | "too_large" | "disconnected"
    | (string & {});

  /** An error reply, a timeout, a lost connection or a protocol problem. */
  class HitchError extends Error {
    constructor(code: ErrorCode, message?: string, details?: unknown);
    readonly name: "HitchError";
    code: ErrorCode;
    /** e.g. for `bad_data`: `[{path: "name", message: "must not be blank"}]`; for `internal`: `{incident}`. */
    details: unknown;
    /** Set on errors from `hitch.error` pushes about a failed notification. */
    route?: string;
    /** On an `unavailable` error event because the token function failed: what it threw or rejected with. */
    cause?: unknown;
    toJSON(): { code: string; message: string; details?: unknown };
  }

  interface ReconnectOptions {
    /** Default 500. */
    initialDelayMs?: number;
    /** Default 15000. */
    maxDelayMs?: number;
    /** Default 2. */
    factor?: number;
    /** "equal" (default): half the backoff plus a random half; "full": random in [0, backoff]. */
    jitter?: "equal" | "full";
    /** Default Infinity. */
    maxAttempts?: number;
  }

  interface Options {
    /** Request timeout; default the welcome's requestTimeoutMs, else 30000; 0 = none. */
    timeoutMs?: number;
    /** Default true. */
    reconnect?: boolean | ReconnectOptions;
    /** Default ["hitch.v1"]. */
    protocols?: string | string[];
    /** WebSocket constructor; default globalThis.WebSocket. */
    WebSocket?: new (url: string, protocols?: string | string[]) => WebSocket;
    /** Ping when nothing was received for this long; default the welcome's heartbeatMs; 0 = off. */
    heartbeatMs?: number;
    /**
     * A connect token, offered as the subprotocol `hitch.token.<token>` after `protocols`. Tokens are
     * single-use and short-lived, so give a function: it is called before every connection attempt,
     * e.g. `() => HitchClient.fetchToken()`. If it throws or rejects, the attempt fails like a lost
     * connection (a `close` event with code 1006, then the usual reconnection backoff), after an `error`
     * event with code `unavailable`. A string is offered as it is on every attempt.
     */
    token?: string | (() => string | PromiseLike<string>);
    /**
     * After a reconnect, resume the previous connection with the welcome's resume token: its groups
     * come back and every push it missed arrives, in order, once; then a `recovered` event. Default true.
     */
    recover?: boolean;
  }

  interface FetchTokenOptions {
    /** The fetch implementation; default globalThis.fetch. */
    fetch?: (url: string, init: RequestInit) => Promise<Response>;
  }

  interface RequestOptions {
    timeoutMs?: number;
  }

  interface RelayOptions {
    /** How long the server waits for the target; default and maximum the welcome's requestTimeoutMs. */
    timeoutMs?: number;
  }

  interface Welcome {
    protocol: string;
    peer: string;
    routes: string[];
    limits?: { maxFrameBytes?: number; maxInFlight?: number; [key: string]: unknown };
    heartbeatMs?: number;
    requestTimeoutMs?: number;
    /** The resume token, when the server keeps pushes for recovery. */
    resume?: string;
    [key: string]: unknown;
  }

  /**
   * `meta.id` is present when the server sent a request (the handler's result is the reply);
   * `meta.from` when another client sent it through the server (a relay): the sender's peer id.
   */
  interface Meta {
    route: string;
    id?: number | string;
    from?: string;
  }

  type Handler<T = any> = (data: T, meta: Meta) => unknown;

  /**
   * Declare the second parameter to receive failures: then `data` is undefined and `error` is set.
   * A callback declaring only `data` is called on success only.
   */
  type Callback<T = any> = (data: T, error?: HitchError) => void;

  interface CloseDetail {
    code: number;
    reason: string;
    wasClean: boolean;
  }

  interface ReconnectingDetail {
    attempt: number;
    delayMs: number;
  }

  /** The outcome of a resume: `recovered: false` means the client starts fresh (rejoin, reload). */
  type RecoveredDetail =
    | { recovered: true; peer: string; groups: string[]; replayed: number }
    | { recovered: false; error: HitchError };

  interface EventMap {
    open: CustomEvent<undefined>;
    welcome: CustomEvent<Welcome>;
    close: CustomEvent<CloseDetail>;
    reconnecting: CustomEvent<ReconnectingDetail>;
    error: CustomEvent<HitchError>;
    recovered: CustomEvent<RecoveredDetail>;
  }
}
