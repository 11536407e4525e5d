// `bin/signaling platform` as a user runs it, for the end-to-end tests: started on free ports with a
// temp data dir, awaited until its ready line, stopped with SIGTERM, and never left behind.
import { spawn, execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { poll } from './poll.js';

export const ROOT = resolve(fileURLToPath(new URL('../../../../', import.meta.url)));
const SIGNALING = join(ROOT, 'bin', 'signaling');
/** Every child JVM of a platform carries -Dsignaling.platform.data-dir=<its data dir> (JavaCommand). */
const MARKER = 'signaling.platform.data-dir=';

/** The jars `bin/signaling` runs; missing ones are a clear failure, since SIGNALING_SKIP_BUILD=1 never builds. */
export function requirePlatformJars() {
  const pom = readFileSync(join(ROOT, 'pom.xml'), 'utf8');
  const version = /<artifactId>signaling-parent<\/artifactId>\s*<version>([^<]+)<\/version>/.exec(pom)?.[1];
  if (!version) throw new Error(`cannot read the version from ${join(ROOT, 'pom.xml')}`);
  const missing = ['platform', 'relay-streams', 'session-service', 'gateway']
    .map((module) => join(ROOT, module, 'target', `${module}-${version}-exec.jar`))
    .concat(join(ROOT, 'platform', 'target', 'kafka-lib'))
    .filter((path) => !existsSync(path));
  if (missing.length > 0) {
    throw new Error(`the platform is not built (missing: ${missing.join(', ')}); `
      + `build it first: (cd ${ROOT} && ./mvnw -B -DskipTests install)`);
  }
}

/** What `bin/signaling platform` adds to a service's port for its management (actuator) port. */
export const MANAGEMENT_OFFSET = 100;

/**
 * A port p such that p … p+count-1 are all free now (session-service, then its gateways), and so
 * are the same ports MANAGEMENT_OFFSET above (their management ports).
 */
export async function freePortBlock(count) {
  for (let tries = 0; tries < 50; tries++) {
    const first = await listen(0);
    const port = first.address().port;
    const rest = [];
    let ok = port + MANAGEMENT_OFFSET + count - 1 <= 65535;
    for (const offset of [0, MANAGEMENT_OFFSET]) {
      for (let i = offset === 0 ? 1 : 0; ok && i < count; i++) {
        const server = await listen(port + offset + i).catch(() => null);
        if (server) rest.push(server); else ok = false;
      }
    }
    await Promise.all([first, ...rest].map((server) => new Promise((done) => server.close(done))));
    if (ok) return port;
  }
  throw new Error(`found no ${count} free consecutive ports`);
}

function listen(port) {
  return new Promise((resolveServer, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolveServer(server));
  });
}

/** The pid of the process listening on 127.0.0.1:port (ss, else lsof), or null. */
export function pidListeningOn(port) {
  try {
    const out = execFileSync('ss', ['-Hltnp', `sport = :${port}`], { encoding: 'utf8' });
    const pid = /pid=(\d+)/.exec(out)?.[1];
    if (pid) return Number(pid);
  } catch { /* no ss: try lsof */ }
  try {
    const out = execFileSync('lsof', ['-t', `-iTCP:${port}`, '-sTCP:LISTEN'], { encoding: 'utf8' });
    const pid = out.split('\n').find(Boolean);
    if (pid) return Number(pid);
  } catch { /* neither tool found a listener */ }
  return null;
}

export function commandLineOf(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return '';
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

function signal(pid, sig) {
  try {
    process.kill(pid, sig);
  } catch { /* already gone */ }
}

/** Pids of live processes whose command line names this platform's data dir (how JavaCommand marks them). */
function markedPids(dataDir) {
  try {
    return execFileSync('pgrep', ['-f', `${MARKER}${dataDir}( |$)`], { encoding: 'utf8' })
      .split('\n').filter(Boolean).map(Number).filter((pid) => pid !== process.pid);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

/**
 * A process started in a process group of its own (detached), its output kept line by line and
 * echoed to stderr with a prefix for post-mortems (the node test runner shows stderr of a failing file).
 */
class Child {
  constructor(name, command, args, env) {
    this.name = name;
    this.lines = [];
    this.process = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    this.spawnError = null;
    this.exited = new Promise((done) => {
      this.process.once('exit', (code, sig) => done(code ?? sig));
      this.process.once('error', (err) => { // e.g. bin/signaling not executable: no 'exit' may follow
        this.spawnError = err;
        this.#line(`cannot run ${command}: ${err.message}`);
        done(err.code);
      });
    });
    for (const stream of [this.process.stdout, this.process.stderr]) {
      let rest = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk) => {
        const parts = (rest + chunk).split('\n');
        rest = parts.pop();
        for (const line of parts) this.#line(line);
      });
      stream.on('end', () => rest && this.#line(rest));
    }
  }

  #line(line) {
    this.lines.push(line);
    // The launcher's own lines and errors; every service's log too with E2E_VERBOSE=1.
    if (process.env.E2E_VERBOSE || /^(\[platform\]|signaling|cannot run)/.test(line)) {
      process.stderr.write(`[${this.name}] ${line}\n`);
    }
  }

  get pid() {
    return this.process.pid;
  }

  get running() {
    return !this.spawnError && this.process.exitCode === null && this.process.signalCode === null;
  }

  /** SIGKILL to the whole process group (the launcher and its watchdogs, or a gateway and its JVM). */
  killGroup() {
    if (this.pid) signal(-this.pid, 'SIGKILL');
  }
}

/** Platforms still running in this process, stopped by the exit handlers if a test run is cut short. */
const live = new Set();
let handlersInstalled = false;

function installExitHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  // A SIGTERM lets each launcher stop its children in order even though this process is gone.
  const stopAll = () => live.forEach((platform) => platform.signalStop());
  process.once('exit', stopAll);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(sig, () => {
      stopAll();
      process.exit(128 + ({ SIGINT: 2, SIGTERM: 15, SIGHUP: 1 })[sig]);
    });
  }
}

