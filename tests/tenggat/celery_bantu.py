"""A real Celery worker for the deadline tests: Redis as the broker, the app of kinerja.celery, and an
in-process worker thread (celery.contrib.testing.worker.start_worker) that uses the same Django test database.

Skipped when REDIS_URL is not set (the embedded default: SQLite, tasks run eagerly). Each pytest-xdist worker
gets its own Redis database for the broker, beside the cache database kinerja/settings.py gives it: the
cache's database number plus 8 (CI: REDIS_URL .../1 -> cache 1 and 2, broker 9 and 10). The broker database is
emptied before and after each test, so a message left by an aborted run is never consumed by the next one.

No result backend: the worker's outcomes are read from Celery's signals (`Pengamat`), with a time limit.
"""

import contextlib
import os
import threading
import time
from urllib.parse import urlsplit

import pytest
from celery import signals
from celery.contrib.testing.worker import start_worker
from django.db import connections

from kinerja.celery import app

BATAS_DETIK = 60  # the longest a test waits for the worker
GESER_DB_BROKER = 8

perlu_redis = pytest.mark.skipif(
    not os.environ.get("REDIS_URL"),
    reason="Butuh Redis dan worker Celery sungguhan: set REDIS_URL (CI: .ci/run); bawaan lokal SQLite + eager.",
)


def url_broker() -> str:
    """REDIS_URL with the database of this pytest-xdist worker's broker (computed as settings does the cache)."""
    redis = urlsplit(os.environ["REDIS_URL"])
    db = int(redis.path.strip("/") or 0) + GESER_DB_BROKER
    db += int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw"))
    return redis._replace(path=f"/{db % 16}").geturl()


def _kosongkan(url: str):
    import redis

    klien = redis.Redis.from_url(url)
    try:
        klien.flushdb()
    finally:
        klien.close()


def _lupakan_koneksi():
    """Drop the app's broker connection pools, so the next publish uses the current broker_url."""
    app._pool = None
    app.amqp._producer_pool = None


class Pengamat:
    """What the worker did, from Celery's signals: successes, failures and retries by task name."""

    def __init__(self):
        self.kejadian: list[tuple[str, str, object]] = []  # (state, task name, result/exception)
        self._syarat = threading.Condition()
        self._utama = threading.get_ident()

    def _catat(self, state, nama, isi):
        with self._syarat:
            self.kejadian.append((state, nama, isi))
            self._syarat.notify_all()

    def sukses(self, sender=None, result=None, **kw):
        self._catat("SUCCESS", sender.name, result)

    def gagal(self, sender=None, exception=None, **kw):
        self._catat("FAILURE", sender.name, exception)

    def ulang(self, sender=None, reason=None, **kw):
        self._catat("RETRY", sender.name, reason)

    def tutup_koneksi(self, **kw):
        # The worker thread's own database connection, closed after each task: none is left open when the
        # test database is flushed or dropped.
        if threading.get_ident() != self._utama:
            connections.close_all()

    def hasil(self, nama: str, state: str = "SUCCESS") -> list:
        with self._syarat:
            return [isi for s, n, isi in self.kejadian if s == state and n == nama]

    def tunggu(self, nama: str, jumlah: int, state: str = "SUCCESS", batas: float = BATAS_DETIK) -> list:
        """Wait until `jumlah` tasks `nama` ended in `state`; fail the test (never hang) after `batas` s."""
        akhir = time.monotonic() + batas
        with self._syarat:
            while len(hasil := [i for s, n, i in self.kejadian if s == state and n == nama]) < jumlah:
                sisa = akhir - time.monotonic()
                if sisa <= 0:
                    pytest.fail(
                        f"{nama}: {len(hasil)}/{jumlah} {state} setelah {batas} detik; {self.kejadian!r}"
                    )
                self._syarat.wait(sisa)
            return hasil


@contextlib.contextmanager
def worker_celery(settings_fixture, *, pool: str = "solo", concurrency: int = 1):
    """Run a real worker on Redis for the block; yields a Pengamat. Tasks are not eager inside the block and
    the dispatcher's spread is 0 s (settings.TENGGAT_SEBARAN_DETIK)."""
    settings_fixture.TENGGAT_SEBARAN_DETIK = 0
    url = url_broker()
    _kosongkan(url)
    lama = {k: app.conf[k] for k in ("broker_url", "task_always_eager", "result_backend")}
    app.conf.broker_url = url
    app.conf.task_always_eager = False
    app.conf.result_backend = None
    _lupakan_koneksi()
    pengamat = Pengamat()
    sambungan = [
        (signals.task_success, pengamat.sukses),
        (signals.task_failure, pengamat.gagal),
        (signals.task_retry, pengamat.ulang),
        (signals.task_postrun, pengamat.tutup_koneksi),
    ]
    for sinyal, fungsi in sambungan:
        sinyal.connect(fungsi, weak=False)
    try:
        with start_worker(
            app,
            pool=pool,
            concurrency=concurrency,
            perform_ping_check=False,
            shutdown_timeout=BATAS_DETIK,
            loglevel="WARNING",
        ):
            yield pengamat
    finally:
        for sinyal, fungsi in sambungan:
            sinyal.disconnect(fungsi)
        app.conf.update(lama)
        _lupakan_koneksi()
        _kosongkan(url)


def jumlah_per(queryset, *kolom) -> dict:
    """{(kolom values): count} of a queryset (scopes off is the caller's business)."""
    from django.db.models import Count

    return {tuple(r[k] for k in kolom): r["n"] for r in queryset.values(*kolom).annotate(n=Count("pk"))}
