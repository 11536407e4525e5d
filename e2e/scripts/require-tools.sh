#!/bin/sh
# Run by Maven before the browser end-to-end tests: one clear line, and a failure, when Node.js 20+,
# npm, playwright-core or Debian's Chromium is missing. Never a skip: -DskipITs is the way to skip.
# $1: the clients/js directory.
fail() {
  echo "e2e: $1" >&2
  exit 1
}
js_dir=${1:?usage: require-tools.sh CLIENTS_JS_DIR}
command -v node >/dev/null 2>&1 || fail "node was not found on PATH - install Node.js 20 or newer with npm"
command -v npm >/dev/null 2>&1 || fail "npm was not found on PATH - install Node.js 20 or newer with npm"
major=$(node -p 'process.versions.node.split(".")[0]')
[ "$major" -ge 20 ] || fail "node $(node --version) is too old - install Node.js 20 or newer (Debian's nodejs package is 18)"
[ -x /usr/bin/chromium ] || fail "/usr/bin/chromium not found - install Debian's Chromium: apt-get update && apt-get install -y chromium (the tests never download a browser)"
/usr/bin/chromium --headless --no-sandbox --version >/dev/null 2>&1 || fail "/usr/bin/chromium does not run: $(/usr/bin/chromium --headless --no-sandbox --version 2>&1 | tail -1)"
[ -f "$js_dir/node_modules/playwright-core/package.json" ] || fail "playwright-core is not installed in $js_dir - build the clients module first (./mvnw -pl clients install -DskipTests runs npm ci)"
echo "e2e: node $(node --version), $(/usr/bin/chromium --version 2>/dev/null | head -1)"
