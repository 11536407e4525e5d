// Types of signaling-client.js, which the platform serves as is at /client/signaling-client.js.

export interface ReconnectOptions {
  /** Attempts after a lost connection before giving up with a `close` event; 0 disables reconnecting. Default 8. */
  maxAttempts?: number;
  /** Backoff base: attempt n waits a random time in [0, min(maxDelayMs, baseDelayMs * 2^(n-1))]. Default 250. */
  baseDelayMs?: number;
  /** Backoff ceiling. Default 10000. */
  maxDelayMs?: number;
}

export interface RetryOptions {
  /**
   * Times a signal refused `overloaded` is sent again before `send()` rejects with `overloaded`; also how often the
   * first POST /connect answered 503 `overloaded` or `no-gateway-available` is tried again. 0 disables. Default 4.
   */
  maxAttempts?: number;
  /** Backoff of a signal: attempt n waits a random time in [0, min(maxDelayMs, baseDelayMs * 2^(n-1))]. Default 250. */
  baseDelayMs?: number;
  /** Backoff ceiling of a signal. Default 2000. A /connect refusal waits its Retry-After instead (plus up to 20 %). */
  maxDelayMs?: number;
}

export interface ConnectOptions {
  /** Base URL of the session service, e.g. `http://localhost:8080` (POST `${sessionUrl}/connect`). */
  sessionUrl: string;
  /** 1 to 64 characters from `A-Z a-z 0-9 . _ @ -`. Optional with a `token`: then the token's subject. */
  userId?: string;
  /**
   * The identity token (a JWT from your login) for platforms that require one on /connect (contract §6): sent as
   * `Authorization: Bearer <token>`. A function is called for every /connect, the reconnects' included, so it can
   * hand out a fresh token each time.
   */
  token?: string | (() => string | Promise<string>);
  /** SockJS transports to allow, e.g. `['websocket']`, `['xhr-streaming']`, `['xhr-polling']`. Default: DEFAULT_TRANSPORTS. */
  transports?: string[];
  /** Reconnect policy, or `false` for none. A reconnect waits at least the Retry-After of a refused /connect. */
  reconnect?: ReconnectOptions | false;
  /** What is tried again when the platform sheds load (`overloaded`), or `false` to hand that to the caller at once. */
  retry?: RetryOptions | false;
  /**
   * The SockJS constructor. Default: the page's global `SockJS`, else sockjs-client loaded once from beside
   * this module (`/client/sockjs.min.js` when served by the platform).
   */
  SockJS?: new (url: string, reserved?: null, options?: { transports?: string[] }) => unknown;
}

/**
 * Platform codes (`.code`): `invalid-message`, `message-too-large`, `from-mismatch`, `recipient-unavailable`,
 * `rate-limited`, `overloaded` (after the retries); from /connect: `invalid-user-id`, `user-id-taken`,
 * `no-gateway-available`, `overloaded` (both after the retries), `unauthorized`, `user-id-not-allowed`, `rate-limited`,
 * `http-<status>`. `token-unavailable`: the token function failed; `sockjs-unavailable`:
 * sockjs.min.js could not be loaded.
 * Client codes: `not-connected` (send while disconnected), `connection-lost` (no ack before the connection
 * ended: the signal may or may not be in the log), `connection-refused` (SockJS closed before opening).
 */
export class SignalingError extends Error {
  readonly code: string;
  /** The message id, for errors about one message. */
  readonly id?: string;
  /** The HTTP status, for /connect errors. */
  readonly status?: number;
}

export interface Signal<T = unknown> {
  id: string;
  from: string;
  to: string;
  content: T;
}

export interface ClientEvents {
  /** A signal from another user (or yourself). */
  signal: Signal;
  /** The connection is open: after connect() (before you could listen) and after each successful reconnect. */
  open: { userId: string; attempt?: number };
  /** The client is done for good: after close(), or after giving up reconnecting (`reason` says why). */
  close: { code: number; reason: string };
  /** An error frame not tied to a pending send, e.g. `recipient-unavailable` after the ack. */
  error: { id?: string; code: string; message: string };
  /** The connection was lost; attempt `attempt` of a new session starts in `delayMs`. */
  reconnecting: { attempt: number; delayMs: number };
  /** A signal to `to` was refused `overloaded`; it (and any others to `to` refused meanwhile) goes again in `delayMs`. */
  retrying: { id: string; to: string; attempt: number; delayMs: number };
  /** Every frame on the wire, for timelines and debugging. */
  frame: { direction: 'sent' | 'received'; frame: Record<string, unknown> };
}

export interface SignalingClient extends EventTarget {
  readonly userId: string;
  /** STUN/TURN servers from `GET ${sessionUrl}/ice-servers`; `[]` when the platform has no such endpoint. */
  readonly iceServers: RTCIceServer[];
  /** True while the SockJS connection is open. */
  readonly connected: boolean;
  /**
   * Resolves with `{id}` when the gateway acks (the signal is in the log); rejects with a SignalingError. Refused
   * `overloaded`, it is sent again (same id) after a backoff with jitter, up to `retry.maxAttempts` times; later
   * signals to the same recipient wait behind it so as not to overtake it.
   */
  send(to: string, content: unknown, options?: { id?: string }): Promise<{ id: string }>;
  /** DELETE /sessions/{userId} with the listening key (best effort), then closes; resolves with the close event. */
  close(): Promise<{ code: number; reason: string }>;
  /** Listens for an event's detail; returns the unsubscribe function. Events are also CustomEvents on the EventTarget. */
  on<K extends keyof ClientEvents>(type: K, listener: (detail: ClientEvents[K]) => void): () => void;
}

export const DEFAULT_TRANSPORTS: readonly string[];
export const DEFAULT_RECONNECT: Readonly<Required<ReconnectOptions>>;
export const DEFAULT_RETRY: Readonly<Required<RetryOptions>>;

/**
 * Creates a session (POST /connect), opens its SockJS connection, resolves once it is open. Only a 503 `overloaded` or
 * `no-gateway-available` is tried again (after its Retry-After, `retry.maxAttempts` times); anything else rejects.
 */
export function connect(options: ConnectOptions): Promise<SignalingClient>;

export interface PerfectNegotiationOptions {
  /** Exactly one of the two peers is polite: it rolls its own offer back on glare. */
  polite: boolean;
  /** Failures of async negotiation steps; default console.error. */
  onError?: (error: unknown) => void;
  /** `signal` event details from the peer that the app already received (e.g. the offer that made it create the pc). */
  backlog?: Signal[];
}

/**
 * Runs W3C perfect negotiation for `pc` with `peerId` through `client`: sends
 * `{kind:'description', description}` and `{kind:'candidate', candidate}`. Returns a disposer.
 */
export function perfectNegotiation(
  client: SignalingClient,
  peerId: string,
  pc: RTCPeerConnection,
  options: PerfectNegotiationOptions,
): () => void;
