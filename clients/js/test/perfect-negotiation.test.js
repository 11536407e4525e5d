import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import SockJS from 'sockjs-client';
import { connect, perfectNegotiation } from '../src/signaling-client.js';
import { startFakePlatform } from './fake-platform.js';
import { FakePeerConnection } from './fake-peer-connection.js';
import { within } from './helpers.js';

const TIMEOUT = { timeout: 15_000 };
let platform;
let alice;
let bob;
let errors;

beforeEach(async () => {
  platform = await startFakePlatform({ maxMessageBytes: 64 * 1024 });
  alice = await connect({ sessionUrl: platform.url, userId: 'alice', SockJS });
  bob = await connect({ sessionUrl: platform.url, userId: 'bob', SockJS });
  errors = [];
});

afterEach(async () => {
  await Promise.all([alice.close(), bob.close()]);
  await platform.close();
});

/** Resolves once `condition()` holds, checked now and after every event of the given types on `pc`. */
function until(pc, condition, types = ['signalingstatechange', 'candidateadded']) {
  const reached = new Promise((resolve) => {
    const check = () => {
      if (!condition()) return;
      types.forEach((type) => pc.removeEventListener(type, check));
      resolve();
    };
    types.forEach((type) => pc.addEventListener(type, check));
    check();
  });
  return within(reached, 5000, `${pc.name}: ${condition}`);
}

const negotiated = (offerer, answerer) => Promise.all([
  until(offerer, () => offerer.signalingState === 'stable' && offerer.remoteDescription?.type === 'answer'),
  until(answerer, () => answerer.signalingState === 'stable' && answerer.localDescription?.type === 'answer'),
]);

test('one side offers, the other answers, and ICE candidates cross', TIMEOUT, async () => {
  const pcA = new FakePeerConnection('alice');
  const pcB = new FakePeerConnection('bob');
  perfectNegotiation(alice, 'bob', pcA, { polite: false, onError: (e) => errors.push(e) });
  perfectNegotiation(bob, 'alice', pcB, { polite: true, onError: (e) => errors.push(e) });

  pcA.needNegotiation();
  await negotiated(pcA, pcB);
  await until(pcA, () => pcA.addedCandidates.includes('candidate:bob-1'));
  await until(pcB, () => pcB.addedCandidates.includes('candidate:alice-1'));
  assert.equal(pcB.remoteDescription.sdp, 'alice-offer-1');
  assert.equal(pcA.remoteDescription.sdp, 'bob-answer-1');

  // renegotiation started by the polite side works the same way
  pcB.needNegotiation();
  await negotiated(pcB, pcA);
  assert.equal(pcA.remoteDescription.sdp, 'bob-offer-2');
  assert.deepEqual(errors, []);
});

test('glare: both offer at once; the impolite one ignores the other\'s offer, the polite one rolls back and answers', TIMEOUT, async () => {
  const pcA = new FakePeerConnection('alice'); // impolite
  const pcB = new FakePeerConnection('bob'); // polite
  perfectNegotiation(alice, 'bob', pcA, { polite: false, onError: (e) => errors.push(e) });
  perfectNegotiation(bob, 'alice', pcB, { polite: true, onError: (e) => errors.push(e) });

  pcA.needNegotiation();
  pcB.needNegotiation(); // both offers are on the wire before either side hears the other's
  await negotiated(pcA, pcB);
  await until(pcA, () => pcA.addedCandidates.includes('candidate:bob-2'));
  await until(pcB, () => pcB.addedCandidates.includes('candidate:alice-1'));

  assert.equal(pcB.rollbacks, 1, 'the polite peer rolled its offer back');
  assert.equal(pcA.rollbacks, 0, 'the impolite peer kept its offer');
  assert.equal(pcB.remoteDescription.sdp, 'alice-offer-1');
  assert.equal(pcA.remoteDescription.sdp, 'bob-answer-2');
  // the candidate of bob's abandoned offer failed on alice's side and was ignored, not reported
  assert.deepEqual(pcA.addedCandidates, ['candidate:bob-2']);
  assert.deepEqual(errors, []);
});

test('a callee that creates its pc on the first offer hands that offer over as backlog', TIMEOUT, async () => {
  const pcA = new FakePeerConnection('alice');
  perfectNegotiation(alice, 'bob', pcA, { polite: false, onError: (e) => errors.push(e) });
  let pcB;
  bob.on('signal', (signal) => {
    if (pcB || signal.content.kind !== 'description') return;
    pcB = new FakePeerConnection('bob');
    perfectNegotiation(bob, signal.from, pcB, { polite: true, backlog: [signal], onError: (e) => errors.push(e) });
  });
  const created = new Promise((resolve) => bob.on('signal', () => pcB && resolve()));

  pcA.needNegotiation();
  await within(created, 5000, 'bob creating his pc');
  await negotiated(pcA, pcB);
  await until(pcB, () => pcB.addedCandidates.includes('candidate:alice-1'));
  assert.deepEqual(errors, []);
});

test('the disposer stops the negotiation', TIMEOUT, async () => {
  const pcA = new FakePeerConnection('alice');
  const pcB = new FakePeerConnection('bob');
  const disposeA = perfectNegotiation(alice, 'bob', pcA, { polite: false });
  perfectNegotiation(bob, 'alice', pcB, { polite: true });
  disposeA();

  let sent = 0;
  alice.on('frame', ({ direction }) => { if (direction === 'sent') sent++; });
  const offerSeen = new Promise((resolve) => alice.on('signal', resolve));
  pcA.needNegotiation(); // no listener left: nothing is sent
  pcB.needNegotiation();
  await within(offerSeen, 5000, 'bob\'s offer reaching alice');
  assert.equal(pcA.signalingState, 'stable');
  assert.equal(pcA.remoteDescription, null);
  assert.equal(sent, 0, 'alice sent nothing: no offer, no answer');
});
