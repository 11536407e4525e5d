// Debian's Chromium, headless, driven by playwright-core (which never downloads a browser), and the
// demo page as one user sees it: every control found by its data-testid.
import { accessSync, constants } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
  // WebRTC between two headless pages: no permission prompt, and plain host candidates rather than
  // mDNS names, which need a working multicast resolver on the machine.
  '--use-fake-ui-for-media-stream', '--disable-features=WebRtcHideLocalIpsWithMdns'];

/** Fails with what to install: a missing browser or playwright-core is an error, never a skip. */
export async function launchChromium() {
  try {
    accessSync(CHROMIUM, constants.X_OK);
  } catch {
    throw new Error(`${CHROMIUM} not found: the e2e tests run Debian's Chromium and never download one; `
      + 'install it with: apt-get update && apt-get install -y chromium');
  }
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch (err) {
    throw new Error(`playwright-core is not installed (${err.message}); run npm ci in clients/js`);
  }
  // launch() starts from a fresh temporary profile, and every newContext() is a fresh one again.
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
}

/** One user on the demo page, in a browser context (profile) of their own. */
export class DemoUser {
  /** `token`: the identity token typed into the demo's token field before connecting (platforms with --jwt-*). */
  static async open(browser, sessionUrl, name, { transport, token } = {}) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const user = new DemoUser(name, context, page);
    user.token = token;
    await page.goto(`${sessionUrl}/${transport ? `?transport=${encodeURIComponent(transport)}` : ''}`);
    await page.getByTestId('connect-button').waitFor();
    return user;
  }

  constructor(name, context, page) {
    this.name = name;
    this.context = context;
    this.page = page;
    this.log = []; // console errors and page errors, for the report of a failing test
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') this.log.push(`console.${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (err) => this.log.push(`pageerror: ${err.message}`));
    // SockJS's own requests name the transport in the path: …/{server}/{session}/websocket | xhr_streaming | xhr
    this.sockjsPaths = new Set();
    const record = (url) => {
      const match = /\/ws\/[^/]+\/[^/]+\/(\w+)$/.exec(new URL(url).pathname);
      if (match) this.sockjsPaths.add(match[1]);
    };
    page.on('request', (request) => record(request.url()));
    page.on('websocket', (socket) => record(socket.url()));
  }

  testId(id) {
    return this.page.getByTestId(id);
  }

  async transport() {
    return this.testId('transport-select').inputValue();
  }

  /** `{state, text}` of the status (data-testid=status) or call-status. */
  async state(testId = 'status') {
    const element = this.testId(testId);
    return { state: await element.getAttribute('data-state'), text: (await element.textContent()).trim() };
  }

  /**
   * Waits until the element's data-state is `wanted`; a state in `failOn` ends the wait at once
   * with the element's text (e.g. "disconnected: … gave up reconnecting …").
   */
  async awaitState(testId, wanted, { timeout, failOn = [] }) {
    const states = [wanted, ...failOn];
    await this.page.waitForFunction(([id, accepted]) => accepted.includes(document.querySelector(`[data-testid="${id}"]`)?.dataset.state),
      [testId, states], { timeout, polling: 100 });
    const { state, text } = await this.state(testId);
    if (state !== wanted) throw new Error(`${this.name}: ${testId} is '${state}' (${text}), expected '${wanted}'`);
    return text;
  }

  async connect({ timeout = 30_000 } = {}) {
    await this.#submitConnect();
    return this.awaitState('status', 'connected', { timeout, failOn: ['error', 'closed'] });
  }

  /** Connects expecting a refusal; resolves with the status text (it carries the error code). */
  async connectRefused({ timeout = 30_000 } = {}) {
    await this.#submitConnect();
    return this.awaitState('status', 'error', { timeout, failOn: ['connected', 'closed'] });
  }

  async #submitConnect() {
    await this.testId('name-input').fill(this.name);
    if (this.token) await this.testId('token-input').fill(this.token);
    await this.testId('connect-button').click();
  }

  async call(peer) {
    await this.testId('peer-input').fill(peer);
    await this.testId('call-button').click();
  }

  /** The call is 'connected' once the RTCDataChannel is open (demo.js sets it on the channel's open). */
  async awaitCallConnected({ timeout = 30_000 } = {}) {
    return this.awaitState('call-status', 'connected', { timeout, failOn: ['failed', 'ended'] });
  }

  async say(text) {
    await this.testId('chat-input').fill(text);
    await this.testId('send-button').click();
  }

  /** Waits for `${from}: ${text}` in the messages list. */
  async awaitMessage(from, text, { timeout = 15_000 } = {}) {
    await this.testId('messages').locator('li', { hasText: `${from}: ${text}` }).first().waitFor({ timeout });
  }

  /** Signaling timeline rows (type signal) of a kind (offer, answer, candidate) in a direction (sent, received). */
  timelineRows(direction, kind) {
    return this.testId('timeline').locator(`tr.${direction}[data-type="signal"][data-kind="${kind}"]`);
  }

  /** Ends the session through the client (DELETE /sessions/{userId}) when it is still connected. */
  async disconnect({ timeout = 15_000 } = {}) {
    if (await this.testId('disconnect-button').isEnabled()) {
      await this.testId('disconnect-button').click();
      await this.awaitState('status', 'closed', { timeout });
    }
  }

  async screenshot(path) {
    await this.page.screenshot({ path, fullPage: false });
  }

  async close() {
    await this.context.close().catch(() => {});
  }
}
