import datetime

import pytest
from django_scopes import scope

from kinerja.models import JenisDelegasi
from kinerja.selectors.penilai import Dasar, Struktur, rantai_penilai
from kinerja.services.org import delegasi_create, koreksi_penilai_create, penempatan_akhiri

pytestmark = pytest.mark.django_db


def test_pegawai_is_evaluated_by_the_head_of_her_unit_and_his_head(world):
    with scope(pemda=world.sumedang.pk):
        rantai = rantai_penilai(world.pegawai)
    assert rantai.penilai.pegawai_id == world.penilai.pk
    assert rantai.penilai.dasar == Dasar.STRUKTUR
    assert rantai.atasan_penilai.pegawai_id == world.atasan.pk


def test_head_of_unit_is_evaluated_by_the_head_of_the_unit_above(world):
    with scope(pemda=world.sumedang.pk):
        rantai = rantai_penilai(world.penilai)
    assert rantai.penilai.pegawai_id == world.atasan.pk
    # The Kepala Dinas is JPT: the Kepala Daerah evaluates him, so he is the top of the chain.
    assert rantai.atasan_penilai.pegawai_id == world.kadis.pk


def test_jpt_is_evaluated_by_the_kepala_daerah(world):
    with scope(pemda=world.sumedang.pk):
        rantai = rantai_penilai(world.kadis)
    assert rantai.penilai.is_kepala_daerah
    assert rantai.atasan_penilai is None


def test_vacant_head_passes_evaluation_up_the_tree(world):
    with scope(pemda=world.sumedang.pk):
        penempatan_akhiri(pegawai=world.penilai, selesai=datetime.date(2024, 1, 1), by=None)
        rantai = rantai_penilai(world.pegawai)
    assert rantai.penilai.pegawai_id == world.atasan.pk
    assert rantai.penilai.dasar == Dasar.BERJENJANG


def test_plt_delegation_overrides_the_derived_penilai_only_while_in_force(world):
    with scope(pemda=world.sumedang.pk):
        delegasi_create(
            unit=world.seksi,
            pegawai=world.rekan,
            jenis=JenisDelegasi.PLT,
            mulai=datetime.date(2026, 3, 1),
            selesai=datetime.date(2026, 5, 31),
            by=world.users.admin,
        )
        during = rantai_penilai(world.pegawai, datetime.date(2026, 4, 15))
        after = rantai_penilai(world.pegawai, datetime.date(2026, 6, 1))
        for_rekan = rantai_penilai(world.rekan, datetime.date(2026, 4, 15))
    assert during.penilai.pegawai_id == world.rekan.pk
    assert during.penilai.dasar == Dasar.PLT
    assert after.penilai.pegawai_id == world.penilai.pk
    # The Plt. does not evaluate herself: her own Penilai stays the definitive head above.
    assert for_rekan.penilai.pegawai_id != world.rekan.pk


def test_bkpsdm_correction_wins_over_the_tree(world):
    with scope(pemda=world.sumedang.pk):
        koreksi_penilai_create(
            pegawai=world.pegawai,
            penilai=world.atasan,
            atasan_penilai=world.kadis,
            mulai=datetime.date(2026, 1, 1),
            selesai=None,
            alasan="Ditugaskan langsung oleh Kepala Bidang",
            by=world.users.admin,
        )
        rantai = rantai_penilai(world.pegawai, datetime.date(2026, 2, 1))
    assert rantai.penilai.pegawai_id == world.atasan.pk
    assert rantai.penilai.dasar == Dasar.KOREKSI
    assert rantai.atasan_penilai.pegawai_id == world.kadis.pk


def test_whole_pemda_snapshot_agrees_with_the_single_lookup(world):
    with scope(pemda=world.sumedang.pk):
        struktur = Struktur.for_pemda(pemda_id=world.sumedang.pk)
        for p in (world.pegawai, world.rekan, world.penilai, world.atasan, world.kadis):
            single = rantai_penilai(p)
            bulk = struktur.rantai(p.pk)
            assert (single.penilai, single.atasan_penilai) == (bulk.penilai, bulk.atasan_penilai)
        assert sorted(struktur.dinilai_oleh(world.penilai.pk)) == sorted([world.pegawai.pk, world.rekan.pk])
