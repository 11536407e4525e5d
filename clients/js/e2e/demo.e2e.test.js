// The demo page in real headless Chromium against the real platform (bin/signaling platform: a
// Kafka broker, the relay, session-service, two gateways): two users set up an RTCPeerConnection
// through the platform over each SockJS transport and chat over its data channel; over each iframe
// variant of SockJS, signals go both ways in order and a page that goes away loses its session
// connection-lost; and a page whose gateway dies reconnects on a surviving one and can call again.
// One platform serves every test, with identity tokens on (--jwt-hmac-secret-file): every page passes
// its user's JWT (the demo's through its token field), so the client's token path (and its fresh
// token on a reconnect) runs in Chromium.
import assert from 'node:assert/strict';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DemoUser, launchChromium } from './support/browser.js';
import { PageClient } from './support/page-client.js';
import { commandLineOf, pidListeningOn, Platform } from './support/platform.js';
import { poll } from './support/poll.js';
import { hmacSecretFile, hs256 } from './support/tokens.js';

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
const TRANSPORTS = ['websocket', 'xhr-streaming', 'xhr-polling'];
/** The path SockJS receives on, per transport (sends of the xhr ones go to xhr_send). */
const RECEIVE_PATH = { websocket: 'websocket', 'xhr-streaming': 'xhr_streaming', 'xhr-polling': 'xhr' };
const GATEWAY_LOSS_BUDGET_MS = 90_000;
/**
 * The iframe variants (contract §2: every transport of Spring's SockJS server stays on): SockJS loads the
 * gateway's iframe.html, which loads sockjs from the gateway and runs the named transport inside.
 * Only a browser speaks them; system-tests' TransportsTest covers the others outside one.
 */
const IFRAME_TRANSPORTS = { 'iframe-eventsource': 'eventsource', 'iframe-htmlfile': 'htmlfile', 'iframe-xhr-polling': 'xhr' };
const SIGNALS = 20;
/**
 * From a page going away to its session's deletion (docs/architecture.md): the next write to its stream
 * fails (a SockJS heartbeat at the latest, 5 s), or a poll does not come within the disconnect delay
 * (1 s, checked as often); then the relay's deletion, the contract's 2 s — on a busy machine, with room.
 */
const LOSS_BUDGET_MS = 20_000;

