"""Cross-Pemda route objects of the umpan_balik area: route name -> lambda world: a Sumedang object.

Also the helpers the umpan balik tests share: a colleague from another unit (`rekan_lain`), an invitation.
"""

from django_scopes import scopes_disabled

from kinerja.models import JenisJabatan, JenisUnit, User

from ..factories import (
    JabatanFactory,
    SkpFactory,
    UndanganUmpanBalikFactory,
    UnitKerjaFactory,
    pegawai_with_account,
)


def rekan_lain(world):
    """A pelaksana of another seksi of the same bidang, with an account: a colleague from another unit."""
    if not hasattr(world.users, "lain"):
        seksi = UnitKerjaFactory(
            pemda=world.sumedang, parent=world.bidang, jenis=JenisUnit.SEKSI, nama="Seksi Infrastruktur"
        )
        pegawai = pegawai_with_account(
            jabatan=JabatanFactory(unit=seksi, nama="Teknisi Jaringan", jenis=JenisJabatan.PELAKSANA),
            nama="Lina Marlina",
        )
        world.lain = pegawai
        with scopes_disabled():
            world.users.lain = User.objects.get(pegawai=pegawai)
    return world.users.lain


def _skp(world):
    if not hasattr(world, "rute_skp"):
        world.rute_skp = SkpFactory(
            pemda=world.sumedang,
            pegawai=world.pegawai,
            jabatan=world.pelaksana,
            penilai=world.penilai,
            status="ditetapkan",
            ditetapkan_sebagai="penilai",
        )
    return world.rute_skp


def _rhk(world):
    from ..factories import RhkFactory

    return RhkFactory(pemda=world.sumedang, skp=_skp(world))


def _undangan(world):
    return UndanganUmpanBalikFactory(
        pemda=world.sumedang,
        content_object=_skp(world),
        pegawai=world.rekan,
        user=world.users.rekan,
        diundang_oleh=world.users.pegawai,
    )


OBJEK = {
    "umpan_balik_skp": _skp,
    "undangan_skp": _skp,
    "tindak_lanjut_skp": _skp,
    "undangan_cabut": _undangan,
    "ambil_alih_rhk": _rhk,
    "api:undangan-umpan-balik-cabut": _undangan,
}
