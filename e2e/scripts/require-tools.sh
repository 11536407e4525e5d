#!/bin/sh
# Run by Maven before the browser end-to-end tests, with the build's node and npm first on PATH
# (ProvisionNode.java chose them). Debian's Chromium: installed when this runs as root on Debian,
# else one clear line saying what to run, and a failure. Never a skip: -DskipITs is the way to skip.
# $1: the clients/js directory.
fail() {
  echo "e2e: $1" >&2
  exit 1
}
js_dir=${1:?usage: require-tools.sh CLIENTS_JS_DIR}
install_line="apt-get update && apt-get install -y chromium"
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && [ -r /etc/os-release ] && grep -qx 'ID=debian' /etc/os-release && command -v apt-get >/dev/null 2>&1; then
    echo "e2e: /usr/bin/chromium not found; installing Debian's chromium (root on Debian): $install_line"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >&2 \
      || fail "installing chromium failed (see above); run as root first: $install_line"
  else
    fail "/usr/bin/chromium not found - the browser tests drive Debian's Chromium and never download one; run first (as root): $install_line"
  fi
fi
/usr/bin/chromium --headless --no-sandbox --version >/dev/null 2>&1 || fail "/usr/bin/chromium does not run: $(/usr/bin/chromium --headless --no-sandbox --version 2>&1 | tail -1)"
[ -f "$js_dir/node_modules/playwright-core/package.json" ] || fail "playwright-core is not installed in $js_dir - build the clients module with its tests first (./mvnw -pl clients install runs npm ci)"
echo "e2e: node $(node --version), npm $(npm --version), $(/usr/bin/chromium --version 2>/dev/null | head -1)"
