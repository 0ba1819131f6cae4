"""Per-Pemda facts that change rarely (name, letterhead), cached."""

from dataclasses import dataclass

from django.core.cache import cache
from django_scopes import get_scope

from kinerja import cache_pemda
from kinerja.models import Pemda, PengaturanPemda

_KEY = "kinerja:pemda-info:{pemda_id}"
_TIDAK_ADA = "-"  # a Pemda without settings (cached too: None is what the cache returns for a miss)


@dataclass(frozen=True)
class PemdaInfo:
    id: int
    slug: str
    nama: str
    nama_instansi: str
    punya_logo: bool
    logo_versi: str


def pemda_info(pemda_id: int) -> PemdaInfo:
    key = _KEY.format(pemda_id=pemda_id)
    info = cache.get(key)
    if info is None:
        pemda = Pemda.objects.get(pk=pemda_id)
        pengaturan = PengaturanPemda.objects.filter(pemda_id=pemda_id).only("nama_instansi", "logo").first()
        info = PemdaInfo(
            id=pemda.pk,
            slug=pemda.slug,
            nama=pemda.nama,
            nama_instansi=pengaturan.nama_instansi if pengaturan else f"Pemerintah {pemda.nama}",
            punya_logo=bool(pengaturan and pengaturan.logo),
            logo_versi=(pengaturan.logo.name.rsplit("/", 1)[-1] if pengaturan and pengaturan.logo else ""),
        )
        cache.set(key, info, 60 * 60)
    return info


def forget_pemda_info(pemda_id: int):
    cache.delete(_KEY.format(pemda_id=pemda_id))


def pengaturan_pemda(pemda_id: int) -> PengaturanPemda | None:
    """The Pemda's regulation settings for reading (pages), cached until they are saved (kinerja.cache_pemda).
    Each call returns its own copy. Services that change or lock them read the row themselves."""
    scope = get_scope()
    if not scope.get("_enabled", True) or scope.get("pemda") != pemda_id:
        return PengaturanPemda.objects.filter(pemda_id=pemda_id).first()
    pengaturan = cache_pemda.ambil(
        cache_pemda.PENGATURAN,
        pemda_id,
        "baris",
        lambda: PengaturanPemda.objects.filter(pemda_id=pemda_id).first() or _TIDAK_ADA,
    )
    return None if pengaturan == _TIDAK_ADA else pengaturan
