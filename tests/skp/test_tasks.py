"""A recorded mutation starts the new SKP by itself (issue 3 item 4): after COMMIT of the placement the task
runs (in-process in tests), and nightly for changes that take effect later than they were recorded."""

import pytest
from django_scopes import scopes_disabled

from kinerja.models import JenisJabatan
from kinerja.services import org
from skp.models import Skp, StatusSkp
from skp.tasks import mulai_skp_mutasi, mulai_skp_mutasi_semua

from ..factories import JabatanFactory
from .bantu import D, draft, isi, sampai_ditetapkan

pytestmark = pytest.mark.django_db


@pytest.fixture
def ditetapkan(sumedang):
    skp = draft(sumedang)
    isi(skp, sumedang.users.pegawai)
    return sampai_ditetapkan(sumedang, skp)


def skp_pegawai(world):
    with scopes_disabled():
        return list(Skp.objects.filter(pegawai=world.pegawai).order_by("periode_mulai", "versi"))


def test_recording_a_mutation_starts_the_new_skp_after_commit(
    sumedang, ditetapkan, hari, django_capture_on_commit_callbacks
):
    staf = JabatanFactory(unit=sumedang.bidang, nama="Analis Sistem", jenis=JenisJabatan.FUNGSIONAL)
    hari(D(2026, 4, 1))
    with django_capture_on_commit_callbacks(execute=True):
        org.pegawai_mutasi(
            pegawai=sumedang.pegawai, jabatan=staf, mulai=D(2026, 4, 1), by=sumedang.users.admin
        )
    lama, baru = skp_pegawai(sumedang)
    assert lama.pk == ditetapkan.pk and lama.periode_selesai == D(2026, 3, 31)
    assert (baru.jabatan_id, baru.status, baru.periode_mulai, baru.asal_mutasi_id) == (
        staf.pk,
        StatusSkp.DRAFT,
        D(2026, 4, 1),
        ditetapkan.pk,
    )


def test_a_mutation_taking_effect_later_is_picked_up_by_the_nightly_run(sumedang, ditetapkan, hari):
    staf = JabatanFactory(unit=sumedang.bidang, nama="Analis Sistem", jenis=JenisJabatan.FUNGSIONAL)
    hari(D(2026, 3, 20))
    org.pegawai_mutasi(pegawai=sumedang.pegawai, jabatan=staf, mulai=D(2026, 4, 1), by=sumedang.users.admin)
    assert mulai_skp_mutasi(sumedang.sumedang.pk) == 0  # not in force yet
    assert len(skp_pegawai(sumedang)) == 1
    hari(D(2026, 4, 2))
    assert mulai_skp_mutasi_semua() == {"sumedang": 1, "bogor": 0}
    assert [s.jabatan_id for s in skp_pegawai(sumedang)] == [ditetapkan.jabatan_id, staf.pk]
    assert mulai_skp_mutasi(sumedang.sumedang.pk) == 0  # nothing twice


def test_without_a_change_the_task_starts_nothing(sumedang, ditetapkan):
    assert mulai_skp_mutasi(sumedang.sumedang.pk) == 0
    assert skp_pegawai(sumedang) == [ditetapkan]
