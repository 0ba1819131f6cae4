"""Perilaku kerja: the seven core values of ASN (BerAKHLAK), each with its three fixed lines.

The lines are the same in every Pemda, so they are a constant, not a setting:
- Sumedang 103/2023 Pasal 10(3), Bogor 17/2023 Pasal 9(3) and Sarolangun 18/2025 Pasal 8(3) list the same
  7 values x 3 lines (PermenPANRB 6/2022 Pasal 10(3)); the differences are editorial only (Sarolangun
  "kualitas yang terbaik", "rahasia jabatan dan rahasia negara", "memberikan kesempatan"; Sumedang Pasal
  10(3)(b)(1) drops a comma).
- Indragiri Hulu 44/2025 lists no lines; it names "Nilai Dasar ASN BerAKHLAK" as the standard of perilaku kerja
  (Pasal 1 angka 17), so PermenPANRB's lines apply there too.
The wording below is Bogor's, which matches PermenPANRB 6/2022. Where the Sumedang formats (A.1.1, A.1.6)
truncate a line ("Membangun lingkungan kerja", "Memberikan kepada berbagai pihak ..."), the Pasal wins.

The leader may add an ekspektasi khusus per value (Pasal 10(4) Sumedang): skp.models.EkspektasiKhusus.
"""

from django.db import models


class PerilakuKerja(models.TextChoices):
    BERORIENTASI_PELAYANAN = "berorientasi_pelayanan", "Berorientasi Pelayanan"
    AKUNTABEL = "akuntabel", "Akuntabel"
    KOMPETEN = "kompeten", "Kompeten"
    HARMONIS = "harmonis", "Harmonis"
    LOYAL = "loyal", "Loyal"
    ADAPTIF = "adaptif", "Adaptif"
    KOLABORATIF = "kolaboratif", "Kolaboratif"


PERILAKU_KERJA: dict[str, tuple[str, str, str]] = {
    PerilakuKerja.BERORIENTASI_PELAYANAN: (
        "Memahami dan memenuhi kebutuhan masyarakat",
        "Ramah, cekatan, solutif, dan dapat diandalkan",
        "Melakukan perbaikan tiada henti",
    ),
    PerilakuKerja.AKUNTABEL: (
        "Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin, dan berintegritas tinggi",
        "Menggunakan kekayaan dan barang milik negara secara bertanggung jawab, efektif, dan efisien",
        "Tidak menyalahgunakan kewenangan jabatan",
    ),
    PerilakuKerja.KOMPETEN: (
        "Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah",
        "Membantu orang lain belajar",
        "Melaksanakan tugas dengan kualitas terbaik",
    ),
    PerilakuKerja.HARMONIS: (
        "Menghargai setiap orang apapun latar belakangnya",
        "Suka menolong orang lain",
        "Membangun lingkungan kerja yang kondusif",
    ),
    PerilakuKerja.LOYAL: (
        "Memegang teguh ideologi Pancasila, Undang-Undang Dasar Negara Republik Indonesia Tahun 1945, "
        "setia kepada Negara Kesatuan Republik Indonesia serta pemerintahan yang sah",
        "Menjaga nama baik sesama Aparatur Sipil Negara, Pimpinan, Instansi, dan Negara",
        "Menjaga rahasia jabatan dan negara",
    ),
    PerilakuKerja.ADAPTIF: (
        "Cepat menyesuaikan diri menghadapi perubahan",
        "Terus berinovasi dan mengembangkan kreativitas",
        "Bertindak proaktif",
    ),
    PerilakuKerja.KOLABORATIF: (
        "Memberi kesempatan kepada berbagai pihak untuk berkontribusi",
        "Terbuka dalam bekerja sama untuk menghasilkan nilai tambah",
        "Menggerakkan pemanfaatan berbagai sumber daya untuk tujuan bersama",
    ),
}
