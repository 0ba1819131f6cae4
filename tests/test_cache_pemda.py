"""Per-Pemda caches (kinerja.cache_pemda): the org facts behind Struktur and the regulation settings are read
from the cache until they change, and never stale after a write.

Inside the test's transaction every write keeps this thread away from the cache (its rows are uncommitted). To
see what a request after COMMIT sees, `_setelah_commit()` forgets this thread's write marks: what it reads then
comes through the cache, under the version the write replaced."""

import datetime

import pytest
from django.db import transaction

from kinerja import cache_pemda
from kinerja.models import KoreksiPenilai, Penempatan, PengaturanPemda
from kinerja.scoping import tenant_context
from kinerja.selectors.pemda import pengaturan_pemda
from kinerja.selectors.penilai import Struktur
from kinerja.services.org import koreksi_penilai_create
from kinerja.services.pengaturan import pengaturan_update
from tests.factories import PegawaiFactory, PenempatanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(world):
    _setelah_commit()
    return world


def _setelah_commit():
    cache_pemda._kotor().clear()


def _dinilai_penilai(world) -> set[int]:
    with tenant_context(world.sumedang.pk):
        return set(Struktur.for_pemda(pemda_id=world.sumedang.pk).dinilai_oleh(world.penilai.pk))


def _bacaan(captured):
    """The reads among the captured statements (tenant_context's BEGIN/COMMIT and RLS setup left out)."""
    return [
        q for q in captured if q["sql"].startswith("SELECT") and "set_config('app.pemda_id'" not in q["sql"]
    ]