describe('the demo page in headless Chromium on bin/signaling platform', () => {
  const jwt = hmacSecretFile();
  /** A page of the demo for `name`, holding `name`'s identity token unless told otherwise. */
  const openUser = (name, { transport, token = hs256(jwt.secret, name) } = {}) =>
    DemoUser.open(browser, platform.sessionUrl, name, { transport, token });
  let browser;
  let platform;
  let doomed; // a third gateway, run alone so that killing it leaves the platform up
  const placements = []; // per transport: the gateways of the caller and the callee

  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchChromium(); // first: a missing browser fails in a second, not after a platform start
    const started = Date.now();
    // gateway-3 boots alongside the platform; the gateway-loss test waits until it is live.
    platform = await Platform.start({ gateways: 2, readyTimeoutMs: 180_000, aloneGateways: [{ id: 'gateway-3', deliveryPartition: 2 }],
      launcherArgs: ['--jwt-hmac-secret-file', jwt.file] });
    [doomed] = platform.extraGateways;
    console.log(`# platform ready in ${((Date.now() - started) / 1000).toFixed(1)} s at ${platform.sessionUrl}`);
  }, { timeout: 200_000 });

  after(async () => {
    rmSync(dirname(jwt.file), { recursive: true, force: true });
    await browser?.close();
    if (platform) {
      const started = Date.now();
      const exit = await platform.stop();
      console.log(`# platform stopped (launcher exit ${exit}) in ${((Date.now() - started) / 1000).toFixed(1)} s, no process left`);
    }
  }, { timeout: 150_000 });

  for (const transport of TRANSPORTS) {
    test(`two users call and chat over an RTCDataChannel, signaling over SockJS ${transport}`, { timeout: 90_000 }, async (t) => {
      const alice = await openUser(`alice-${transport}`, { transport });
      const bob = await openUser(`bob-${transport}`, { transport });
      try {
        assert.equal(await alice.transport(), transport, '?transport= selects the SockJS transport');
        assert.equal(await bob.transport(), transport);
        assert.match(await alice.connect(), new RegExp(`\\(${transport}\\)`));
        await bob.connect();
        const placement = { transport, alice: (await platform.session(alice.name)).listeningAddress,
          bob: (await platform.session(bob.name)).listeningAddress };
        placements.push(placement);
        t.diagnostic(`${alice.name} on ${placement.alice}, ${bob.name} on ${placement.bob}`);

        await alice.call(bob.name);
        await alice.awaitCallConnected();
        await bob.awaitCallConnected();
        // The offer and the answer went through the platform, as signals acked by the gateways.
        assert.ok(await alice.timelineRows('sent', 'offer').count() >= 1, 'alice sent an offer');
        assert.ok(await bob.timelineRows('received', 'offer').count() >= 1, 'bob received the offer');
        assert.ok(await bob.timelineRows('sent', 'answer').count() >= 1, 'bob sent an answer');
        assert.ok(await alice.timelineRows('received', 'answer').count() >= 1, 'alice received the answer');

        for (const user of [alice, bob]) {
          const receivePaths = [...user.sockjsPaths].filter((path) => Object.values(RECEIVE_PATH).includes(path));
          assert.deepEqual(receivePaths, [RECEIVE_PATH[transport]], `${user.name} used SockJS ${transport} only`);
        }

        const hello = `hello Bob, over ${transport}`;
        const reply = `hi Alice, got it over ${transport}`;
        await alice.say(hello);
        await bob.awaitMessage(alice.name, hello);
        await bob.say(reply);
        await alice.awaitMessage(bob.name, reply);

        await alice.screenshot(join(ARTIFACTS, `demo-${transport}.png`));
        if (transport === TRANSPORTS[0]) await alice.screenshot(join(ARTIFACTS, 'demo.png'));

        await alice.disconnect();
        await bob.disconnect();
        // Gone from the sessions view, so every run starts with the same load on each gateway.
        await poll('both sessions ended', async () => !(await platform.session(alice.name)) && !(await platform.session(bob.name)),
          { timeoutMs: 15_000 });
      } catch (err) {
        await failureReport(t, [alice, bob]);
        throw err;
      } finally {
        await Promise.all([alice.close(), bob.close()]);
      }
    });
  }

  for (const [transport, receivePath] of Object.entries(IFRAME_TRANSPORTS)) {
    test(`SockJS ${transport}: signals arrive in order both ways, and a page that goes away loses its session connection-lost`,
      { timeout: 120_000 }, async (t) => {
        const open = (name, over) => PageClient.open(browser, platform.sessionUrl, name, { transport: over, token: hs256(jwt.secret, name) });
        const alice = await open(`alice-${transport}`, transport);
        const bob = await open(`bob-${transport}`, 'websocket');
        try {
          assert.ok(alice.sockjsRequests.has('iframe.html'), `${alice.name} loaded the gateway's iframe page`);
          const receivePaths = [...alice.sockjsRequests].filter((path) => Object.values(IFRAME_TRANSPORTS).includes(path)
            || path === 'websocket' || path === 'xhr_streaming');
          assert.deepEqual(receivePaths, [receivePath], `${alice.name} received over ${transport} only`);
          const placed = await platform.session(alice.name);
          t.diagnostic(`${alice.name} on ${placed?.listeningAddress} (acked ${placed?.acked})`);
          assert.equal(await alice.state(), 'connected');
          assert.equal(await bob.state(), 'connected');

          await bob.sendNumbered(alice.name, SIGNALS, 'to-alice');
          await alice.sendNumbered(bob.name, SIGNALS, 'to-bob');
          const numbers = Array.from({ length: SIGNALS }, (_, i) => i + 1);
          await poll('both pages received every signal', async () => (await alice.received()).length >= SIGNALS
            && (await bob.received()).length >= SIGNALS, { timeoutMs: 30_000 });
          assert.deepEqual((await alice.received()).map(({ from, n }) => `${from} ${n}`), numbers.map((n) => `${bob.name} ${n}`),
            'each once, in order');
          assert.deepEqual((await bob.received()).map(({ from, n }) => `${from} ${n}`), numbers.map((n) => `${alice.name} ${n}`));
          assert.deepEqual(await alice.errors(), []);

          // Alice's browser goes away while Bob keeps signalling her.
          await bob.startTicking(alice.name, 100, 'during');
          const lostAt = Date.now();
          await alice.vanish();
          await poll(`${alice.name}'s session gone`, async () => !(await platform.session(alice.name)), { timeoutMs: LOSS_BUDGET_MS });
          const detectedMs = Date.now() - lostAt;
          const ticks = await bob.stopTicking();
          await bob.sendNumbered(alice.name, 3, 'after'); // acked: in the log (send() resolves on the ack, which comes first)
          await poll('every signal after the loss answered recipient-unavailable', async () => {
            const answered = (await bob.errors()).filter(({ code }) => code === 'recipient-unavailable').map(({ id }) => id);
            return ['after-1', 'after-2', 'after-3'].every((id) => answered.includes(id));
          }, { timeoutMs: 15_000 });
          const reason = await platform.deleteReason(alice.name);
          t.diagnostic(`${alice.name}'s page gone: session deleted ${reason} ${detectedMs} ms later; ${ticks.sent} signals sent `
            + `to her meanwhile, ${ticks.settled.filter(({ ack }) => ack).length} acked`);
          assert.equal(reason, 'connection-lost');
          assert.ok(ticks.settled.every(({ ack, code }) => ack || code === 'recipient-unavailable'), JSON.stringify(ticks.settled));
        } catch (err) {
          for (const user of [alice, bob]) {
            const state = await user.state().catch((e) => `no state (${e.message})`);
            t.diagnostic(`${user.name}: ${state}; requests ${[...user.sockjsRequests].join(', ')}; ${user.log.slice(-10).join(' | ')}`);
          }
          t.diagnostic(`${alice.name}'s last session ended: ${await platform.deleteReason(alice.name).catch((e) => e.message)}`);
          throw err;
        } finally {
          await Promise.all([alice.close(), bob.close()]);
        }
      });
  }

  test('a page without a token, or with another user\'s, is refused with the contract\'s code', { timeout: 60_000 }, async (t) => {
    const anonymous = await openUser('eve', { token: null });
    const impostor = await openUser('mallory', { token: hs256(jwt.secret, 'alice-websocket') });
    try {
      assert.match(await anonymous.connectRefused(), /unauthorized/);
      assert.match(await impostor.connectRefused(), /user-id-not-allowed/);
      assert.equal(await platform.session('eve'), null, 'nothing was created');
      assert.equal(await platform.session('mallory'), null);
    } catch (err) {
      await failureReport(t, [anonymous, impostor]);
      throw err;
    } finally {
      await Promise.all([anonymous.close(), impostor.close()]);
    }
  });

  test('the signals of at least one call crossed gateways (caller and callee on different gateways)', () => {
    assert.equal(placements.length, TRANSPORTS.length, 'every transport ran');
    for (const { alice, bob } of placements) {
      assert.ok(platform.gatewayUrls.includes(alice) || alice === doomed.listeningAddress, `unknown gateway ${alice}`);
      assert.ok(platform.gatewayUrls.includes(bob) || bob === doomed.listeningAddress, `unknown gateway ${bob}`);
    }
    const crossed = placements.filter(({ alice, bob }) => alice !== bob).map(({ transport }) => transport);
    assert.ok(crossed.length >= 1, `caller and callee shared a gateway in every run: ${JSON.stringify(placements)}`);
  });

  test('a page whose gateway dies reconnects on a surviving gateway and can call again', { timeout: 180_000 }, async (t) => {
    const waited = Date.now();
    await platform.awaitGatewayLive(doomed, 90_000);
    t.diagnostic(`${doomed.id} (run alone on port ${doomed.port}) live; waited ${((Date.now() - waited) / 1000).toFixed(1)} s`);
    const users = [];
    try {
      // New sessions go to the least loaded gateway: connect users until one is on the doomed gateway.
      let victim;
      let peer;
      for (const name of ['carol', 'dave', 'erin', 'frank']) {
        if (victim && peer) break;
        const user = await openUser(name);
        users.push(user);
        await user.connect();
        const { listeningAddress } = await platform.session(user.name);
        t.diagnostic(`${user.name} on ${listeningAddress}`);
        if (listeningAddress === doomed.listeningAddress) victim ??= user;
        else peer ??= user;
      }
      assert.ok(victim && peer, `no page landed on ${doomed.listeningAddress}, or none elsewhere`);

      const pid = pidListeningOn(doomed.port);
      assert.ok(pid, `nothing listens on ${doomed.id}'s port ${doomed.port}`);
      const command = commandLineOf(pid);
      assert.match(command, /gateway-[^ ]*-exec\.jar/, `pid ${pid} on port ${doomed.port} is not a gateway: ${command}`);
      const killedAt = Date.now();
      process.kill(pid, 'SIGKILL');
      t.diagnostic(`SIGKILL to ${doomed.id} (pid ${pid}), which held ${victim.name}'s connection`);
      const since = () => `${((Date.now() - killedAt) / 1000).toFixed(1)} s`;
      const left = () => Math.max(1, GATEWAY_LOSS_BUDGET_MS - (Date.now() - killedAt));

      await victim.awaitState('status', 'reconnecting', { timeout: 15_000, failOn: ['closed'] });
      t.diagnostic(`${victim.name}: connection lost noticed after ${since()}`);
      // demo.js says "(new session)" on the client's open event after a reconnect.
      await victim.page.waitForFunction(() => {
        const status = document.querySelector('[data-testid="status"]');
        return status.dataset.state === 'closed' || (status.dataset.state === 'connected' && status.textContent.includes('new session'));
      }, null, { timeout: left(), polling: 100 });
      const status = await victim.state();
      assert.equal(status.state, 'connected', `${victim.name} did not reconnect: ${status.text}`);
      const session = await poll(`${victim.name}'s new session, acked`, async () => {
        const current = await platform.session(victim.name);
        return current?.acked && current;
      }, { timeoutMs: left() });
      assert.notEqual(session.listeningAddress, doomed.listeningAddress, 'the old session is gone: one session per userId');
      assert.ok(platform.gatewayUrls.includes(session.listeningAddress), `a surviving gateway, not ${session.listeningAddress}`);
      t.diagnostic(`${victim.name} reconnected on ${session.listeningAddress} after ${since()}`);
      await poll(`session-service no longer binding to ${doomed.id}`,
        async () => !(await platform.liveGateways()).includes(doomed.id), { timeoutMs: left() });

      await victim.call(peer.name);
      await victim.awaitCallConnected({ timeout: left() });
      await peer.awaitCallConnected({ timeout: left() });
      await victim.say('back after losing my gateway');
      await peer.awaitMessage(victim.name, 'back after losing my gateway', { timeout: left() });
      await peer.say('welcome back');
      await victim.awaitMessage(peer.name, 'welcome back', { timeout: left() });
      const elapsed = Date.now() - killedAt;
      t.diagnostic(`call after the gateway loss worked ${since()} after the kill`);
      assert.ok(elapsed <= GATEWAY_LOSS_BUDGET_MS, `took ${since()}, more than ${GATEWAY_LOSS_BUDGET_MS / 1000} s`);
      await victim.screenshot(join(ARTIFACTS, 'demo-after-gateway-loss.png'));

      for (const user of users) await user.disconnect();
    } catch (err) {
      await failureReport(t, users);
      throw err;
    } finally {
      await Promise.all(users.map((user) => user.close()));
    }
  });
});

/** What each page showed when a test failed: status lines, console errors, and a screenshot in artifacts/. */
async function failureReport(t, users) {
  for (const user of users) {
    try {
      const status = await user.state();
      const call = await user.state('call-status');
      const file = join(ARTIFACTS, `failure-${user.name}.png`);
      await user.screenshot(file);
      t.diagnostic(`${user.name}: status '${status.state}' (${status.text}); call '${call.state}' (${call.text}); ${file}`);
      user.log.slice(-10).forEach((line) => t.diagnostic(`${user.name} ${line}`));
    } catch (err) {
      t.diagnostic(`${user.name}: no report (${err.message})`);
    }
  }
}
