#!/usr/bin/env bash
# `make run`: the django-q2 cluster in the background, the web server in the foreground; Ctrl-C stops both.
set -euo pipefail
PY=${PY:-.venv/bin/python}
PORT=${PORT:-8000}
# Links in emails point where this server really is (config/settings/base.py: SITE_URL).
export SITE_URL=${SITE_URL:-http://127.0.0.1:$PORT}
mkdir -p var/log

"$PY" manage.py qcluster >var/log/qcluster.log 2>&1 &
cluster_pid=$!

stop_cluster() {
  if kill -0 "$cluster_pid" 2>/dev/null; then
    kill -TERM "$cluster_pid" 2>/dev/null || true
    # qcluster can hang in "stopping": give it 10 s, then kill it.
    for _ in $(seq 1 20); do kill -0 "$cluster_pid" 2>/dev/null || return 0; sleep 0.5; done
    kill -KILL "$cluster_pid" 2>/dev/null || true
    pkill -KILL -P "$cluster_pid" 2>/dev/null || true
  fi
}
trap stop_cluster EXIT INT TERM

echo "Task cluster started (pid $cluster_pid, log var/log/qcluster.log)."
echo "Site: $SITE_URL/  English: $SITE_URL/en/  Admin: $SITE_URL/admin/"
"$PY" manage.py runserver "127.0.0.1:$PORT" --noreload
