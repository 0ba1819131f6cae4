"""Evaluation tests: "today" is frozen (skp.waktu.hari_ini), movable with `hari(D(...))`. The world's Pegawai
has a set SKP of 2026 (Sumedang: monthly evaluation) made in January (`skp_berjalan`: 2 RHK x 2 IKI, target 4
modul each); services run inside the Sumedang tenant_context as a request of its user would."""

import datetime

import pytest

from kinerja.scoping import tenant_context
from tests.skp import bantu

D = datetime.date


@pytest.fixture(autouse=True)
def hari(monkeypatch):
    sekarang = {"tanggal": D(2026, 3, 16)}
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
    hari(D(2026, 1, 12))
    skp = bantu.draft(sumedang)
    skp = bantu.sampai_ditetapkan(sumedang, skp, rhk=2, iki=2)
    hari(D(2026, 3, 16))
    return skp
