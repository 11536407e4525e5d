// Contract §1 and §2 under load: a signal refused `overloaded` (nothing was written) is sent again with backoff and
// jitter, bounded, without letting later signals to the same recipient overtake it; the first POST /connect answered
// 503 `overloaded` or `no-gateway-available` is tried again after its Retry-After, bounded too.
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import SockJS from 'sockjs-client';
import { connect, DEFAULT_RETRY } from '../src/signaling-client.js';
import { startFakePlatform } from './fake-platform.js';
import { record, within } from './helpers.js';

const TIMEOUT = { timeout: 15_000 };
const RETRY = { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 80 };
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
  const c = await connect({ sessionUrl: platform.url, userId, SockJS, reconnect: { baseDelayMs: 1, maxDelayMs: 5 },
    retry: RETRY, ...options });
  clients.push(c);
  return c;
}

/** Every frame the platform received from `userId` from now on. */
function received(userId) {
  const frames = [];
  platform.events.on('frame', (event) => event.userId === userId && frames.push(event.frame));
  return frames;
}

/** Refuses the first `times` transmissions of each id `overloaded`. */
function refuseEachFirst(times) {
  const seen = new Map();
  platform.rejectFrame = (frame) => {
    const count = (seen.get(frame.id) ?? 0) + 1;
    seen.set(frame.id, count);
    return count <= times ? 'overloaded' : undefined;
  };
}

test('a signal refused overloaded is sent again, with the same id, after a jittered backoff, until it is acked', TIMEOUT, async () => {
  const alice = await client('alice');
  await client('bob');
  const frames = received('alice');
  const retrying = record(alice, 'retrying');
  refuseEachFirst(2);

  assert.deepEqual(await alice.send('bob', { sdp: 'v=0' }, { id: 'offer-1' }), { id: 'offer-1' });

  assert.deepEqual(frames.map((f) => f.id), ['offer-1', 'offer-1', 'offer-1']);
  assert.deepEqual(retrying.map((r) => [r.id, r.to, r.attempt]), [['offer-1', 'bob', 1], ['offer-1', 'bob', 2]]);
  retrying.forEach(({ attempt, delayMs }) => {
    assert.ok(delayMs >= 0 && delayMs <= Math.min(80, 20 * 2 ** (attempt - 1)), `delay ${delayMs} of attempt ${attempt}`);
  });
});

test('past retry.maxAttempts the send rejects with overloaded', TIMEOUT, async () => {
  const alice = await client('alice');
  const frames = received('alice');
  platform.rejectFrame = () => 'overloaded';

  await assert.rejects(alice.send('bob', 'x', { id: 'm1' }), { code: 'overloaded', id: 'm1' });
  assert.equal(frames.length, 1 + RETRY.maxAttempts);
});

test('retry: false hands overloaded to the caller at once', TIMEOUT, async () => {
  const alice = await client('alice', { retry: false });
  platform.rejectFrame = () => 'overloaded';

  await assert.rejects(alice.send('bob', 'x'), { code: 'overloaded' });
});

test('later signals to the same recipient wait behind a refused one, and go in the order they were sent', TIMEOUT, async () => {
  const alice = await client('alice');
  await client('bob');
  await client('carol');
  const frames = received('alice');
  platform.rejectFrame = (frame) => (frame.id === 'offer' && frames.filter((f) => f.id === 'offer').length === 1
    ? 'overloaded' : undefined);

  const offer = alice.send('bob', 'offer', { id: 'offer' });
  await new Promise((resolve) => alice.addEventListener('retrying', resolve, { once: true }));
  const candidates = [alice.send('bob', 'c1', { id: 'c1' }), alice.send('bob', 'c2', { id: 'c2' })];
  const elsewhere = alice.send('carol', 'hi', { id: 'hi' }); // another recipient does not wait

  await Promise.all([offer, ...candidates, elsewhere]);
  const toBob = frames.filter((f) => f.to === 'bob').map((f) => f.id);
  assert.deepEqual(toBob, ['offer', 'offer', 'c1', 'c2']);
  const ids = frames.map((f) => f.id);
  assert.ok(ids.indexOf('hi') < ids.lastIndexOf('offer'), `carol's signal went without waiting: ${ids}`);
});

