"""`manage.py sertifikat_pemda [--pemda slug] [--ganti]`: make (or replace) each Pemda's sealing certificate."""

from django.core.management.base import BaseCommand, CommandError

from dokumen import services
from dokumen.models import SertifikatPemda
from kinerja.models import Pemda
from kinerja.scoping import tenant_context


class Command(BaseCommand):
    help = (
        "Membuat sertifikat segel dokumen (swa-tanda-tangan, untuk demo) tiap Pemda yang belum punya, "
        "atau menggantinya dengan --ganti; menampilkan subjek, sidik jari SHA-256 dan masa berlakunya."
    )

    def add_arguments(self, parser):
        parser.add_argument("--pemda", help="Slug Pemda (bawaan: semua Pemda aktif).")
        parser.add_argument(
            "--ganti",
            action="store_true",
            help="Ganti sertifikat yang aktif dengan yang baru. Dokumen lama tetap sah dengan sertifikat lamanya.",
        )
        parser.add_argument(
            "--alasan", default="Penggantian lewat manage.py sertifikat_pemda", help="Alasan (audit)."
        )

    def handle(self, *args, pemda=None, ganti=False, alasan="", **options):
        daftar = Pemda.objects.filter(aktif=True).order_by("slug")
        if pemda:
            daftar = Pemda.objects.filter(slug=pemda)
            if not daftar.exists():
                raise CommandError(f"Pemda '{pemda}' tidak ada.")
        for item in daftar:
            with tenant_context(item.pk):
                if ganti:
                    sertifikat = services.sertifikat_pemda_ganti(pemda_id=item.pk, by=None, alasan=alasan)
                    aksi = "diganti"
                else:
                    ada = SertifikatPemda.objects.filter(pemda_id=item.pk, aktif=True).values_list(
                        "pk", flat=True
                    )
                    ada = ada.first()
                    sertifikat = services.sertifikat_pemda_pastikan(pemda_id=item.pk)
                    aksi = "sudah ada" if sertifikat.pk == ada else "baru"
            self.stdout.write(
                f"{item.slug}: {aksi} · {sertifikat.subjek} · SHA-256 {sertifikat.sidik_jari_sha256} · "
                f"berlaku {sertifikat.berlaku_mulai:%Y-%m-%d} s.d. {sertifikat.berlaku_sampai:%Y-%m-%d}"
            )
