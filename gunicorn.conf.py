"""The one gunicorn configuration: the Dockerfile, docker-compose and the load benchmark (bench/beban.py, for both
the app and its ceiling, bench/plafon.py) start gunicorn with `-c gunicorn.conf.py`.

Threaded workers (gthread): a request mostly waits on PostgreSQL and Redis, so a few threads per process keep
both cores busy with fewer processes (each Django process is about 100 MB), and HTTP keep-alive is honoured
(sync workers close every connection). Every value can be overridden from the environment.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
# One process per core plus one to cover a worker blocked in a long request (a PDF, an export).
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() + 1))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", 4))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
keepalive = 5
backlog = 2048
# A worker is replaced after this many requests (jitter so they do not all restart at once): bounds memory
# growth from fragmentation without a restart visible to users.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 5000))
max_requests_jitter = max_requests // 10
accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None
# gunicorn 27's control socket defaults to one path per user: two servers on one machine (the app and the
# benchmark's ceiling, two deployments) would fight over it. Nothing here uses it.
control_socket_disable = True
