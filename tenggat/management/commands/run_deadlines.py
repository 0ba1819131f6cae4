"""`manage.py run_deadlines [--date YYYY-MM-DD] [--pemda SLUG ...]`: run the deadline watch once, now, for any
day (a replay): reminders in the bell and by email (the console in the demo), escalations recorded."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django_scopes import scopes_disabled

from kinerja.models import Pemda
from skp import waktu
from tenggat.proses import proses_pemda


class Command(BaseCommand):
    help = (
        "Menjalankan pengawasan tenggat sekali untuk tanggal tertentu (bawaan: hari ini): pengingat ke lonceng "
        "pemberitahuan dan surel, eskalasi dicatat. Aman diulang: pengingat yang sama tidak dikirim dua kali."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Tanggal YYYY-MM-DD (bawaan: hari ini).")
        parser.add_argument("--pemda", nargs="+", metavar="SLUG", help="Hanya Pemda ini (slug).")

    def handle(self, *args, date, pemda, **options):
        try:
            tanggal = datetime.date.fromisoformat(date) if date else None
        except ValueError:
            raise CommandError(f"Tanggal '{date}' tidak sah; pakai YYYY-MM-DD.") from None
        with scopes_disabled():
            pemdas = Pemda.objects.filter(aktif=True).order_by("nama")
            if pemda:
                pemdas = pemdas.filter(slug__in=pemda)
            pemdas = list(pemdas)
        if pemda and len(pemdas) != len(set(pemda)):
            raise CommandError(
                "Pemda tidak dikenal: " + ", ".join(sorted(set(pemda) - {p.slug for p in pemdas}))
            )
        for p in pemdas:
            hari = tanggal or waktu.hari_ini(p.pk)
            with waktu.pada(hari):
                hasil = proses_pemda(p.pk, hari)
            self.stdout.write(
                self.style.SUCCESS(
                    f"{p.nama} {hari:%d-%m-%Y}: {hasil.kewajiban} kewajiban terbuka, {hasil.pengingat} pengingat, "
                    f"{hasil.eskalasi} eskalasi."
                )
            )
            for baris in hasil.terkirim:
                self.stdout.write(f"  - {baris}")
