// Identity tokens (contract §6): connect({ token }) sends `Authorization: Bearer <token>` on every
// POST /connect, a function is asked again for each one (tokens expire; a reconnect needs a fresh one).
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import SockJS from 'sockjs-client';
import { connect, SignalingError } from '../src/signaling-client.js';
import { startFakePlatform } from './fake-platform.js';
import { nextEvent, within } from './helpers.js';

const TIMEOUT = { timeout: 15_000 };
let platform;
let clients;

beforeEach(async () => {
  platform = await startFakePlatform();
  platform.tokens = new Map([['token-of-alice', 'alice'], ['token-of-bob', 'bob']]);
  clients = [];
});

afterEach(async () => {
  await Promise.all(clients.map((client) => within(client.close(), 5000, 'client.close()')));
  await platform.close();
});

/** Every `type` event of the fake platform from now on. */
function emitted(type) {
  const details = [];
  platform.events.on(type, (detail) => details.push(detail));
  return details;
}

async function client(options) {
  const c = await connect({ sessionUrl: platform.url, SockJS, reconnect: { baseDelayMs: 1, maxDelayMs: 5 }, ...options });
  clients.push(c);
  return c;
}

test('a token string is sent as the Bearer of /connect, and the client works as usual', TIMEOUT, async () => {
  const authorizations = emitted('authorization');
  const alice = await client({ userId: 'alice', token: 'token-of-alice' });
  const bob = await client({ userId: 'bob', token: 'token-of-bob' });

  assert.deepEqual(authorizations, [{ authorization: 'Bearer token-of-alice' }, { authorization: 'Bearer token-of-bob' }]);
  const received = nextEvent(bob, 'signal');
  await alice.send('bob', { sdp: 'v=0' });
  assert.equal((await received).from, 'alice');
});

test('without a userId the client takes the token\'s', TIMEOUT, async () => {
  const alice = await client({ token: 'token-of-alice' });

  assert.equal(alice.userId, 'alice');
  assert.ok(platform.sessions.get('alice').conn, 'the SockJS connection is alice\'s');
});

test('a token function is called for every /connect, so a reconnect presents a fresh token', TIMEOUT, async () => {
  const asked = [];
  const token = async () => {
    asked.push(Date.now());
    return asked.length === 1 ? 'token-of-alice' : 'fresh-token-of-alice';
  };
  platform.tokens.set('fresh-token-of-alice', 'alice');
  const authorizations = emitted('authorization');
  const alice = await client({ userId: 'alice', token });
  const reopened = nextEvent(alice, 'open');

  platform.tokens.delete('token-of-alice'); // the first one has expired meanwhile
  platform.drop('alice');

  assert.equal((await reopened).attempt, 1);
  assert.equal(asked.length, 2);
  assert.deepEqual(authorizations.map((a) => a.authorization), ['Bearer token-of-alice', 'Bearer fresh-token-of-alice']);
});

test('refusals carry the contract\'s codes: 401 unauthorized without a valid token, 403 for another user\'s id', TIMEOUT, async () => {
  await assert.rejects(connect({ sessionUrl: platform.url, userId: 'alice', SockJS }), { code: 'unauthorized', status: 401 });
  await assert.rejects(connect({ sessionUrl: platform.url, userId: 'alice', token: 'forged', SockJS }), { code: 'unauthorized' });
  await assert.rejects(connect({ sessionUrl: platform.url, userId: 'bob', token: 'token-of-alice', SockJS }),
    { code: 'user-id-not-allowed', status: 403 });
});

test('a token function that fails rejects with token-unavailable, and no /connect is sent', TIMEOUT, async () => {
  const connects = emitted('connect');
  const authorizations = emitted('authorization');

  await assert.rejects(connect({ sessionUrl: platform.url, userId: 'alice', SockJS, token: async () => { throw new Error('login expired'); } }),
    (err) => err instanceof SignalingError && err.code === 'token-unavailable' && /login expired/.test(err.message));
  await assert.rejects(connect({ sessionUrl: platform.url, userId: 'alice', SockJS, token: () => 42 }), { code: 'token-unavailable' });
  assert.deepEqual([connects, authorizations], [[], []]);
});

test('a token that is neither a string nor a function, or neither userId nor token, is a TypeError', async () => {
  await assert.rejects(connect({ sessionUrl: platform.url, userId: 'alice', SockJS, token: 42 }), { name: 'TypeError' });
  await assert.rejects(connect({ sessionUrl: platform.url, SockJS }), { name: 'TypeError' });
});
