"""Two runs of the same Pemda and day at the same moment (two dispatchers, two workers) on PostgreSQL: both
threads reach their first reminder together, one waits on the other's uncommitted row under the unique key and
then sends nothing for it. Every reminder exists once and reaches its recipient once in the bell and once by
email. (The same through a real worker and Redis: test_celery.py.)"""

import datetime
import threading

import pytest
from django.db import connection, connections
from django_scopes import scopes_disabled

from kinerja.models import User
from tenggat import services
from tenggat.models import Pengingat
from tenggat.proses import proses_pemda

from .test_celery import sekali_tiap_pengingat

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
BATAS_DETIK = 60


@pytest.fixture(autouse=True)
def _postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("Balapan dua transaksi butuh PostgreSQL (DATABASE_URL); SQLite mengunci seluruh berkas.")


def test_dua_proses_bersamaan_satu_pengingat(world, monkeypatch):
    with scopes_disabled():
        for user in User.objects.filter(pemda=world.sumedang, pegawai__isnull=False):
            User.objects.filter(pk=user.pk).update(email=f"{user.username}@contoh.go.id")
        alamat = dict(User.objects.filter(pegawai__isnull=False).values_list("pegawai_id", "email"))
    asli = services.kirim_pengingat
    barisan = threading.Barrier(2, timeout=BATAS_DETIK)
    mulai = threading.local()

    def kirim_bersamaan(**kwargs):
        if not getattr(mulai, "sudah", False):
            mulai.sudah = True
            barisan.wait()  # both runs insert their first reminder at the same moment
        return asli(**kwargs)

    monkeypatch.setattr(services, "kirim_pengingat", kirim_bersamaan)
    hasil, galat = [], []

    def jalan():
        try:
            hasil.append(proses_pemda(world.sumedang.pk, datetime.date(2027, 1, 25)))
        except Exception as e:  # reported below: the test fails, never hangs
            galat.append(e)
        finally:
            connections.close_all()

    benang = [threading.Thread(target=jalan) for _ in range(2)]
    for b in benang:
        b.start()
    for b in benang:
        b.join(BATAS_DETIK)
    assert not any(b.is_alive() for b in benang) and not galat, galat
    with scopes_disabled():
        pengingat = Pengingat.objects.filter(pemda=world.sumedang)
        jumlah = pengingat.count()
        assert jumlah >= 2 and sum(h.pengingat for h in hasil) == jumlah
        assert all(h.kewajiban == hasil[0].kewajiban for h in hasil)
        assert pengingat.filter(penerima=world.pegawai).count() == 1
        sekali_tiap_pengingat(pengingat, alamat)
