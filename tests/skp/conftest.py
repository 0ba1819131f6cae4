"""SKP tests: "today" is frozen (skp.waktu.hari_ini), by default on 12 January 2026, before the SKP deadline
(end of January). `hari(D(2026, 2, 2))` moves it. Services run inside the Pemda's tenant_context, as a request
of its user would run them (`sumedang` fixture)."""

import datetime

import pytest

from kinerja.scoping import tenant_context


@pytest.fixture(autouse=True)
def hari(monkeypatch):
    sekarang = {"tanggal": datetime.date(2026, 1, 12)}
    monkeypatch.setattr("skp.waktu.hari_ini", lambda pemda_id: sekarang["tanggal"])

    def _pindah(tanggal: datetime.date):
        sekarang["tanggal"] = tanggal

    return _pindah


@pytest.fixture
def sumedang(world):
    with tenant_context(world.sumedang.pk):
        yield world
