"""Helpers of the SKP tests: the world's Pegawai drafting, submitting and signing, as requests would."""

import datetime

from django_scopes import scopes_disabled

from skp import services
from skp.models import AspekIki, JenisRhk, Perspektif

from ..conftest import PASSWORD

D = datetime.date
__all__ = ["D", "PASSWORD", "ajukan", "draft", "fresh", "isi", "sampai_ditetapkan", "setujui"]


def fresh(obj):
    with scopes_disabled():
        return type(obj)._base_manager.get(pk=obj.pk)


def draft(world, siapa="pegawai", *, tahun=2026, pendekatan="kuantitatif"):
    return services.skp_buat(
        pegawai=getattr(world, siapa), tahun=tahun, pendekatan=pendekatan, by=getattr(world.users, siapa)
    )


def isi(skp, user, *, rhk=1, iki=1, jpt=False, kualitatif=False, jenis=JenisRhk.UTAMA, intervensi=None):
    """Add `rhk` complete RHK with `iki` IKI each; returns the RHK."""
    hasil = []
    for n in range(rhk):
        r = services.rhk_tambah(
            skp=skp, jenis=jenis, teks=f"Aplikasi layanan {n + 1} terbangun", by=user, intervensi=intervensi
        )
        for m in range(iki):
            services.iki_tambah(
                rhk=r,
                teks=f"Modul {n + 1}.{m + 1} berjalan",
                by=user,
                aspek=AspekIki.KUANTITAS,
                perspektif=Perspektif.PROSES_BISNIS if jpt else "",
                target_angka=None if kualitatif else 4,
                target_satuan="" if kualitatif else "modul",
                target_teks="Modul berjalan tanpa keluhan" if kualitatif else "",
            )
        hasil.append(r)
    return hasil


def ajukan(world, skp, siapa="pegawai", **kwargs):
    user = getattr(world.users, siapa)
    isi(skp, user, **kwargs)
    return services.skp_ajukan(skp=skp, by=user)


def setujui(world, skp, siapa="pegawai", penilai=None, **kwargs):
    skp = ajukan(world, skp, siapa, **kwargs)
    return services.skp_setujui(skp=skp, by=penilai or world.users.penilai)


def sampai_ditetapkan(world, skp, siapa="pegawai", penilai=None, **kwargs):
    penilai = penilai or world.users.penilai
    skp = setujui(world, skp, siapa, penilai, **kwargs)
    skp = services.skp_tanda_tangan_pegawai(skp=skp, by=getattr(world.users, siapa), password=PASSWORD)
    return services.skp_tetapkan(skp=skp, by=penilai, password=PASSWORD)
