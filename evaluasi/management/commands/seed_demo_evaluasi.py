"""`manage.py seed_demo_evaluasi`: evaluation periods, capaian, ratings and signed D.1.1 for the demo chain of
each Pemda (evaluasi.demo), after `seed_demo_pelaksanaan`."""

import logging

from django.core.management.base import BaseCommand

from evaluasi import demo


class Command(BaseCommand):
    help = (
        "Mengisi data demo evaluasi untuk rantai akun demo tiap Pemda (jalankan setelah seed_demo_pelaksanaan): "
        "dua periode evaluasi periodik terakhir yang sudah berakhir dibuka, capaian organisasi ditetapkan, dan "
        "Pegawai dinilai serta dokumen evaluasinya ditandatangani. Aman dijalankan berulang."
    )

    def add_arguments(self, parser):
        parser.add_argument("--pemda", nargs="+", metavar="SLUG", help="Hanya Pemda ini (slug).")

    def handle(self, *args, pemda, **options):
        weasyprint = logging.getLogger("weasyprint")
        level = weasyprint.level
        weasyprint.setLevel(logging.ERROR)
        try:
            demo.seed_evaluasi(slugs=pemda, report=self._lapor)
        finally:
            weasyprint.setLevel(level)

    def _lapor(self, hasil: demo.HasilPemda):
        self.stdout.write(self.style.SUCCESS(f"{hasil.nama} ({hasil.detik:.1f} detik):"))
        for baris in hasil.pesan:
            self.stdout.write(f"  - {baris}")
