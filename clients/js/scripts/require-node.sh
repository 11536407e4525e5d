#!/bin/sh
# Run by Maven before npm: fail with one clear line when Node.js 20+ or npm is missing.
fail() {
  echo "clients: $1 - install Node.js 20 or newer with npm (Debian: apt-get install nodejs npm)" >&2
  exit 1
}
command -v node >/dev/null 2>&1 || fail "node was not found on PATH"
command -v npm >/dev/null 2>&1 || fail "npm was not found on PATH"
major=$(node -p 'process.versions.node.split(".")[0]')
[ "$major" -ge 20 ] || fail "node $(node --version) is too old"
