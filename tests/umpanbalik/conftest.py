"""Pelaksanaan tests: "today" is frozen (skp.waktu.hari_ini) on 16 March 2026, the SKP of the world's Pegawai
was set in January (`skp_berjalan`: 2 RHK with 2 IKI each, target 4 modul per IKI). `hari(D(...))` moves the
clock. Services run inside the Pemda's tenant_context (`sumedang`), as a request of its user would run them."""

import datetime

import pytest

from kinerja.scoping import tenant_context
from tests.skp import bantu


@pytest.fixture(autouse=True)
def hari(monkeypatch):
    sekarang = {"tanggal": datetime.date(2026, 3, 16)}
    monkeypatch.setattr("skp.waktu.hari_ini", lambda pemda_id: sekarang["tanggal"])

    def _pindah(tanggal: datetime.date):
        sekarang["tanggal"] = tanggal

    return _pindah


@pytest.fixture
def sumedang(world):
    with tenant_context(world.sumedang.pk):
        yield world


@pytest.fixture
def skp_berjalan(sumedang, hari):
    """The Pegawai's set SKP of 2026 (status ditetapkan), made in January; today is back on 16 March."""
    hari(datetime.date(2026, 1, 12))
    skp = bantu.draft(sumedang)
    skp = bantu.sampai_ditetapkan(sumedang, skp, rhk=2, iki=2)
    hari(datetime.date(2026, 3, 16))
    return skp
