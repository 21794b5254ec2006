#!/bin/sh
# Runs one process of Almaty Zone Graph; the first argument (or AZG_PROCESS) says which.
# `exec` hands PID 1 to node, so SIGTERM from `docker stop` reaches the process's own handler.
set -eu
process="${1:-${AZG_PROCESS:-gateway}}"
case "$process" in
  gateway)
    exec node gateway/dist/index.js ;;
  projects|companies|land|workforce)
    exec node "services/$process/dist/index.js" ;;
  migrate)
    # Every service's migrations and seed, one service at a time; safe to run on every deploy.
    exec node scripts/dist/prepare.js ;;
  keys)
    # API keys (docs/access.md): docker compose run --rm gateway keys create --name me --role admin
    shift
    exec node scripts/dist/keys.js "$@" ;;
  *)
    echo "usage: $0 gateway|projects|companies|land|workforce|migrate|keys (got \"$process\")" >&2
    exit 64 ;;
esac
