"""Cross-Pemda route objects of the pembinaan area: route name -> lambda world: a Sumedang object.

`skp_ditetapkan(world)` is also the pembinaan tests' SKP: the Pegawai's SKP 2026 set by her Penilai, built
with factories (2 RHK x 2 IKI, no signed documents), because the tests need a set SKP, not the signing."""

import datetime

from tests.factories import (
    BimbinganFactory,
    IkiFactory,
    KonselingFactory,
    LaporanPerilakuFactory,
    RhkFactory,
    SkpFactory,
)


def skp_ditetapkan(world, *, pegawai=None):
    pegawai = pegawai or world.pegawai
    skp = SkpFactory(
        pemda=world.sumedang,
        pegawai=pegawai,
        penilai=world.penilai,
        atasan_penilai=world.atasan,
        status="ditetapkan",
        ditetapkan_sebagai="penilai",
        ditetapkan_pada=datetime.datetime(2026, 1, 20, 9, 0, tzinfo=datetime.UTC),
    )
    for n in range(2):
        rhk = RhkFactory(pemda=world.sumedang, skp=skp, teks=f"Aplikasi layanan {n + 1} terbangun", urutan=n)
        for m in range(2):
            IkiFactory(pemda=world.sumedang, rhk=rhk, teks=f"Modul {n + 1}.{m + 1} berjalan", urutan=m)
    return skp


def _skp(world):
    if not hasattr(world, "pembinaan_skp"):
        world.pembinaan_skp = SkpFactory(pemda=world.sumedang, pegawai=world.pegawai, penilai=world.penilai)
    return world.pembinaan_skp


def _bimbingan(world):
    return BimbinganFactory(
        pemda=world.sumedang, skp=_skp(world), jenis="mentoring", pembina=world.users.penilai
    )


def _laporan(world):
    return LaporanPerilakuFactory(pemda=world.sumedang, skp=_skp(world), pelapor=world.users.penilai)


def _konseling(world):
    return KonselingFactory(
        pemda=world.sumedang, skp=_skp(world), konselor=world.users.admin, dibuat_oleh=world.users.admin
    )


OBJEK = {
    **{
        name: _skp
        for name in (
            "pembinaan_skp",
            "pembinaan_bimbingan_buat",
            "pembinaan_laporan_buat",
            "pembinaan_konseling_buat",
        )
    },
    **{
        name: _bimbingan
        for name in (
            "bimbingan_detail",
            "bimbingan_isi",
            "bimbingan_jurnal",
            "bimbingan_umpan_balik",
            "bimbingan_evaluasi",
            "api:bimbingan-detail",
            "api:bimbingan-isi",
            "api:bimbingan-jurnal",
            "api:bimbingan-umpan-balik-pegawai",
            "api:bimbingan-evaluasi-kompetensi",
        )
    },
    "laporan_perilaku_detail": _laporan,
    "api:laporan-perilaku-detail": _laporan,
    **{
        name: _konseling
        for name in ("konseling_detail", "konseling_isi", "api:konseling-detail", "api:konseling-isi")
    },
}
