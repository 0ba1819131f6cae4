"""`manage.py seed_demo_pelaksanaan`: set SKPs with realisasi, feedback and a coaching for the demo chain of each
Pemda (umpanbalik.demo), after `seed_demo`."""

import logging

from django.core.management.base import BaseCommand

from umpanbalik import demo


class Command(BaseCommand):
    help = (
        "Mengisi data demo pelaksanaan untuk rantai akun demo tiap Pemda (jalankan setelah seed_demo): SKP "
        "tahun berjalan yang sudah ditetapkan bagi Pegawai demo dan sampai 5 rekan satu seksinya, realisasi "
        "setiap periode yang sudah berakhir beserta bukti dukung, catatan harian, umpan balik Penilai dan rekan, "
        "tanggapan pembinaan, dan satu coaching. Aman dijalankan berulang: Pegawai yang sudah punya SKP tahun "
        "ini dilewati."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--pemda", nargs="+", metavar="SLUG", help="Hanya Pemda ini (slug; bawaan: semua Pemda)."
        )

    def handle(self, *args, pemda, **options):
        # Signing renders the SKP documents; WeasyPrint warns about its font subsetting on every one of them.
        weasyprint = logging.getLogger("weasyprint")
        level = weasyprint.level
        weasyprint.setLevel(logging.ERROR)
        try:
            hasil = demo.seed_pelaksanaan(slugs=pemda, log=self._lapor)
        finally:
            weasyprint.setLevel(level)
        if pemda:
            dikenal = {h.slug for h in hasil}
            for slug in pemda:
                if slug not in dikenal:
                    self.stderr.write(f"Pemda '{slug}' tidak ada; jalankan dulu: manage.py seed_demo")

    def _lapor(self, hasil: demo.HasilPemda):
        if hasil.dilewati:
            self.stdout.write(f"{hasil.nama}: dilewati, {hasil.dilewati}.")
            return
        dibuat = ", ".join(
            f"{hasil.hitung[k]} {label}" for k, label in demo.JENIS_HITUNGAN.items() if hasil.hitung[k]
        )
        if dibuat:
            self.stdout.write(
                self.style.SUCCESS(f"{hasil.nama}: {dibuat} dibuat dalam {hasil.detik:.1f} detik.")
            )
        else:
            self.stdout.write(f"{hasil.nama}: tidak ada yang baru.")
        for baris in hasil.pesan:
            self.stdout.write(f"  - {baris}")
