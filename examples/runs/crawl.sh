#!/bin/sh
# Starts a local web server for crawl.yaml, runs it with tandem, stops the server. Offline.
# Usage: examples/runs/crawl.sh [tandem run options...]   (TANDEM: the tandem command, default "tandem")
set -eu
cd "$(dirname "$0")"
python3 -m http.server 8765 --bind 127.0.0.1 --directory site >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT INT TERM
i=0
until python3 -c 'import socket; socket.create_connection(("127.0.0.1", 8765), 1)' 2>/dev/null; do
  i=$((i + 1)); [ $i -lt 50 ] || { echo "local server did not start" >&2; exit 1; }; sleep 0.1
done
${TANDEM:-tandem} run crawl.yaml "$@"
