"""gunicorn settings for the web units (site/deploy/impact-web.service): gunicorn -c site/deploy/gunicorn.conf.py."""

import os

from prometheus_client import multiprocess

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_WORKERS", "3"))
timeout = 30
graceful_timeout = 25  # SIGTERM: finish requests in flight, then exit (the load balancer drains first)
wsgi_app = "config.wsgi:application"


def child_exit(server, worker):
    # Prometheus multiprocess mode: a dead worker's live gauges go, its counters stay counted.
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.mark_process_dead(worker.pid)
