import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import SockJS from 'sockjs-client';
import { connect, SignalingError } from '../src/signaling-client.js';
import { startFakePlatform } from './fake-platform.js';
import { nextEvent, record, within } from './helpers.js';

const TIMEOUT = { timeout: 15_000 };
let platform;
let clients;

beforeEach(async () => {
  platform = await startFakePlatform();
  clients = [];
});

afterEach(async () => {
  await Promise.all(clients.map((client) => within(client.close(), 5000, 'client.close()')));
  await platform.close();
});

async function client(userId, options = {}) {
  const c = await connect({ sessionUrl: platform.url, userId, SockJS, reconnect: { baseDelayMs: 1, maxDelayMs: 5 }, ...options });
  clients.push(c);
  return c;
}

for (const transport of ['websocket', 'xhr-streaming', 'xhr-polling']) {
  test(`over ${transport}: connect, send resolves on the ack, the recipient gets a signal event`, TIMEOUT, async () => {
    const alice = await client('alice', { transports: [transport] });
    const bob = await client('bob', { transports: [transport] });
    assert.equal(alice.userId, 'alice');
    assert.equal(alice.connected, true);

    const received = nextEvent(bob, 'signal');
    const ack = await alice.send('bob', { sdp: 'v=0' });
    assert.match(ack.id, /^[0-9a-f]{12}-1$/);
    assert.deepEqual(await received, { id: ack.id, from: 'alice', to: 'bob', content: { sdp: 'v=0' } });
  });
}

test('send uses the caller\'s id when given, and generates distinct ids otherwise', TIMEOUT, async () => {
  const alice = await client('alice');
  await client('bob');
  assert.deepEqual(await alice.send('bob', 1, { id: 'my-id' }), { id: 'my-id' });
  const ids = (await Promise.all([alice.send('bob', 2), alice.send('bob', 3)])).map((ack) => ack.id);
  assert.notEqual(ids[0], ids[1]);
  assert.ok(ids.every((id) => id.length <= 64));
});

test('send rejects with the contract\'s error code', TIMEOUT, async () => {
  const alice = await client('alice');
  await client('bob');
  const rejection = (promise, code) => assert.rejects(promise, (err) => {
    assert.ok(err instanceof SignalingError);
    assert.equal(err.code, code);
    return true;
  });

  await rejection(alice.send(undefined, 'no recipient'), 'invalid-message');
  await rejection(alice.send('bob', 'x'.repeat(2048)), 'message-too-large');
  for (const code of ['from-mismatch', 'rate-limited', 'recipient-unavailable']) {
    platform.rejectFrame = () => code;
    await rejection(alice.send('bob', code, { id: `id-${code}` }), code);
  }
  platform.rejectFrame = () => undefined;
  await alice.send('bob', 'still connected: a bad frame never closes the connection');
});

test('a recipient-unavailable after the ack is an error event with the id', TIMEOUT, async () => {
  const alice = await client('alice');
  const error = nextEvent(alice, 'error');
  const { id } = await alice.send('nobody', 'hello?');
  assert.deepEqual(await error, { id, code: 'recipient-unavailable', message: 'recipient-unavailable' });
});

test('connect rejects with the /connect error code', TIMEOUT, async () => {
  await client('alice');
  await assert.rejects(connect({ sessionUrl: platform.url, userId: 'alice', SockJS }), { code: 'user-id-taken', status: 409 });
});

test('a session whose SockJS connection cannot open is deleted, so the userId is free again', TIMEOUT, async () => {
  platform.gatewayUrl = 'http://127.0.0.1:1'; // nothing listens there
  const deleted = once(platform.events, 'delete');
  await assert.rejects(connect({ sessionUrl: platform.url, userId: 'alice', SockJS }), { code: 'connection-refused' });
  assert.equal((await deleted)[0].userId, 'alice');
  assert.equal(platform.sessions.has('alice'), false);
});

