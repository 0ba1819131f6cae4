"""Cross-Pemda route objects of the tim area: route name -> lambda world: a Sumedang object."""

from django_scopes import scopes_disabled

from tests.factories import SkpFactory


def _skp(world):
    """A set SKP of the Sumedang Pegawai."""
    with scopes_disabled():
        jabatan = world.pegawai.penempatan.first().jabatan
    return SkpFactory(
        pemda=world.sumedang,
        pegawai=world.pegawai,
        jabatan=jabatan,
        penilai=world.penilai,
        status="ditetapkan",
        ditetapkan_sebagai="penilai",
    )


OBJEK = {
    "pelaksanaan_skp": _skp,
    "api:pelaksanaan-progres": _skp,
}