def test_struktur_of_a_pemda_is_read_from_the_cache_after_the_first_time(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    assert _dinilai_penilai(world) == {world.pegawai.pk, world.rekan.pk}
    with CaptureQueriesContext(connection) as kueri:
        assert _dinilai_penilai(world) == {world.pegawai.pk, world.rekan.pk}
    assert _bacaan(kueri.captured_queries) == []


def test_a_new_placement_is_seen_at_once(world):
    assert _dinilai_penilai(world) == {world.pegawai.pk, world.rekan.pk}
    baru = PegawaiFactory(pemda=world.sumedang)
    PenempatanFactory(pegawai=baru, jabatan=world.pelaksana)
    assert _dinilai_penilai(world) == {world.pegawai.pk, world.rekan.pk, baru.pk}
    _setelah_commit()
    assert _dinilai_penilai(world) == {world.pegawai.pk, world.rekan.pk, baru.pk}


def test_a_removed_placement_is_seen_at_once(world):
    assert world.rekan.pk in _dinilai_penilai(world)
    with tenant_context(world.sumedang.pk):
        Penempatan.objects.get(pegawai=world.rekan).delete()
    assert _dinilai_penilai(world) == {world.pegawai.pk}
    _setelah_commit()
    assert _dinilai_penilai(world) == {world.pegawai.pk}


def test_a_correction_of_the_penilai_through_the_service_is_seen_at_once(world):
    assert world.rekan.pk in _dinilai_penilai(world)
    with tenant_context(world.sumedang.pk):
        koreksi_penilai_create(
            pegawai=world.rekan,
            penilai=world.atasan,
            atasan_penilai=world.kadis,
            mulai=datetime.date(2020, 1, 1),
            selesai=None,
            alasan="Ditugaskan langsung di bawah Kepala Bidang.",
            by=world.users.admin,
        )
        assert KoreksiPenilai.objects.filter(pegawai=world.rekan).exists()
    assert _dinilai_penilai(world) == {world.pegawai.pk}
    _setelah_commit()
    assert _dinilai_penilai(world) == {world.pegawai.pk}
    with tenant_context(world.sumedang.pk):
        assert world.rekan.pk in Struktur.for_pemda(pemda_id=world.sumedang.pk).dinilai_oleh(world.atasan.pk)


def test_inside_the_writing_transaction_the_new_rows_are_read_and_a_rollback_leaves_nothing_cached(world):
    assert _dinilai_penilai(world) == {world.pegawai.pk, world.rekan.pk}
    with pytest.raises(RuntimeError), transaction.atomic():
        baru = PegawaiFactory(pemda=world.sumedang)
        PenempatanFactory(pegawai=baru, jabatan=world.pelaksana)
        assert baru.pk in _dinilai_penilai(world)
        raise RuntimeError("rollback")
    assert _dinilai_penilai(world) == {world.pegawai.pk, world.rekan.pk}
    _setelah_commit()
    assert _dinilai_penilai(world) == {world.pegawai.pk, world.rekan.pk}


def test_struktur_read_in_another_pemdas_scope_is_not_cached_as_this_pemdas(world):
    with tenant_context(world.bogor.pk):
        asing = Struktur.for_pemda(pemda_id=world.sumedang.pk)
    assert world.penilai.pk not in asing.posisi  # the scope's rows (Bogor's), as before caching
    assert _dinilai_penilai(world) == {world.pegawai.pk, world.rekan.pk}


def test_pengaturan_pemda_is_cached_and_a_saved_change_is_seen_at_once(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with tenant_context(world.sumedang.pk):
        assert pengaturan_pemda(world.sumedang.pk).nama_instansi == "Pemerintah Kabupaten Sumedang"
        with CaptureQueriesContext(connection) as kueri:
            assert pengaturan_pemda(world.sumedang.pk).nama_instansi == "Pemerintah Kabupaten Sumedang"
        assert _bacaan(kueri.captured_queries) == []
        pengaturan_update(
            pengaturan=PengaturanPemda.objects.get(pemda=world.sumedang),
            data={"nama_instansi": "Pemerintah Kabupaten Sumedang (baru)"},
            files=None,
            by=world.users.admin,
        )
        assert pengaturan_pemda(world.sumedang.pk).nama_instansi == "Pemerintah Kabupaten Sumedang (baru)"
        _setelah_commit()
        assert pengaturan_pemda(world.sumedang.pk).nama_instansi == "Pemerintah Kabupaten Sumedang (baru)"
    with tenant_context(world.bogor.pk):
        assert pengaturan_pemda(world.bogor.pk).nama_instansi == "Pemerintah Kabupaten Bogor"


def test_unit_leaders_are_cached_and_a_plt_is_seen_at_once(world):
    from django.utils import timezone

    from kinerja.services.org import delegasi_create

    hari = timezone.localdate()
    with tenant_context(world.sumedang.pk):
        assert (
            Struktur.pimpinan_pemda(pemda_id=world.sumedang.pk, tanggal=hari)[world.seksi.pk][0]
            == world.penilai.pk
        )
        delegasi_create(
            unit=world.seksi,
            pegawai=world.atasan,
            jenis="plt",
            mulai=datetime.date(2020, 1, 1),
            selesai=None,
            by=world.users.admin,
        )
        _setelah_commit()
        assert (
            Struktur.pimpinan_pemda(pemda_id=world.sumedang.pk, tanggal=hari)[world.seksi.pk][0]
            == world.atasan.pk
        )


def test_todays_chain_of_a_pegawai_comes_from_the_cached_struktur_and_follows_a_correction(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kinerja.selectors.penilai import rantai_penilai

    with tenant_context(world.sumedang.pk):
        assert rantai_penilai(world.rekan).penilai.pegawai_id == world.penilai.pk
        with CaptureQueriesContext(connection) as kueri:
            assert rantai_penilai(world.rekan).penilai.pegawai_id == world.penilai.pk
        assert _bacaan(kueri.captured_queries) == []
        koreksi_penilai_create(
            pegawai=world.rekan,
            penilai=world.atasan,
            atasan_penilai=world.kadis,
            mulai=datetime.date(2020, 1, 1),
            selesai=None,
            alasan="Ditugaskan langsung di bawah Kepala Bidang.",
            by=world.users.admin,
        )
        assert rantai_penilai(world.rekan).penilai.pegawai_id == world.atasan.pk
        _setelah_commit()
        assert rantai_penilai(world.rekan).penilai.pegawai_id == world.atasan.pk


def test_many_writes_in_one_transaction_replace_the_version_once_after_commit(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as setelah_commit:
        for _ in range(3):
            PenempatanFactory(pegawai=PegawaiFactory(pemda=world.sumedang), jabatan=world.pelaksana)
    assert len(setelah_commit) == 1


def test_a_write_after_a_rolled_back_savepoint_still_replaces_the_version_after_commit(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as setelah_commit:
        with pytest.raises(RuntimeError), transaction.atomic():
            PenempatanFactory(pegawai=PegawaiFactory(pemda=world.sumedang), jabatan=world.pelaksana)
            raise RuntimeError("rollback")
        PenempatanFactory(pegawai=PegawaiFactory(pemda=world.sumedang), jabatan=world.pelaksana)
    assert len(setelah_commit) == 1
