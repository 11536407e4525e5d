/**
 * Browser client of the signaling platform (contract signaling-v1): it hides POST /connect,
 * SockJS and the frame protocol, and reconnects with a new session when the connection is lost.
 *
 * Plain ES module, no build step: the platform serves this very file at /client/signaling-client.js.
 * SockJS comes from `options.SockJS`, else the page's global `SockJS`, else the first connect()
 * loads sockjs-client from beside this module (/client/sockjs.min.js, the sockjs-client WebJar).
 */
export { perfectNegotiation } from './perfect-negotiation.js';

/**
 * The iframe-based SockJS transports load sockjs-client from the server's `sockjs_url`, which
 * points at a CDN by default; we never load code from a CDN, so they are left out.
 */
export const DEFAULT_TRANSPORTS = Object.freeze(['websocket', 'xhr-streaming', 'eventsource', 'xhr-polling']);
// 12 attempts wait about 38 s on average: longer than the relay takes to declare a crashed gateway lost (10 s),
// so a client whose gateway died outlives its old session and lands on a surviving gateway.
export const DEFAULT_RECONNECT = Object.freeze({ maxAttempts: 12, baseDelayMs: 250, maxDelayMs: 10_000 });
// A signal refused `overloaded` (nothing was written) is sent again up to 4 times, within about 4 s at most:
// a late offer is worth less than a refused one, so the app hears of it while the call can still be set up.
// The first POST /connect answered 503 `overloaded` or `no-gateway-available` is tried again as often, after
// the answer's Retry-After.
export const DEFAULT_RETRY = Object.freeze({ maxAttempts: 4, baseDelayMs: 250, maxDelayMs: 2_000 });
/** POST /connect answers that say "not now": the platform sheds load, or every gateway is full. */
const RETRIED_CONNECT_CODES = new Set(['overloaded', 'no-gateway-available']);

/** An error of the platform (`.code` is the contract's code) or of the client (`not-connected`, …). */
export class SignalingError extends Error {
  constructor(code, message, { id, status } = {}) {
    super(message || code);
    this.name = 'SignalingError';
    this.code = code;
    if (id !== undefined) this.id = id;
    if (status !== undefined) this.status = status;
  }
}

/** Creates a session, opens its SockJS connection and resolves with the client once it is open. */
export function connect(options) {
  return SignalingClient.open(options);
}

/** sockjs-client's browser build, served next to this module; a classic script that sets the global `SockJS`. */
const SOCKJS_SCRIPT = 'sockjs.min.js';
let sockJsLoading = null;

/**
 * The SockJS constructor: the page's global, or sockjs-client loaded once from beside this module.
 * A classic <script>, not an import: sockjs-client is a UMD bundle, not an ES module.
 */
function loadSockJS() {
  if (typeof globalThis.SockJS === 'function') return Promise.resolve(globalThis.SockJS);
  if (typeof document === 'undefined') {
    return Promise.reject(new TypeError('SockJS not found: pass options.SockJS (outside a browser there is no page to load it into)'));
  }
  sockJsLoading ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = new URL(SOCKJS_SCRIPT, import.meta.url).href;
    script.onload = () => {
      if (typeof globalThis.SockJS === 'function') resolve(globalThis.SockJS);
      else reject(new TypeError(`${script.src} loaded but defined no global SockJS (an AMD loader on the page? pass options.SockJS)`));
    };
    script.onerror = () => {
      sockJsLoading = null; // a later connect() tries again
      reject(new SignalingError('sockjs-unavailable', `could not load ${script.src}; pass options.SockJS or load sockjs-client first`));
    };
    document.head.append(script);
  });
  return sockJsLoading;
}

/** Full-jitter exponential backoff: uniform in [0, min(max, base * 2^(attempt-1))]. */
function backoffDelay(attempt, { baseDelayMs, maxDelayMs }) {
  return Math.round(Math.random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1)));
}

/** Retry-After (delta-seconds) in ms, with up to 20 % added so that the refused do not all come back at once. */
function retryAfterDelay(response) {
  const seconds = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
  if (!Number.isFinite(seconds) || seconds < 0) return null;
  return Math.round(seconds * 1000 * (1 + Math.random() * 0.2));
}

function randomHex(bytes) {
  return Array.from(globalThis.crypto.getRandomValues(new Uint8Array(bytes)),
    (b) => b.toString(16).padStart(2, '0')).join('');
}

