"""Named personas shared by all tests (STYLE.md "Tests").

In Pemda Sumedang: Dinas Komunikasi (kepala: `kadis`, JPT pratama) > Bidang Aplikasi (`atasan`, the
Atasan Penilai) > Seksi Pengembangan (`penilai`) > `pegawai` (pelaksana); `rekan` is a second pelaksana in
the same seksi; `admin` is BKPSDM's admin; `bupati` is the Kepala Daerah. In Pemda Bogor: `outsider`
(a Pegawai) and `outsider_admin` (Bogor's BKPSDM admin), with their own unit.
"""

from contextlib import contextmanager
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scopes_disabled

from kinerja.models import JenisJabatan, JenisUnit, User

from .factories import (
    JabatanFactory,
    PemdaFactory,
    PengaturanFactory,
    UnitKerjaFactory,
    UserFactory,
    pegawai_with_account,
)

PASSWORD = "rahasia-123"


def _build_world():
    sumedang = PemdaFactory(slug="sumedang", nama="Kabupaten Sumedang")
    bogor = PemdaFactory(slug="bogor", nama="Kabupaten Bogor")
    PengaturanFactory(pemda=sumedang, nama_instansi="Pemerintah Kabupaten Sumedang")
    PengaturanFactory(
        pemda=bogor, nama_instansi="Pemerintah Kabupaten Bogor", siklus_evaluasi_periodik="triwulanan"
    )

    dinas = UnitKerjaFactory(pemda=sumedang, nama="Dinas Komunikasi dan Informatika", kode="D01")
    bidang = UnitKerjaFactory(
        pemda=sumedang,
        nama="Bidang Aplikasi Informatika",
        kode="D01.B1",
        jenis=JenisUnit.BIDANG,
        parent=dinas,
    )
    seksi = UnitKerjaFactory(
        pemda=sumedang,
        nama="Seksi Pengembangan Aplikasi",
        kode="D01.B1.S1",
        jenis=JenisUnit.SEKSI,
        parent=bidang,
    )
    bkpsdm = UnitKerjaFactory(pemda=sumedang, nama="BKPSDM", kode="D02")

    kadis = pegawai_with_account(
        jabatan=JabatanFactory(
            unit=dinas, nama="Kepala Dinas", jenis=JenisJabatan.JPT_PRATAMA, memimpin_unit=True
        ),
        nama="Hendra Gunawan",
    )
    atasan = pegawai_with_account(
        jabatan=JabatanFactory(
            unit=bidang, nama="Kepala Bidang", jenis=JenisJabatan.ADMINISTRATOR, memimpin_unit=True
        ),
        nama="Ani Suryani",
    )
    penilai = pegawai_with_account(
        jabatan=JabatanFactory(
            unit=seksi, nama="Kepala Seksi", jenis=JenisJabatan.PENGAWAS, memimpin_unit=True
        ),
        nama="Budi Santoso",
    )
    pelaksana = JabatanFactory(unit=seksi, nama="Pengelola Aplikasi", jenis=JenisJabatan.PELAKSANA)
    pegawai = pegawai_with_account(jabatan=pelaksana, nama="Siti Aminah")
    rekan = pegawai_with_account(jabatan=pelaksana, nama="Rudi Hartono")
    admin_pegawai = pegawai_with_account(
        jabatan=JabatanFactory(unit=bkpsdm, nama="Analis SDM"), nama="Dewi Lestari"
    )
    with scopes_disabled():
        User.objects.filter(pegawai=admin_pegawai).update(is_admin_bkpsdm=True)
    bupati = UserFactory(
        username="bupati.sumedang", pemda=sumedang, is_kepala_daerah=True, first_name="Bupati"
    )

    unit_bogor = UnitKerjaFactory(pemda=bogor, nama="Dinas Kesehatan", kode="B01")
    outsider = pegawai_with_account(
        jabatan=JabatanFactory(
            unit=unit_bogor, nama="Kepala Dinas", jenis=JenisJabatan.JPT_PRATAMA, memimpin_unit=True
        ),
        nama="Outsider Bogor",
    )
    outsider_admin_pegawai = pegawai_with_account(
        jabatan=JabatanFactory(unit=unit_bogor, nama="Analis SDM"), nama="Admin Bogor"
    )
    with scopes_disabled():
        User.objects.filter(pegawai=outsider_admin_pegawai).update(is_admin_bkpsdm=True)

    def account(p):
        with scopes_disabled():
            return User.objects.get(pegawai=p)

    return SimpleNamespace(
        sumedang=sumedang,
        bogor=bogor,
        dinas=dinas,
        bidang=bidang,
        seksi=seksi,
        bkpsdm=bkpsdm,
        unit_bogor=unit_bogor,
        pelaksana=pelaksana,
        kadis=kadis,
        atasan=atasan,
        penilai=penilai,
        pegawai=pegawai,
        rekan=rekan,
        admin_pegawai=admin_pegawai,
        outsider=outsider,
        outsider_admin_pegawai=outsider_admin_pegawai,
        users=SimpleNamespace(
            kadis=account(kadis),
            atasan=account(atasan),
            penilai=account(penilai),
            pegawai=account(pegawai),
            rekan=account(rekan),
            admin=account(admin_pegawai),
            bupati=bupati,
            outsider=account(outsider),
            outsider_admin=account(outsider_admin_pegawai),
        ),
    )


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Per-Pemda caches (letterhead, days off) are keyed by id; ids repeat across test databases."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(db):
    return _build_world()


@pytest.fixture
def login(client):
    """`login(user)` logs the test client in as `user` and returns the client."""

    def _login(user):
        client.force_login(user)
        return client

    return _login


# On PostgreSQL every tenant transaction sets `app.pemda_id` for Row-Level Security (kinerja/scoping.py),
# and a nested context puts the outer value back. These are fixed statements per context, not work that
# grows with the data, so query budgets leave them out and hold the same number on SQLite and PostgreSQL.
RLS_SETUP_MARK = "set_config('app.pemda_id'"


@pytest.fixture
def max_queries():
    """`with max_queries(n):` fails when the block runs more than `n` queries, not counting the RLS setup."""

    @contextmanager
    def _max_queries(limit):
        with CaptureQueriesContext(connection) as context:
            yield context
        counted = [q["sql"] for q in context.captured_queries if RLS_SETUP_MARK not in q["sql"]]
        assert len(counted) <= limit, (
            f"Expected at most {limit} queries but {len(counted)} were done:\n" + "\n".join(counted)
        )

    return _max_queries
