"""Per-Pemda caches of what rarely changes (the org facts behind Struktur, the regulation settings), in Django's
cache (Redis with REDIS_URL, else in-process), keyed by Pemda and a version token per topic.

Every write to a topic's tables replaces the token (the receivers below; bulk writes that send no signal call
`naikkan` themselves), so no reader after the write gets the old value. The thread that wrote reads around the
cache until its transaction ends: its rows are not committed, so nobody else may be handed them and a rollback
must not leave them cached. After COMMIT the token is replaced again, because another request may have cached
the old rows between the write and the commit. A topic's big values (a 20,000-Pegawai Struktur) are also kept
in this process for the same token, so a request pays one cache GET for the token, not the unpickling.
"""

import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable

from django.core.cache import cache
from django.db import connection, transaction
from django_scopes import get_scope

STRUKTUR = "struktur"
PENGATURAN = "pengaturan"

UMUR = 6 * 60 * 60  # seconds; the token, not the age, keeps values fresh
MEMO_MAKS = 4  # values of big topics held in this process (a few Pemda or dates at a time)

_lokal = threading.local()
_memo: OrderedDict[str, object] = OrderedDict()
_memo_kunci = threading.Lock()


def _kunci_versi(topik: str, pemda_id: int) -> str:
    return f"kinerja:versi:{topik}:{pemda_id}"


def _kotor() -> dict[tuple[str, int], tuple[int, tuple[str, ...]]]:
    """(topic, Pemda) written by this thread -> the id of the outermost transaction it wrote in, and the
    savepoints open at that write."""
    if not hasattr(_lokal, "kotor"):
        _lokal.kotor = {}
    return _lokal.kotor


def _transaksi() -> int | None:
    return (
        id(connection.atomic_blocks[0]) if connection.in_atomic_block and connection.atomic_blocks else None
    )


def lingkup_sendiri(pemda_id: int) -> bool:
    """Is the Pemda's own scope active? Read in another scope (or none) the rows are not this Pemda's alone,
    and must not be cached as its own."""
    scope = get_scope()
    return scope.get("_enabled", True) and scope.get("pemda") == pemda_id


def versi(topik: str, pemda_id: int) -> str:
    kunci = _kunci_versi(topik, pemda_id)
    token = cache.get(kunci)
    if token is None:
        token = uuid.uuid4().hex
        if not cache.add(kunci, token, None):
            token = cache.get(kunci) or token  # another process set it first
    return token


def naikkan(topik: str, pemda_id: int) -> None:
    """The topic's data of this Pemda changed: cached values are not to be read any more."""
    kunci = _kunci_versi(topik, pemda_id)
    transaksi = _transaksi()
    savepoint = tuple(connection.savepoint_ids)
    ditulis = _kotor().get((topik, pemda_id))
    if (
        transaksi is not None
        and ditulis
        and ditulis[0] == transaksi
        and savepoint[: len(ditulis[1])] == ditulis[1]
    ):
        # Already replaced in this transaction, with a replacement after COMMIT that no rollback of a
        # savepoint can have dropped: 20,000 rows of one import cost one replacement, not 40,000.
        return
    cache.set(kunci, uuid.uuid4().hex, None)
    if transaksi is not None:
        _kotor()[(topik, pemda_id)] = (transaksi, savepoint)
        transaction.on_commit(lambda: cache.set(kunci, uuid.uuid4().hex, None))


def siap(topik: str, pemda_id: int) -> bool:
    """Does the cache serve this thread for the topic now (it has not changed it in its open transaction)?"""
    return _boleh(topik, pemda_id)


def _boleh(topik: str, pemda_id: int) -> bool:
    kotor = _kotor()
    ditulis = kotor.get((topik, pemda_id))
    if ditulis is None:
        return True
    if ditulis[0] == _transaksi():
        return False
    del kotor[(topik, pemda_id)]  # that transaction has ended (committed or rolled back)
    return True


def ambil(topik: str, pemda_id: int, kunci: str, buat: Callable[[], object], *, memo: bool = False):
    """The cached value `kunci` of the topic for the Pemda, made by `buat()` when missing or stale."""
    if not _boleh(topik, pemda_id):
        return buat()
    penuh = f"kinerja:{topik}:{pemda_id}:{versi(topik, pemda_id)}:{kunci}"
    if memo:
        with _memo_kunci:
            if penuh in _memo:
                _memo.move_to_end(penuh)
                return _memo[penuh]
    nilai = cache.get(penuh)
    if nilai is None:
        nilai = buat()
        cache.set(penuh, nilai, UMUR)
    if memo:
        with _memo_kunci:
            _memo[penuh] = nilai
            while len(_memo) > MEMO_MAKS:
                _memo.popitem(last=False)
    return nilai


# Receivers: connected in KinerjaConfig.ready() -----------------------------------------------------------
def _struktur_berubah(sender, instance, **kwargs):
    naikkan(STRUKTUR, instance.pemda_id)


def _pengaturan_berubah(sender, instance, **kwargs):
    naikkan(PENGATURAN, instance.pemda_id)


def hubungkan():
    from django.db.models.signals import post_delete, post_save

    from kinerja.models import (
        DelegasiPimpinan,
        Jabatan,
        KoreksiPenilai,
        Penempatan,
        PengaturanPemda,
        UnitKerja,
    )

    for model in (UnitKerja, Jabatan, Penempatan, DelegasiPimpinan, KoreksiPenilai):
        for sinyal in (post_save, post_delete):
            sinyal.connect(_struktur_berubah, sender=model, dispatch_uid=f"cache_pemda_{model.__name__}")
    for sinyal in (post_save, post_delete):
        sinyal.connect(_pengaturan_berubah, sender=PengaturanPemda, dispatch_uid="cache_pemda_pengaturan")
