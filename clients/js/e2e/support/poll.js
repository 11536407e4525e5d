// Waiting on a condition, never on the clock: poll until it holds or a bounded time has passed.
import { setTimeout as delay } from 'node:timers/promises';

/**
 * Resolves with the first truthy value of `check` (sync or async); rejects naming `what` once
 * `timeoutMs` has passed. An exception thrown by `check` ends the wait at once (a dead process, say).
 */
export async function poll(what, check, { timeoutMs, intervalMs = 200 }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() >= deadline) throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
    await delay(Math.min(intervalMs, Math.max(0, deadline - Date.now())));
  }
}
