"""Per-Pemda facts that change rarely (name, letterhead), cached."""

from dataclasses import dataclass

from django.core.cache import cache

from kinerja.models import Pemda, PengaturanPemda

_KEY = "kinerja:pemda-info:{pemda_id}"


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
