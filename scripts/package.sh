#!/usr/bin/env bash
# Builds the installers for this machine's platform (AppImage + deb on Linux, NSIS on Windows,
# dmg on macOS) with electron-builder.json. Extra arguments go to electron-builder, e.g. --x64.
#
# electron-builder rebuilds better-sqlite3 for Electron's ABI into node_modules while packaging
# (npmRebuild). That build cannot load in plain Node, so on the way out, success or not, the Node
# build is restored: the tests, the CLI and serve mode keep working. This is the only place the
# Electron build of better-sqlite3 is ever made (never in postinstall).
set -euo pipefail
cd "$(dirname "$0")/.."
trap 'echo "Restoring the Node build of better-sqlite3"; npm rebuild better-sqlite3 >/dev/null' EXIT
npx electron-vite build
npx electron-builder --config electron-builder.json --publish never "$@"
