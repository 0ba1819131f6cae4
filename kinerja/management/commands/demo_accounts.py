"""`manage.py demo_accounts`: the demo accounts per Pemda, derived from the data (kinerja.services.seed)."""

import json

from django.core.management.base import BaseCommand

from kinerja.services import seed

KOLOM = ("Pemda", "Peran", "Nama", "Username", "Password")


class Command(BaseCommand):
    help = "Menampilkan akun demo tiap Pemda (peran, nama, username, kata sandi) dari data yang ada."

    def add_arguments(self, parser):
        bentuk = parser.add_mutually_exclusive_group()
        bentuk.add_argument(
            "--json",
            action="store_true",
            help=(
                'Keluaran JSON: daftar {"pemda", "pemda_nama", "role", "peran", "nama", "username", '
                '"password"}; role: admin_bkpsdm, kepala_daerah, kepala_pd, atasan_penilai, penilai, pegawai.'
            ),
        )
        bentuk.add_argument("--markdown", action="store_true", help="Keluaran tabel Markdown (untuk README).")

    def handle(self, *args, **options):
        akun = seed.akun_demo()
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    [
                        {
                            "pemda": a.pemda,
                            "pemda_nama": a.pemda_nama,
                            "role": a.role,
                            "peran": a.peran,
                            "nama": a.nama,
                            "username": a.username,
                            "password": a.password,
                        }
                        for a in akun
                    ],
                    indent=2,
                    ensure_ascii=False,
                )
            )
            return
        if not akun:
            self.stderr.write("Belum ada akun demo. Jalankan dulu: manage.py seed_demo")
            return
        rows = [(a.pemda_nama, a.peran, a.nama, a.username, a.password) for a in akun]
        if options["markdown"]:
            self.stdout.write("| " + " | ".join(KOLOM) + " |")
            self.stdout.write("|" + "|".join("---" for _ in KOLOM) + "|")
            for row in rows:
                self.stdout.write("| " + " | ".join(row) + " |")
            return
        lebar = [max(len(str(r[i])) for r in [KOLOM, *rows]) for i in range(len(KOLOM))]
        garis = "  ".join("-" * w for w in lebar)
        self.stdout.write("  ".join(k.ljust(w) for k, w in zip(KOLOM, lebar, strict=True)).rstrip())
        self.stdout.write(garis)
        for row in rows:
            self.stdout.write("  ".join(str(v).ljust(w) for v, w in zip(row, lebar, strict=True)).rstrip())
