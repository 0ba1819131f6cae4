"""`manage.py seed_demo`: the demo Pemda from their regulation fixtures, with org tree, Pegawai and accounts."""

from django.core.management.base import BaseCommand, CommandError

from kinerja.services import seed


class Command(BaseCommand):
    help = (
        "Membuat Pemda demo dari fixtures/pemda/*.json (pengaturan sesuai Perbup-nya), lengkap dengan logo, "
        f"struktur organisasi, Pegawai, dan akun (kata sandi demo: {seed.DEMO_PASSWORD}). Aman dijalankan "
        "berulang: Pemda yang sudah berisi data dilewati. --reset MENGHAPUS seluruh data dan akun Pemda itu "
        "lebih dulu (hanya untuk data demo)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--pegawai",
            type=int,
            default=300,
            metavar="N",
            help=f"Jumlah Pegawai per Pemda (bawaan 300, paling sedikit {seed.MIN_PEGAWAI}).",
        )
        parser.add_argument(
            "--pemda",
            nargs="+",
            metavar="SLUG",
            choices=seed.fixture_slugs(),
            help="Hanya Pemda ini (bawaan: semua): " + ", ".join(seed.fixture_slugs()) + ".",
        )
        parser.add_argument(
            "--reset", action="store_true", help="Hapus data demo Pemda yang dipilih, lalu buat ulang."
        )

    def handle(self, *args, pegawai, pemda, reset, **options):
        try:
            seed.seed_demo(slugs=pemda, n_pegawai=pegawai, reset=reset, log=self._lapor)
        except ValueError as exc:  # FixtureError included
            raise CommandError(str(exc)) from exc
        self.stdout.write("Daftar akun demo: manage.py demo_accounts")

    def _lapor(self, hasil: seed.SeedHasil):
        if hasil.dibuat:
            self.stdout.write(
                self.style.SUCCESS(
                    f"{hasil.nama}: {hasil.pegawai} Pegawai, {hasil.unit} unit kerja, "
                    f"{hasil.jabatan} jabatan dibuat dalam {hasil.detik:.1f} detik."
                )
            )
        else:
            self.stdout.write(
                f"{hasil.nama}: sudah berisi data ({hasil.pegawai} Pegawai, {hasil.unit} unit kerja); "
                "dilewati. Pakai --reset untuk membuat ulang."
            )
