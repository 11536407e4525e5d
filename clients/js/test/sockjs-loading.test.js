// How connect() finds SockJS when the page passes none: /client/signaling-client.js is served as
// written (no bundle), and loads sockjs-client from beside itself, once, as a classic script.
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import SockJS from 'sockjs-client';
import { connect } from '../src/signaling-client.js';
import { startFakePlatform } from './fake-platform.js';

afterEach(() => {
  delete globalThis.document;
  delete globalThis.SockJS;
});

/** Just the DOM that the loader touches: scripts appended to <head>, which the test loads or fails. */
function fakeDocument() {
  const scripts = [];
  globalThis.document = {
    createElement: (tag) => ({ tag }),
    head: { append: (element) => scripts.push(element) },
  };
  return scripts;
}

/** Resolves once the loader has appended its nth script; fails after 5 s. */
async function appended(scripts, n) {
  const deadline = Date.now() + 5000;
  while (scripts.length < n) {
    if (Date.now() > deadline) throw new Error(`no script #${n} was appended to <head>`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return scripts[n - 1];
}

test('outside a browser, without options.SockJS, connect rejects saying how to pass one', async () => {
  await assert.rejects(connect({ sessionUrl: 'http://127.0.0.1:9', userId: 'alice' }),
    { name: 'TypeError', message: /pass options\.SockJS/ });
});

test('in a page without SockJS, connect loads sockjs.min.js from beside the module, retrying after a failed load', { timeout: 15_000 }, async () => {
  const platform = await startFakePlatform();
  const scripts = fakeDocument();
  try {
    const first = connect({ sessionUrl: platform.url, userId: 'alice' });
    const failing = await appended(scripts, 1);
    assert.equal(failing.tag, 'script');
    assert.equal(failing.src, new URL('../src/sockjs.min.js', import.meta.url).href, 'the file next to signaling-client.js');
    failing.onerror();
    await assert.rejects(first, { code: 'sockjs-unavailable', message: /sockjs\.min\.js/ });

    const second = connect({ sessionUrl: platform.url, userId: 'alice' });
    const loading = await appended(scripts, 2);
    globalThis.SockJS = SockJS; // what sockjs.min.js does when it runs
    loading.onload();
    const client = await second;
    assert.equal(client.connected, true);
    await client.close();

    const third = await connect({ sessionUrl: platform.url, userId: 'bob' });
    assert.equal(scripts.length, 2, 'a global SockJS is used as it is: no second load');
    await third.close();
  } finally {
    await platform.close();
  }
});

test('the sockjs-client the platform serves (its WebJar, clients/pom.xml) is the version these tests run', () => {
  const pom = readFileSync(new URL('../../pom.xml', import.meta.url), 'utf8');
  const served = /<sockjs-client\.version>([^<]+)<\/sockjs-client\.version>/.exec(pom)?.[1];
  const tested = JSON.parse(readFileSync(new URL('../node_modules/sockjs-client/package.json', import.meta.url), 'utf8')).version;
  assert.equal(served, tested);
});