export class Platform {
  /**
   * @param {{gateways?: number, readyTimeoutMs?: number, aloneGateways?: {id: string, deliveryPartition: number}[],
   *   launcherArgs?: string[]}} options
   *   aloneGateways: started with startGateway as soon as the broker is up, so they boot alongside the platform;
   *   launcherArgs: more options of `bin/signaling platform`, e.g. `['--jwt-hmac-secret-file', file]`
   */
  static async start({ gateways = 2, readyTimeoutMs = 180_000, aloneGateways = [], launcherArgs = [] } = {}) {
    requirePlatformJars();
    const httpPort = await freePortBlock(gateways + 1);
    const kafkaPort = await freePortBlock(1);
    const alonePorts = [];
    for (const _ of aloneGateways) alonePorts.push(await freePortBlock(1));
    const platform = new Platform(httpPort, kafkaPort, gateways, launcherArgs);
    installExitHandlers();
    live.add(platform);
    try {
      await platform.#awaitReady(readyTimeoutMs, () => aloneGateways.forEach(({ id, deliveryPartition }, i) =>
        platform.startGateway(id, alonePorts[i], deliveryPartition)));
    } catch (err) {
      await platform.stop().catch((stopError) => { err.message += `; and stopping it: ${stopError.message}`; });
      throw err;
    }
    return platform;
  }

  constructor(httpPort, kafkaPort, gateways, launcherArgs = []) {
    this.dataDir = mkdtempSync(join(tmpdir(), 'signaling-e2e-'));
    this.httpPort = httpPort;
    this.kafkaPort = kafkaPort;
    this.sessionUrl = `http://127.0.0.1:${httpPort}`;
    this.gatewayUrls = Array.from({ length: gateways }, (_, i) => `http://127.0.0.1:${httpPort + 1 + i}/ws`);
    this.extraGateways = [];
    this.launcher = new Child('launcher', SIGNALING, ['platform', '--http-port', String(httpPort), '--gateways', String(gateways),
      '--kafka-port', String(kafkaPort), '--data-dir', this.dataDir, ...launcherArgs], { SIGNALING_SKIP_BUILD: '1' });
  }

  async #awaitReady(timeoutMs, whenKafkaUp) {
    let kafkaUp = false;
    await poll(`the platform's ready line (${timeoutMs / 1000} s)`, () => {
      if (!kafkaUp && this.launcher.lines.includes('[platform] kafka is up')) {
        kafkaUp = true;
        whenKafkaUp();
      }
      if (this.launcher.lines.some((line) => line.startsWith('signaling platform ready:'))) return true;
      if (!this.launcher.running) {
        throw new Error(`bin/signaling platform exited (${this.launcher.process.exitCode ?? this.launcher.process.signalCode}) `
          + `before it was ready:\n${this.launcher.lines.filter((l) => !l.startsWith('[kafka]')).slice(-20).join('\n')}`);
      }
      return false;
    }, { timeoutMs, intervalMs: 250 });
  }

  /**
   * One more gateway, run alone with `bin/signaling gateway` against this platform's broker. The
   * launcher restarts one of its own children that dies (same port, same gateway id), so a gateway
   * that a test kills and needs to stay gone must not be one of them. It carries the platform's
   * marker, so teardown finds it too.
   */
  startGateway(id, port, deliveryPartition) {
    const listeningAddress = `http://127.0.0.1:${port}/ws`;
    const child = new Child(id, SIGNALING, ['gateway', `--spring.kafka.bootstrap-servers=127.0.0.1:${this.kafkaPort}`,
      `--server.port=${port}`, `--management.server.port=${port + MANAGEMENT_OFFSET}`,
      `--signaling.gateway.id=${id}`, `--signaling.gateway.listening-address=${listeningAddress}`,
      `--signaling.gateway.delivery-partitions=${deliveryPartition}`, '--spring.main.banner-mode=off'],
    { SIGNALING_SKIP_BUILD: '1',
      // the launcher's child options for its own gateways, then the caller's, as JavaCommand orders them
      SIGNALING_JAVA_OPTS: `-Xms32m -Xmx512m -D${MARKER}${this.dataDir} ${process.env.SIGNALING_JAVA_OPTS ?? ''}`.trim() });
    const gateway = { id, port, listeningAddress, child };
    this.extraGateways.push(gateway);
    return gateway;
  }

  /** Waits until the gateway answers its health check and session-service counts it as live. */
  async awaitGatewayLive(gateway, timeoutMs) {
    await poll(`${gateway.id} UP and live in session-service`, async () => {
      if (!gateway.child.running) throw new Error(`${gateway.id} exited: ${gateway.child.lines.slice(-15).join('\n')}`);
      const own = await getJson(`http://127.0.0.1:${gateway.port + MANAGEMENT_OFFSET}/actuator/health`);
      return own?.status === 'UP' && (await this.liveGateways()).includes(gateway.id);
    }, { timeoutMs, intervalMs: 500 });
  }

  /** Gateway ids session-service binds new sessions to (its health details). */
  async liveGateways() {
    const health = await getJson(`http://127.0.0.1:${this.httpPort + MANAGEMENT_OFFSET}/actuator/health`);
    return health?.components?.gateways?.details?.gateways ?? [];
  }

  /** GET /sessions/{userId}: the session's public view, or null on 404. */
  async session(userId) {
    const response = await fetch(`${this.sessionUrl}/sessions/${encodeURIComponent(userId)}`);
    if (response.status === 404) return null;
    if (!response.ok) throw new Error(`GET /sessions/${userId} answered ${response.status}`);
    return response.json();
  }

  /**
   * Why `userId`'s last session ended, as the signaling history says (`bin/signaling audit replay`,
   * contract §3): `connection-lost`, `connection-closed`, … or null when no session of it ended yet.
   */
  async deleteReason(userId) {
    const { stdout } = await promisify(execFile)(SIGNALING, ['audit', 'replay', '--bootstrap-servers',
      `127.0.0.1:${this.kafkaPort}`, '--user', userId, '--format', 'jsonl', '--redact'],
    { cwd: ROOT, env: { ...process.env, SIGNALING_SKIP_BUILD: '1' }, timeout: 90_000, maxBuffer: 16 * 1024 * 1024 });
    const ended = stdout.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line))
      .filter((entry) => entry.kind === 'session-deleted' && entry.userId === userId);
    return ended.at(-1)?.reason ?? null;
  }

  /** SIGTERM to the launcher (and the extra gateways): each stops its children in order. */
  signalStop() {
    for (const child of [...this.extraGateways.map((g) => g.child), this.launcher]) {
      if (child.running) signal(child.pid, 'SIGTERM');
    }
  }

  /**
   * Stops everything and proves it: SIGTERM and a wait for the launcher's exit; past the grace,
   * SIGKILL to every process carrying this platform's marker and to the launcher's process group
   * (its children run in sessions of their own, so the group alone would orphan them). Throws when
   * something had to be killed or survived.
   */
  async stop({ graceMs = 90_000 } = {}) {
    live.delete(this);
    this.signalStop();
    const stopped = await Promise.race([
      Promise.all([this.launcher.exited, ...this.extraGateways.map((g) => g.child.exited)]).then(() => true),
      new Promise((done) => setTimeout(done, graceMs).unref()).then(() => false),
    ]);
    let leftovers = [];
    if (stopped) {
      // The launcher waits for its children, so this is near-instant; it covers their watchdogs' reach too.
      await poll('no process of this platform left', () => markedPids(this.dataDir).length === 0, { timeoutMs: 15_000 })
        .catch(() => {});
    }
    leftovers = markedPids(this.dataDir);
    if (!stopped || leftovers.length > 0) {
      leftovers.forEach((pid) => signal(pid, 'SIGKILL'));
      this.launcher.killGroup();
      this.extraGateways.forEach((g) => g.child.killGroup());
      await poll('killed processes gone', () => leftovers.every((pid) => !isAlive(pid)), { timeoutMs: 15_000 }).catch(() => {});
    }
    const survivors = markedPids(this.dataDir);
    if (survivors.length === 0) rmSync(this.dataDir, { recursive: true, force: true });
    if (!stopped) throw new Error(`the platform did not stop within ${graceMs / 1000} s of SIGTERM; killed it`);
    if (leftovers.length > 0) throw new Error(`processes outlived the launcher and were killed: ${leftovers.join(', ')}`);
    if (survivors.length > 0) throw new Error(`processes survived SIGKILL: ${survivors.join(', ')} (data dir ${this.dataDir} kept)`);
    return this.launcher.process.exitCode ?? this.launcher.process.signalCode;
  }
}

async function getJson(url) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    return await response.json();
  } catch {
    return null;
  }
}
