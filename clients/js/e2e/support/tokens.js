// Identity tokens for the end-to-end tests, as an app's login would hand them out: HS256 JWTs
// signed with the secret that `bin/signaling platform --jwt-hmac-secret-file` was given.
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const base64url = (value) => Buffer.from(value).toString('base64url');

/** A fresh random secret in a file of its own: `{ secret, file }`. */
export function hmacSecretFile() {
  const secret = randomBytes(48).toString('base64url');
  const file = join(mkdtempSync(join(tmpdir(), 'signaling-e2e-jwt-')), 'jwt.secret');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return { secret, file };
}

/** A JWT for `subject`, valid for `seconds` from now. */
export function hs256(secret, subject, seconds = 600) {
  const now = Math.floor(Date.now() / 1000);
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const claims = base64url(JSON.stringify({ sub: subject, iat: now, exp: now + seconds }));
  const signature = createHmac('sha256', secret).update(`${header}.${claims}`).digest('base64url');
  return `${header}.${claims}.${signature}`;
}