test('iceServers come from GET /ice-servers, and are empty when the platform has none', TIMEOUT, async () => {
  assert.deepEqual((await client('alice')).iceServers, []);
  const iceServers = [{ urls: 'turn:127.0.0.1:3478', username: '1700000000:bob', credential: 'x' }];
  const withIce = await startFakePlatform({ iceServers });
  try {
    const bob = await connect({ sessionUrl: withIce.url, userId: 'bob', SockJS });
    assert.deepEqual(bob.iceServers, iceServers);
    await bob.close();
  } finally {
    await withIce.close();
  }
});

test('a lost connection reconnects with a new session, retrying while the old one lingers (409)', TIMEOUT, async () => {
  const alice = await client('alice', { reconnect: { maxAttempts: 5, baseDelayMs: 5, maxDelayMs: 20 } });
  await client('bob');
  const reconnecting = record(alice, 'reconnecting');
  const connects = [];
  platform.events.on('connect', (c) => c.userId === 'alice' && connects.push(c.status));
  const oldKey = platform.sessions.get('alice').key;

  platform.lingeringConnects = 2;
  const reopened = nextEvent(alice, 'open');
  platform.drop('alice');
  assert.equal((await reopened).attempt, 3);

  assert.deepEqual(connects, [409, 409, 201]);
  assert.deepEqual(reconnecting.map((r) => r.attempt), [1, 2, 3]);
  reconnecting.forEach(({ attempt, delayMs }) => {
    assert.ok(delayMs >= 0 && delayMs <= Math.min(20, 5 * 2 ** (attempt - 1)), `delay ${delayMs} of attempt ${attempt}`);
  });
  assert.notEqual(platform.sessions.get('alice').key, oldKey);
  assert.equal(alice.connected, true);
  await alice.send('bob', 'after the reconnect');
});

test('reconnecting gives up after maxAttempts with a close event that says why', TIMEOUT, async () => {
  const alice = await client('alice', { reconnect: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 4 } });
  const reconnecting = record(alice, 'reconnecting');
  platform.connectStatus = 503;
  const closed = nextEvent(alice, 'close');
  platform.drop('alice');

  const { code, reason } = await closed;
  assert.equal(code, 1001);
  assert.match(reason, /gave up reconnecting after 3 attempts/);
  assert.match(reason, /last error: no gateway/);
  assert.equal(reconnecting.length, 3);
  assert.equal(alice.connected, false);
  await assert.rejects(alice.send('bob', 'x'), { code: 'not-connected' });
});

test('a send still waiting for its ack when the connection is lost rejects with connection-lost', TIMEOUT, async () => {
  const alice = await client('alice');
  platform.rejectFrame = () => 'silence';
  const sent = alice.send('bob', 'never acked');
  platform.drop('alice');
  await assert.rejects(sent, { code: 'connection-lost' });
});

test('close() deletes the session with the bearer key, emits close, and does not reconnect', TIMEOUT, async () => {
  const alice = await client('alice');
  const key = platform.sessions.get('alice').key;
  const reconnecting = record(alice, 'reconnecting');
  const deleted = once(platform.events, 'delete');
  const closed = nextEvent(alice, 'close');

  await within(alice.close(), 5000, 'close()');
  assert.deepEqual(await deleted, [{ userId: 'alice', authorization: `Bearer ${key}` }]);
  assert.deepEqual(await closed, { code: 1000, reason: 'closed by client' });
  assert.equal(platform.sessions.has('alice'), false);
  assert.deepEqual(reconnecting, []);
  assert.equal(alice.connected, false);
});

test('close() during a reconnect backoff stops reconnecting at once', TIMEOUT, async () => {
  const alice = await client('alice', { reconnect: { maxAttempts: 5, baseDelayMs: 60_000, maxDelayMs: 60_000 } });
  const connects = [];
  platform.events.on('connect', (c) => connects.push(c));
  platform.connectStatus = 503;
  const reconnecting = nextEvent(alice, 'reconnecting');
  platform.drop('alice');
  await reconnecting;

  assert.deepEqual(await within(alice.close(), 5000, 'close()'), { code: 1000, reason: 'closed by client' });
  assert.deepEqual(connects, []);
});
