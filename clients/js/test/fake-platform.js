// A stand-in for session-service + one gateway, just enough of signaling-v1 to test the client
// over a real HTTP server and a real SockJS server (the `sockjs` package) on 127.0.0.1.
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { EventEmitter, once } from 'node:events';
import sockjs from 'sockjs';

export async function startFakePlatform({ maxMessageBytes = 1024, iceServers } = {}) {
  const sessions = new Map(); // userId → {key, conn}
  // 'connect' {status, userId}, 'delete' {userId, authorization}, 'open' {userId}, 'frame' {userId, frame}
  const events = new EventEmitter();
  const platform = {
    events,
    sessions,
    /** Status that POST /connect answers with instead of creating a session (e.g. 503), or null. */
    connectStatus: null,
    /**
     * Test hook: (userId) → `{status, error, retryAfter}` to answer POST /connect with instead (`retryAfter`, in
     * seconds, becomes the Retry-After header), or undefined to go on as usual.
     */
    refuseConnect: () => undefined,
    /** After a connection is lost, how many /connect for that user still get 409 (the session lingers). */
    lingeringConnects: 0,
    /**
     * Identity tokens (contract §6), as `token → its userId`: null means /connect is open. A missing or unknown
     * token is 401, a body naming another userId 403, a body without one takes the token's.
     */
    tokens: null,
    /** Test hook: (frame, userId) → an error code to answer instead of an ack, 'silence' for no answer, or undefined. */
    rejectFrame: () => undefined,
    url: '',
    /** Base URL handed out in listeningAddress; another one (a dead port) makes SockJS fail to open. */
    gatewayUrl: null,
    /** Closes a user's connection as a dying gateway would. */
    drop(userId) {
      sessions.get(userId)?.conn?.close(1001, 'gateway-shutdown');
    },
  };

  const sockServer = sockjs.createServer({ prefix: '/ws', log: () => {}, disconnect_delay: 200 });
  sockServer.on('connection', (conn) => {
    const query = new URL(conn.url, 'http://x').searchParams;
    const userId = query.get('userId');
    const session = sessions.get(userId);
    if (!session || session.key !== query.get('token') || session.conn) {
      conn.close(4403, 'invalid-key');
      return;
    }
    session.conn = conn;
    events.emit('open', { userId });
    conn.on('data', (text) => receive(userId, conn, text));
    conn.on('close', () => {
      if (sessions.get(userId) !== session) return;
      if (platform.lingeringConnects > 0) session.lingering = platform.lingeringConnects;
      else sessions.delete(userId);
    });
  });

  function receive(userId, conn, text) {
    const error = (code, id) => conn.write(JSON.stringify({ type: 'error', id, code, message: code }));
    let frame;
    try {
      frame = JSON.parse(text);
    } catch {
      return error('invalid-message');
    }
    const { id } = frame;
    if (Buffer.byteLength(text) > maxMessageBytes) return error('message-too-large', id);
    if (typeof frame.to !== 'string') return error('invalid-message', id);
    if (frame.from !== undefined && frame.from !== userId) return error('from-mismatch', id);
    events.emit('frame', { userId, frame });
    const forced = platform.rejectFrame(frame, userId);
    if (forced === 'silence') return;
    if (forced) return error(forced, id);
    conn.write(JSON.stringify({ type: 'ack', id }));
    const recipient = sessions.get(frame.to)?.conn;
    // as the real relay does: an ack means "in the log", and a missing recipient is answered after it
    if (!recipient) return error('recipient-unavailable', id);
    recipient.write(JSON.stringify({ type: 'signal', id, from: userId, to: frame.to, content: frame.content }));
  }

  const server = http.createServer(async (req, res) => {
    const answer = (status, body) => {
      // any origin, so that the demo page can be tried by hand against this fake (contract §4)
      res.writeHead(status, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': req.headers.origin ?? '*' });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'Access-Control-Allow-Origin': req.headers.origin ?? '*',
        'Access-Control-Allow-Methods': 'GET, POST, DELETE',
        'Access-Control-Allow-Headers': 'Content-Type, Authorization',
      });
      return res.end();
    }
    const path = new URL(req.url, platform.url).pathname;
    if (req.method === 'POST' && path === '/connect') {
      let text = '';
      for await (const chunk of req) text += chunk;
      let { userId } = JSON.parse(text);
      const authorization = req.headers.authorization;
      events.emit('authorization', { authorization });
      if (platform.tokens) {
        const owner = platform.tokens.get(/^Bearer (.+)$/.exec(authorization ?? '')?.[1]);
        if (!owner) {
          res.setHeader('WWW-Authenticate', 'Bearer');
          return answer(401, { error: 'unauthorized', message: 'no valid identity token' });
        }
        if (userId !== undefined && userId !== owner) return answer(403, { error: 'user-id-not-allowed', message: 'not yours' });
        userId = owner;
      }
      const refusal = platform.refuseConnect(userId);
      if (refusal) {
        events.emit('connect', { status: refusal.status, userId });
        if (refusal.retryAfter !== undefined) res.setHeader('Retry-After', String(refusal.retryAfter));
        return answer(refusal.status, { error: refusal.error, message: refusal.error });
      }
      const existing = sessions.get(userId);
      let status = platform.connectStatus ?? 201;
      if (status === 201 && existing?.lingering > 0) {
        status = 409;
        if (--existing.lingering === 0) sessions.delete(userId);
      } else if (status === 201 && existing) {
        status = 409;
      }
      events.emit('connect', { status, userId });
      if (status !== 201) return answer(status, status === 409
        ? { error: 'user-id-taken', message: 'userId already has a session' }
        : { error: 'no-gateway-available', message: 'no gateway is live' });
      const key = randomBytes(16).toString('hex');
      sessions.set(userId, { key, conn: null });
      return answer(201, { userId, listeningAddress: `${platform.gatewayUrl ?? platform.url}/ws`, listeningKey: key, acked: false });
    }
    const match = /^\/sessions\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && match) {
      const userId = decodeURIComponent(match[1]);
      const session = sessions.get(userId);
      if (!session) return answer(404, { error: 'session-not-found', message: 'no' });
      return answer(200, { userId, listeningAddress: `${platform.url}/ws`, acked: Boolean(session.conn) });
    }
    if (req.method === 'DELETE' && match) {
      const userId = decodeURIComponent(match[1]);
      const authorization = req.headers.authorization;
      events.emit('delete', { userId, authorization });
      const session = sessions.get(userId);
      if (!session) return answer(404, { error: 'session-not-found', message: 'no' });
      if (authorization !== `Bearer ${session.key}`) return answer(401, { error: 'invalid-key', message: 'no' });
      sessions.delete(userId);
      session.conn?.close(4001, 'session-ended');
      return answer(204);
    }
    if (req.method === 'GET' && path === '/ice-servers' && iceServers) {
      // like the platform: TURN credentials only for a live session presenting its key
      const userId = new URL(req.url, platform.url).searchParams.get('userId');
      const session = sessions.get(userId);
      if (!session || req.headers.authorization !== `Bearer ${session.key}`) {
        return answer(401, { error: 'invalid-key', message: 'no' });
      }
      return answer(200, { iceServers });
    }
    answer(404, { error: 'not-found', message: 'no' });
  });
  sockServer.installHandlers(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  platform.url = `http://127.0.0.1:${server.address().port}`;
  platform.close = async () => {
    server.closeAllConnections();
    server.close();
    await once(server, 'close');
  };
  return platform;
}
