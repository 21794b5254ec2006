#!/bin/sh
# Runs one process of Almaty Zone Graph; the first argument (or AZG_PROCESS) says which.
# `exec` hands PID 1 to node, so SIGTERM from `docker stop` reaches the process's own handler.
# The lines between `# >>> registry:` and `# <<< registry:` are written by `npm run schema` from
# the subgraph registry (@azg/core/registry): each process's name and its package's entry point.
set -eu
process="${1:-${AZG_PROCESS:-gateway}}"
case "$process" in
  # >>> registry: processes
  gateway)
    exec node --max-old-space-size=256 --max-semi-space-size=32 gateway/dist/index.js ;;
  projects)
    exec node --max-old-space-size=256 --max-semi-space-size=8 services/projects/dist/index.js ;;
  companies)
    exec node --max-old-space-size=256 --max-semi-space-size=8 services/companies/dist/index.js ;;
  land)
    exec node --max-old-space-size=256 --max-semi-space-size=8 services/land/dist/index.js ;;
  workforce)
    exec node --max-old-space-size=256 --max-semi-space-size=8 services/workforce/dist/index.js ;;
  # <<< registry: processes
  migrate)
    # Every service's migrations and seed, one service at a time; safe to run on every deploy.
    exec node scripts/dist/prepare.js ;;
  keys)
    # API keys (docs/access.md): docker compose run --rm gateway keys create --name me --role admin
    shift
    exec node scripts/dist/keys.js "$@" ;;
  *)
    # >>> registry: usage
    echo "usage: $0 gateway|projects|companies|land|workforce|migrate|keys (got \"$process\")" >&2
    # <<< registry: usage
    exit 64 ;;
esac
