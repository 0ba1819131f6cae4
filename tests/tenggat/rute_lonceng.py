"""Cross-Pemda route objects of the lonceng area: route name -> lambda world: a Sumedang object."""

from django_scopes import scopes_disabled


def _pemberitahuan(world):
    """An unread notice to Siti Aminah (Sumedang)."""
    from skp.models import Pemberitahuan

    with scopes_disabled():
        return Pemberitahuan.objects.create(
            pemda=world.sumedang,
            penerima=world.pegawai,
            jenis="tenggat",
            pesan="SKP 2027 Siti Aminah belum ditetapkan.",
            tautan="/skp/",
        )


OBJEK = {"lonceng_baca": _pemberitahuan}