class SignalingClient extends EventTarget {
  #sessionUrl;
  #userId;
  #token;
  #SockJS;
  #transports;
  #reconnect;
  #retry;
  #session = null; // the /connect answer of the current session
  #sock = null; // set only while the connection is open
  #pending = new Map(); // id → {frame, attempts, waiting, resolve, reject} of sends not yet answered for good
  #retrying = new Map(); // to → ids of sends to it refused `overloaded` and not answered for good, in send order
  #retryTimers = new Map(); // to → the timer that sends its refused ones again
  #held = new Map(); // to → ids of later sends to it, held back until the refused ones are answered, to keep order
  #idPrefix = randomHex(6);
  #idCounter = 0;
  #closing = false;
  #closeEmitted = false;
  #wake = null; // cuts a reconnect backoff short when close() is called
  #closedPromise;
  #resolveClosed;

  constructor({ sessionUrl, userId, token, transports = DEFAULT_TRANSPORTS, reconnect = {}, retry = {}, SockJS } = {}) {
    super();
    if (!sessionUrl || (!userId && !token)) throw new TypeError('connect() needs sessionUrl, and userId or a token');
    if (token !== undefined && typeof token !== 'string' && typeof token !== 'function') {
      throw new TypeError('options.token must be a string or a function that returns one (or a promise of one)');
    }
    if (SockJS !== undefined && typeof SockJS !== 'function') throw new TypeError('options.SockJS must be the SockJS constructor');
    this.#userId = userId;
    this.#token = token;
    this.#sessionUrl = String(sessionUrl).replace(/\/+$/, '');
    this.#SockJS = SockJS;
    this.#transports = transports;
    this.#reconnect = reconnect === false ? { ...DEFAULT_RECONNECT, maxAttempts: 0 } : { ...DEFAULT_RECONNECT, ...reconnect };
    this.#retry = retry === false ? { ...DEFAULT_RETRY, maxAttempts: 0 } : { ...DEFAULT_RETRY, ...retry };
    this.#closedPromise = new Promise((resolve) => { this.#resolveClosed = resolve; });
    /** STUN/TURN servers for RTCPeerConnection, refreshed with every session (TURN credentials expire). */
    this.iceServers = [];
  }

  /** The userId: as given, or, when only a token was, the token's (from the first /connect). */
  get userId() {
    return this.#userId;
  }

  /** True while the SockJS connection is open. */
  get connected() {
    return this.#sock !== null;
  }

  /** Subscribes to an event; the listener gets the event's detail. Returns the unsubscribe function. */
  on(type, listener) {
    const wrapped = (event) => listener(event.detail);
    this.addEventListener(type, wrapped);
    return () => this.removeEventListener(type, wrapped);
  }

  /**
   * Sends a signal; resolves with `{id}` on the gateway's ack, rejects with a SignalingError. A signal refused
   * `overloaded` (the platform sheds load; nothing was written) is sent again with the same id after a backoff with
   * jitter, up to `retry.maxAttempts` times, then rejected with `overloaded`; later signals to the same recipient wait
   * behind it, so they do not overtake it (signals already on their way when it was refused may).
   */
  send(to, content, { id = this.#nextId() } = {}) {
    if (!this.#sock) return Promise.reject(new SignalingError('not-connected', 'not connected', { id }));
    const frame = { to, content, id };
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { frame, attempts: 0, waiting: false, resolve, reject });
      if (this.#retrying.get(to)?.size) {
        if (!this.#held.has(to)) this.#held.set(to, []);
        this.#held.get(to).push(id);
      } else {
        this.#transmit(frame);
      }
    });
  }

  /** Ends the session for good: DELETE /sessions/{userId} (best effort), then closes the connection. */
  close() {
    if (this.#closing) return this.#closedPromise;
    this.#closing = true;
    this.#wake?.();
    const session = this.#session;
    const sock = this.#sock;
    (async () => {
      await this.#deleteSession(session);
      if (sock) sock.close(1000, 'closed by client');
      else this.#emitClose(1000, 'closed by client');
    })();
    return this.#closedPromise;
  }

  /** The first session: no retries, so a taken name or a wrong URL is reported at once. */
  static async open(options) {
    const client = new SignalingClient(options);
    client.#SockJS ??= await loadSockJS();
    await client.#openSession({ retryRefusals: true });
    client.#emit('open', { userId: client.userId });
    return client;
  }

  async #openSession({ retryRefusals = false } = {}) {
    const session = await this.#createSession({ retryRefusals });
    this.#session = session;
    // after /connect: TURN credentials are handed only to a live session that shows its key
    this.iceServers = await this.#fetchIceServers(session);
    let sock;
    try {
      sock = await this.#openSocket(session);
    } catch (err) {
      // an unopened session would hold the userId until its TTL, answering the next /connect with 409
      await this.#deleteSession(session);
      throw err;
    }
    if (this.#closing) { // close() was called while this session was being set up
      await this.#deleteSession(session);
      sock.close(1000, 'closed by client');
      return;
    }
    this.#sock = sock;
  }

