#!/usr/bin/env bash
# npm start: the app in development (electron-vite dev: the renderer from Vite's dev server, main
# and preload rebuilt on change). Extra arguments go to electron-vite.
#
# The core's worker runs inside Electron, whose Node has another native ABI than the Node that
# runs the tests, the CLI and serve mode. So better-sqlite3 is built for Electron for the length
# of the session only, and the Node build is put back when it ends, Ctrl+C included; never in
# postinstall. While the app runs, `npm test` in another terminal cannot load better-sqlite3.
set -euo pipefail
cd "$(dirname "$0")/.."
trap 'echo "Restoring the Node build of better-sqlite3"; npm rebuild better-sqlite3 >/dev/null' EXIT
npx electron-builder install-app-deps
npx electron-vite dev "$@"
