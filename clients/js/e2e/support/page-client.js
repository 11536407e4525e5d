// The shipped browser client (/client/signaling-client.js) in a page of its own, on one SockJS
// transport: what an app does, without the demo's UI. Used for the transports only a browser speaks
// (the iframe variants: SockJS loads the gateway's iframe.html, which runs the transport inside).

/** One user's page, in a browser context (profile) of its own; `sockjsRequests` names every SockJS request path. */
export class PageClient {
  /** Opens the page on the session service's origin and connects: resolves once the connection is open. */
  static async open(browser, sessionUrl, name, { transport, token }) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const user = new PageClient(name, context, page);
    await page.goto(`${sessionUrl}/`); // an origin that serves the client; the demo's UI is not used
    await page.evaluate(async ({ userId, transport, token }) => {
      const { connect } = await import('/client/signaling-client.js');
      window.received = [];
      window.errors = [];
      window.closes = [];
      const client = await connect({ sessionUrl: location.origin, userId, token, transports: [transport], reconnect: false });
      client.on('signal', (signal) => window.received.push(signal));
      client.on('error', (error) => window.errors.push(error));
      client.on('close', ({ code, reason }) => window.closes.push(`${code} ${reason}`));
      window.signaling = client;
    }, { userId: name, transport, token });
    return user;
  }

  constructor(name, context, page) {
    this.name = name;
    this.context = context;
    this.page = page;
    this.log = [];
    this.sockjsRequests = new Set(); // iframe.html, and …/{server}/{session}/<transport path>
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') this.log.push(`console.${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (err) => this.log.push(`pageerror: ${err.message}`));
    const record = (url) => {
      const { pathname } = new URL(url);
      const match = /\/ws\/[^/]+\/[^/]+\/(\w+)$/.exec(pathname) ?? /\/ws\/(iframe[^/]*\.html)$/.exec(pathname);
      if (match) this.sockjsRequests.add(match[1]);
    };
    page.on('request', (request) => record(request.url()));
    page.on('websocket', (socket) => record(socket.url()));
  }

  /** Sends `{n: 1…count}` to `to`, ids `${prefix}-n`, in order; resolves once each is acked. */
  async sendNumbered(to, count, prefix = 'n') {
    await this.page.evaluate(({ to, count, prefix }) => Promise.all(Array.from({ length: count },
      (_, i) => window.signaling.send(to, { n: i + 1 }, { id: `${prefix}-${i + 1}` }))), { to, count, prefix });
  }

  /** Keeps sending to `to` every `everyMs` (ids `${prefix}-n`), not waiting for acks, until {@link stopTicking}. */
  async startTicking(to, everyMs, prefix) {
    await this.page.evaluate(({ to, everyMs, prefix }) => {
      window.ticks = { sent: 0, settled: [] };
      window.ticker = setInterval(() => {
        const id = `${prefix}-${++window.ticks.sent}`;
        window.signaling.send(to, { n: window.ticks.sent }, { id })
          .then(() => window.ticks.settled.push({ id, ack: true }), (err) => window.ticks.settled.push({ id, code: err.code }));
      }, everyMs);
    }, { to, everyMs, prefix });
  }

  /** Stops the ticker; resolves with how many it sent and what each send's promise settled with. */
  async stopTicking() {
    return this.page.evaluate(() => {
      clearInterval(window.ticker);
      return window.ticks;
    });
  }

  /** Signals received so far: `{id, from, n}`, in arrival order. */
  received() {
    return this.page.evaluate(() => window.received.map(({ id, from, content }) => ({ id, from, n: content?.n })));
  }

  /** Whether the connection is open; else how it closed (the client's close event: code and reason). */
  async state() {
    return this.page.evaluate(() => (window.signaling.connected ? 'connected' : `closed: ${window.closes.join('; ')}`));
  }

  /** Errors that came after an ack (e.g. recipient-unavailable): `{id, code}`. */
  errors() {
    return this.page.evaluate(() => window.errors.map(({ id, code }) => ({ id, code })));
  }

  /** The user's browser goes away without a word: every request of its page aborted, none made again. */
  async vanish() {
    await this.context.close();
  }

  async close() {
    await this.context.close().catch(() => {});
  }
}