test('a refused signal waiting for its retry when the connection is lost rejects with connection-lost', TIMEOUT, async () => {
  const alice = await client('alice', { retry: { maxAttempts: 3, baseDelayMs: 5_000, maxDelayMs: 5_000 } });
  const frames = received('alice');
  platform.rejectFrame = () => 'overloaded';
  const sent = alice.send('bob', 'x');
  await new Promise((resolve) => alice.addEventListener('retrying', resolve, { once: true }));

  platform.drop('alice');

  await assert.rejects(sent, { code: 'connection-lost' });
  assert.equal(frames.length, 1);
});

test('the first /connect answered 503 overloaded is tried again after its Retry-After', TIMEOUT, async () => {
  const answers = [];
  platform.events.on('connect', (c) => answers.push(c.status));
  let refusals = 2;
  platform.refuseConnect = () => (refusals-- > 0 ? { status: 503, error: 'overloaded', retryAfter: 1 } : undefined);

  const started = Date.now();
  const alice = await client('alice');

  assert.deepEqual(answers, [503, 503, 201]);
  assert.ok(Date.now() - started >= 2_000, 'waited the Retry-After twice');
  assert.equal(alice.connected, true);
});

test('no-gateway-available is tried again too, and past retry.maxAttempts connect rejects with its code', TIMEOUT, async () => {
  const answers = [];
  platform.events.on('connect', (c) => answers.push(c.status));
  platform.refuseConnect = () => ({ status: 503, error: 'no-gateway-available' });

  await assert.rejects(connect({ sessionUrl: platform.url, userId: 'alice', SockJS, retry: RETRY }),
    { code: 'no-gateway-available', status: 503 });
  assert.equal(answers.length, 1 + RETRY.maxAttempts);
});

test('other /connect refusals are not tried again', TIMEOUT, async () => {
  const answers = [];
  platform.events.on('connect', (c) => answers.push(c.status));
  platform.refuseConnect = () => ({ status: 503, error: 'relay-unavailable' });

  await assert.rejects(connect({ sessionUrl: platform.url, userId: 'alice', SockJS, retry: RETRY }), { code: 'relay-unavailable' });
  assert.deepEqual(answers, [503]);
});

test('a reconnect waits at least the Retry-After of the refusal before its next attempt', TIMEOUT, async () => {
  const alice = await client('alice', { reconnect: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 } });
  const reconnecting = record(alice, 'reconnecting');
  let refusals = 1;
  platform.refuseConnect = () => (refusals-- > 0 ? { status: 503, error: 'overloaded', retryAfter: 1 } : undefined);
  const reopened = new Promise((resolve) => alice.addEventListener('open', resolve, { once: true }));

  platform.drop('alice');
  await within(reopened, 10_000, 'the reconnect');

  assert.equal(reconnecting.length, 2);
  assert.ok(reconnecting[1].delayMs >= 1_000, `second attempt after ${reconnecting[1].delayMs} ms`);
});

test('the default retry policy is bounded', () => {
  assert.ok(DEFAULT_RETRY.maxAttempts > 0 && DEFAULT_RETRY.maxAttempts <= 5);
  let worst = 0;
  for (let attempt = 1; attempt <= DEFAULT_RETRY.maxAttempts; attempt++) {
    worst += Math.min(DEFAULT_RETRY.maxDelayMs, DEFAULT_RETRY.baseDelayMs * 2 ** (attempt - 1));
  }
  assert.ok(worst <= 5_000, `a refused signal is given up within ${worst} ms at most`);
});