  /**
   * POST /connect. The first session (`retryRefusals`) tries a 503 `overloaded` or `no-gateway-available` again after
   * its Retry-After, up to `retry.maxAttempts` times; a reconnect leaves that to its own backoff, which waits at least
   * the Retry-After ({@link #reconnectLoop}).
   */
  async #createSession({ retryRefusals = false } = {}) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#postConnect();
      } catch (err) {
        if (!retryRefusals || !RETRIED_CONNECT_CODES.has(err.code) || attempt > this.#retry.maxAttempts) throw err;
        await new Promise((resolve) => setTimeout(resolve, err.retryAfterMs ?? backoffDelay(attempt, this.#retry)));
      }
    }
  }

  async #postConnect() {
    const headers = { 'Content-Type': 'application/json' };
    const token = await this.#currentToken();
    if (token) headers.Authorization = `Bearer ${token}`;
    const response = await fetch(`${this.#sessionUrl}/connect`, {
      method: 'POST',
      headers,
      body: JSON.stringify(this.#userId ? { userId: this.#userId } : {}),
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      const error = new SignalingError(body.error ?? `http-${response.status}`,
        body.message ?? `POST /connect answered ${response.status}`, { status: response.status });
      const retryAfterMs = retryAfterDelay(response);
      if (retryAfterMs !== null) error.retryAfterMs = retryAfterMs;
      throw error;
    }
    this.#userId ??= body.userId; // only a token was given: the platform took its subject
    return body;
  }

  /** The identity token for this /connect: the string, or a fresh one from the app's function (tokens expire). */
  async #currentToken() {
    if (typeof this.#token !== 'function') return this.#token;
    let token;
    try {
      token = await this.#token();
    } catch (err) {
      throw new SignalingError('token-unavailable', `the token function failed: ${err?.message ?? err}`);
    }
    if (token !== undefined && token !== null && typeof token !== 'string') {
      throw new SignalingError('token-unavailable', 'the token function returned something other than a string');
    }
    return token;
  }

  /** The platform's STUN/TURN list when it has the endpoint; no external default (no third-party STUN). */
  async #fetchIceServers(session) {
    try {
      const url = `${this.#sessionUrl}/ice-servers?userId=${encodeURIComponent(this.userId)}`;
      const response = await fetch(url, { headers: { Authorization: `Bearer ${session.listeningKey}` } });
      if (response.status !== 200) return [];
      const body = await response.json();
      return Array.isArray(body) ? body : (body.iceServers ?? []);
    } catch {
      return [];
    }
  }

  #openSocket(session) {
    const url = new URL(session.listeningAddress);
    url.searchParams.set('userId', this.userId);
    url.searchParams.set('token', session.listeningKey);
    const sock = new this.#SockJS(url.toString(), null, { transports: this.#transports });
    return new Promise((resolve, reject) => {
      let opened = false;
      sock.onopen = () => { opened = true; resolve(sock); };
      sock.onmessage = (event) => this.#receive(event.data);
      sock.onclose = (event) => {
        if (!opened) {
          reject(new SignalingError('connection-refused', `SockJS closed before opening: ${event.code} ${event.reason}`));
        } else if (this.#sock === sock) {
          this.#lost(event);
        }
      };
    });
  }

  #receive(data) {
    let frame;
    try {
      frame = JSON.parse(data);
    } catch {
      this.#emit('error', { code: 'invalid-frame', message: 'the gateway sent a frame that is not JSON' });
      return;
    }
    this.#emit('frame', { direction: 'received', frame });
    const pending = frame.id === undefined ? undefined : this.#pending.get(frame.id);
    if (frame.type === 'signal') {
      const { id, from, to, content } = frame;
      this.#emit('signal', { id, from, to, content });
    } else if (frame.type === 'ack' && pending) {
      this.#settled(frame.id, pending);
      pending.resolve({ id: frame.id });
    } else if (frame.type === 'error' && pending && frame.code === 'overloaded'
        && pending.attempts < this.#retry.maxAttempts) {
      this.#sendAgainLater(frame.id, pending);
    } else if (frame.type === 'error' && pending) {
      this.#settled(frame.id, pending);
      pending.reject(new SignalingError(frame.code, frame.message, { id: frame.id }));
    } else if (frame.type === 'error') {
      // e.g. recipient-unavailable after the ack: that send's promise is already settled
      const { id, code, message } = frame;
      this.#emit('error', { id, code, message });
    }
  }

  #transmit(frame) {
    this.#sock.send(JSON.stringify(frame));
    this.#emit('frame', { direction: 'sent', frame });
  }

  /**
   * Refused `overloaded`: sent again after a full-jitter backoff, with the other refused ones to the same recipient,
   * in the order they were first sent (the gateway answers a connection's messages in order); later sends to that
   * recipient wait until all of them are answered for good.
   */
  #sendAgainLater(id, pending) {
    pending.attempts += 1;
    pending.waiting = true;
    const { to } = pending.frame;
    if (!this.#retrying.has(to)) this.#retrying.set(to, new Set());
    this.#retrying.get(to).add(id);
    if (this.#retryTimers.has(to)) return; // goes with the ones already waiting
    const delayMs = backoffDelay(pending.attempts, this.#retry);
    this.#emit('retrying', { id, to, attempt: pending.attempts, delayMs });
    this.#retryTimers.set(to, setTimeout(() => {
      this.#retryTimers.delete(to);
      for (const waitingId of this.#retrying.get(to) ?? []) {
        const waiting = this.#pending.get(waitingId);
        if (waiting?.waiting && this.#sock) {
          waiting.waiting = false;
          this.#transmit(waiting.frame);
        }
      }
    }, delayMs));
  }

  /** A send is answered for good: once none to its recipient is refused and unanswered, the held ones go, in order. */
  #settled(id, pending) {
    this.#pending.delete(id);
    const { to } = pending.frame;
    const retrying = this.#retrying.get(to);
    if (!retrying?.delete(id) || retrying.size > 0) return;
    this.#retrying.delete(to);
    const held = this.#held.get(to) ?? [];
    this.#held.delete(to);
    for (const heldId of held) {
      const waiting = this.#pending.get(heldId);
      if (waiting && this.#sock) this.#transmit(waiting.frame);
    }
  }

  #lost(event) {
    this.#sock = null;
    for (const { reject } of this.#pending.values()) {
      // the signal may or may not be in the log: the caller decides whether to send it again
      reject(new SignalingError('connection-lost', `connection lost before the ack (${event.code} ${event.reason})`));
    }
    this.#pending.clear();
    this.#retryTimers.forEach((timer) => clearTimeout(timer));
    this.#retryTimers.clear();
    this.#retrying.clear();
    this.#held.clear();
    if (this.#closing) {
      this.#emitClose(1000, 'closed by client');
    } else {
      this.#reconnectLoop(event);
    }
  }

  /** A new session each time: the old one is deleted server-side when its connection ends. */
  async #reconnectLoop(lostEvent) {
    const { maxAttempts } = this.#reconnect;
    let lastError = `${lostEvent.code} ${lostEvent.reason}`;
    let retryAfterMs = 0;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const delayMs = Math.max(retryAfterMs, backoffDelay(attempt, this.#reconnect));
      this.#emit('reconnecting', { attempt, delayMs });
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, delayMs);
        this.#wake = () => { clearTimeout(timer); resolve(); };
      });
      if (this.#closing) return this.#emitClose(1000, 'closed by client');
      try {
        await this.#openSession(); // 409 user-id-taken while the old session lingers: just the next attempt
        if (this.#closing) return this.#emitClose(1000, 'closed by client');
        this.#emit('open', { userId: this.userId, attempt });
        return;
      } catch (err) {
        lastError = err.message;
        retryAfterMs = err.retryAfterMs ?? 0; // the platform said when to come back: not sooner
      }
    }
    const reason = maxAttempts === 0
      ? `connection lost (${lastError}), reconnect disabled`
      : `connection lost; gave up reconnecting after ${maxAttempts} attempts (last error: ${lastError})`;
    this.#emitClose(lostEvent.code, reason);
  }

  async #deleteSession(session) {
    if (!session) return;
    try {
      await fetch(`${this.#sessionUrl}/sessions/${encodeURIComponent(this.userId)}`, {
        method: 'DELETE',
        headers: { Authorization: `Bearer ${session.listeningKey}` },
      });
    } catch {
      // best effort: closing the connection deletes the session too, only later
    }
  }

  #emitClose(code, reason) {
    if (this.#closeEmitted) return;
    this.#closeEmitted = true;
    this.#closing = true;
    this.#emit('close', { code, reason });
    this.#resolveClosed({ code, reason });
  }

  #nextId() {
    return `${this.#idPrefix}-${++this.#idCounter}`;
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}
