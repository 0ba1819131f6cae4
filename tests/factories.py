"""factory_boy factories. They create rows with scopes disabled: tests set up several Pemda at once."""

import datetime
import itertools

import factory
from django_scopes import scopes_disabled

from kinerja.models import (
    Golongan,
    Jabatan,
    JenisJabatan,
    JenisUnit,
    Pegawai,
    Pemda,
    Penempatan,
    PengaturanPemda,
    SiklusEvaluasi,
    UnitKerja,
    User,
)

_seq = itertools.count(1)


def make_nip(
    lahir: datetime.date = datetime.date(1985, 5, 17),
    tmt: tuple[int, int] = (2010, 3),
    gender: int = 2,
    urut=None,
) -> str:
    urut = next(_seq) % 999 + 1 if urut is None else urut
    return f"{lahir:%Y%m%d}{tmt[0]:04d}{tmt[1]:02d}{gender}{urut:03d}"


class ScopesDisabledFactory(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with scopes_disabled():
            return super()._create(model_class, *args, **kwargs)


class PemdaFactory(ScopesDisabledFactory):
    class Meta:
        model = Pemda
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"pemda-{n}")
    nama = factory.LazyAttribute(lambda o: f"Kabupaten {o.slug.title()}")


class PengaturanFactory(ScopesDisabledFactory):
    class Meta:
        model = PengaturanPemda

    pemda = factory.SubFactory(PemdaFactory)
    nama_instansi = factory.LazyAttribute(lambda o: f"Pemerintah {o.pemda.nama}")
    nama_peraturan = "Peraturan Bupati Contoh Nomor 1 Tahun 2024"
    tempat_penandatanganan = "Contoh"
    siklus_evaluasi_periodik = SiklusEvaluasi.BULANAN
    periode_dokumentasi = ["bulanan", "tahunan"]
    pendekatan_hasil_kerja = ["kualitatif", "kuantitatif"]


class UnitKerjaFactory(ScopesDisabledFactory):
    class Meta:
        model = UnitKerja
        skip_postgeneration_save = True

    pemda = factory.SubFactory(PemdaFactory)
    kode = factory.Sequence(lambda n: f"U{n:05d}")
    nama = factory.Sequence(lambda n: f"Unit {n}")
    jenis = JenisUnit.PERANGKAT_DAERAH
    parent = None
    path = "/"

    @factory.post_generation
    def set_path(obj, create, extracted, **kwargs):
        obj.path = f"{obj.parent.path}{obj.pk}/" if obj.parent_id else f"/{obj.pk}/"
        obj.depth = obj.parent.depth + 1 if obj.parent_id else 0
        if create:
            with scopes_disabled():
                obj.save(update_fields=["path", "depth"])


class JabatanFactory(ScopesDisabledFactory):
    class Meta:
        model = Jabatan

    unit = factory.SubFactory(UnitKerjaFactory)
    pemda = factory.LazyAttribute(lambda o: o.unit.pemda)
    nama = factory.Sequence(lambda n: f"Jabatan {n}")
    jenis = JenisJabatan.PELAKSANA
    memimpin_unit = False


class PegawaiFactory(ScopesDisabledFactory):
    class Meta:
        model = Pegawai

    pemda = factory.SubFactory(PemdaFactory)
    nip = factory.LazyFunction(make_nip)
    nama = factory.Faker("name", locale="id_ID")
    jenis_asn = "PNS"
    golongan = factory.LazyFunction(lambda: Golongan.objects.get(jenis_asn="PNS", kode="III/a"))


class PenempatanFactory(ScopesDisabledFactory):
    class Meta:
        model = Penempatan

    pegawai = factory.SubFactory(PegawaiFactory)
    jabatan = factory.SubFactory(JabatanFactory)
    pemda = factory.LazyAttribute(lambda o: o.pegawai.pemda)
    mulai = datetime.date(2020, 1, 1)
    selesai = None


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("rahasia-123")
    pemda = factory.SubFactory(PemdaFactory)


def pegawai_with_account(*, jabatan: Jabatan, **kwargs) -> Pegawai:
    """A Pegawai placed in `jabatan`, with a login (username = NIP, password 'rahasia-123')."""
    pegawai = PegawaiFactory(pemda=jabatan.pemda, **kwargs)
    PenempatanFactory(pegawai=pegawai, jabatan=jabatan)
    UserFactory(username=pegawai.nip, pemda=jabatan.pemda, pegawai=pegawai, email=pegawai.email)
    return pegawai


# SKP (skp/models.py) ------------------------------------------------------------------------------------
# Every factory accepts pemda= and keeps its sub-objects in that Pemda (tests/test_tenancy.py builds rows
# of every tenant model with them).
from skp.models import (  # noqa: E402
    BagianLampiran,
    CatatanSkp,
    EkspektasiKhusus,
    Iki,
    JenisRhk,
    JenisSkp,
    JenisTeks,
    KegiatanTimeline,
    LampiranSkp,
    ManualIndikator,
    Pemberitahuan,
    PeriodePelaporan,
    RencanaAksi,
    Rhk,
    Skp,
    TeksTersimpan,
    Timeline,
    TingkatKendali,
)
from skp.perilaku import PerilakuKerja  # noqa: E402

_SAME_PEMDA = factory.SelfAttribute("..pemda")


class SkpFactory(ScopesDisabledFactory):
    class Meta:
        model = Skp

    pemda = factory.SubFactory(PemdaFactory)
    pegawai = factory.SubFactory(PegawaiFactory, pemda=_SAME_PEMDA)
    jabatan = factory.SubFactory(
        JabatanFactory, unit=factory.SubFactory(UnitKerjaFactory, pemda=factory.SelfAttribute("...pemda"))
    )
    unit = factory.LazyAttribute(lambda o: o.jabatan.unit)
    penilai = factory.SubFactory(PegawaiFactory, pemda=_SAME_PEMDA)
    tahun = 2026
    jenis = JenisSkp.ADMINISTRASI
    pendekatan = "kuantitatif"
    periode_mulai = datetime.date(2026, 1, 1)
    periode_selesai = datetime.date(2026, 12, 31)


class RhkFactory(ScopesDisabledFactory):
    class Meta:
        model = Rhk

    pemda = factory.SubFactory(PemdaFactory)
    skp = factory.SubFactory(SkpFactory, pemda=_SAME_PEMDA)
    jenis = JenisRhk.UTAMA
    teks = factory.Sequence(lambda n: f"Rencana hasil kerja {n}")


class IkiFactory(ScopesDisabledFactory):
    class Meta:
        model = Iki

    pemda = factory.SubFactory(PemdaFactory)
    rhk = factory.SubFactory(RhkFactory, pemda=_SAME_PEMDA)
    teks = factory.Sequence(lambda n: f"Indikator {n}")
    aspek = "kuantitas"
    target_angka = 12
    target_satuan = "dokumen"


class ManualIndikatorFactory(ScopesDisabledFactory):
    class Meta:
        model = ManualIndikator

    pemda = factory.SubFactory(PemdaFactory)
    iki = factory.SubFactory(IkiFactory, pemda=_SAME_PEMDA)
    tujuan = "Mengukur ketepatan layanan"
    definisi = "Persentase layanan yang selesai tepat waktu"
    tingkat_kendali = TingkatKendali.OUTCOME_ANTARA
    sumber_data = "Aplikasi layanan"
    periode_pelaporan = PeriodePelaporan.TRIWULANAN


class EkspektasiKhususFactory(ScopesDisabledFactory):
    class Meta:
        model = EkspektasiKhusus

    pemda = factory.SubFactory(PemdaFactory)
    skp = factory.SubFactory(SkpFactory, pemda=_SAME_PEMDA)
    perilaku = PerilakuKerja.KOLABORATIF
    teks = "Aktif berbagi pengetahuan dengan rekan seksi"


class LampiranSkpFactory(ScopesDisabledFactory):
    class Meta:
        model = LampiranSkp

    pemda = factory.SubFactory(PemdaFactory)
    skp = factory.SubFactory(SkpFactory, pemda=_SAME_PEMDA)
    bagian = BagianLampiran.DUKUNGAN_SUMBER_DAYA
    teks = "Laptop dan akses server pengembangan"


class CatatanSkpFactory(ScopesDisabledFactory):
    class Meta:
        model = CatatanSkp

    pemda = factory.SubFactory(PemdaFactory)
    skp = factory.SubFactory(SkpFactory, pemda=_SAME_PEMDA)
    rhk = factory.SubFactory(RhkFactory, pemda=_SAME_PEMDA, skp=factory.SelfAttribute("..skp"))
    teks = "Target terlalu rendah"


class TeksTersimpanFactory(ScopesDisabledFactory):
    class Meta:
        model = TeksTersimpan

    pemda = factory.SubFactory(PemdaFactory)
    pemilik = factory.SubFactory(UserFactory, pemda=_SAME_PEMDA)
    jenis = JenisTeks.KONSEKUENSI_POSITIF
    judul = factory.Sequence(lambda n: f"Teks {n}")
    teks = "Diprioritaskan untuk pengembangan kompetensi"


class TimelineFactory(ScopesDisabledFactory):
    class Meta:
        model = Timeline

    pemda = factory.SubFactory(PemdaFactory)
    skp = factory.SubFactory(SkpFactory, pemda=_SAME_PEMDA)


class KegiatanTimelineFactory(ScopesDisabledFactory):
    class Meta:
        model = KegiatanTimeline

    pemda = factory.SubFactory(PemdaFactory)
    timeline = factory.SubFactory(TimelineFactory, pemda=_SAME_PEMDA)
    rhk = factory.SubFactory(RhkFactory, pemda=_SAME_PEMDA, skp=factory.SelfAttribute("..timeline.skp"))
    kegiatan = "Analisis kebutuhan aplikasi"
    durasi = 10
    bulan = [1, 2]
    tipe_aktivitas = "Analisis"
    pola_penugasan = "Mandiri"


class RencanaAksiFactory(ScopesDisabledFactory):
    class Meta:
        model = RencanaAksi

    pemda = factory.SubFactory(PemdaFactory)
    rhk = factory.SubFactory(RhkFactory, pemda=_SAME_PEMDA)
    teks = "Menyusun kerangka acuan kerja"


class PemberitahuanFactory(ScopesDisabledFactory):
    class Meta:
        model = Pemberitahuan

    pemda = factory.SubFactory(PemdaFactory)
    penerima = factory.SubFactory(PegawaiFactory, pemda=_SAME_PEMDA)
    jenis = "rhk_pimpinan_berubah"
    pesan = "RHK pimpinan berubah"
    skp = factory.SubFactory(SkpFactory, pemda=_SAME_PEMDA, pegawai=factory.SelfAttribute("..penerima"))
    rhk = factory.SubFactory(RhkFactory, pemda=_SAME_PEMDA, skp=factory.SelfAttribute("..skp"))


# Pelaksanaan dan umpan balik (issue 4)
from django.contrib.auth.models import Permission  # noqa: E402
from django.utils import timezone  # noqa: E402

from umpanbalik.models import (  # noqa: E402
    AksesKonseling,
    AmbilAlih,
    Bimbingan,
    BuktiDukung,
    CatatanHarian,
    EvaluasiKompetensi,
    JurnalMentoring,
    Konseling,
    LaporanPerilaku,
    Realisasi,
    RekamanUmpanBalik,
    TanggapanProgres,
    UmpanBalik,
    UmpanBalikBimbingan,
    UndanganUmpanBalik,
)

_USER_SAME_PEMDA = factory.SubFactory(UserFactory, pemda=_SAME_PEMDA)


class CatatanHarianFactory(ScopesDisabledFactory):
    class Meta:
        model = CatatanHarian

    pemda = factory.SubFactory(PemdaFactory)
    skp = factory.SubFactory(SkpFactory, pemda=_SAME_PEMDA)
    pegawai = factory.SelfAttribute("skp.pegawai")
    tanggal = datetime.date(2026, 2, 3)
    uraian = "Menyusun draf laporan bulanan"


class RealisasiFactory(ScopesDisabledFactory):
    class Meta:
        model = Realisasi

    pemda = factory.SubFactory(PemdaFactory)
    iki = factory.SubFactory(IkiFactory, pemda=_SAME_PEMDA)
    skp = factory.SelfAttribute("iki.rhk.skp")
    jenis_periode = "bulanan"
    nomor_periode = 1
    nilai = 1
    teks = "Satu dokumen selesai"
    dibuat_oleh = _USER_SAME_PEMDA


class BuktiDukungFactory(ScopesDisabledFactory):
    class Meta:
        model = BuktiDukung

    pemda = factory.SubFactory(PemdaFactory)
    realisasi = factory.SubFactory(RealisasiFactory, pemda=_SAME_PEMDA)
    tautan = "https://contoh.go.id/bukti"
    dibuat_oleh = _USER_SAME_PEMDA
    dibuat_pada = factory.LazyFunction(timezone.now)


class UmpanBalikFactory(ScopesDisabledFactory):
    class Meta:
        model = UmpanBalik

    pemda = factory.SubFactory(PemdaFactory)
    skp = factory.SubFactory(SkpFactory, pemda=_SAME_PEMDA)
    pemberi = _USER_SAME_PEMDA
    peran = "pimpinan"
    jenis = "berkala"
    jenis_periode = "bulanan"
    nomor_periode = 1
    teks = "Pertahankan ritme kerja."
    tanggal = datetime.date(2026, 1, 30)


class UndanganUmpanBalikFactory(ScopesDisabledFactory):
    class Meta:
        model = UndanganUmpanBalik

    pemda = factory.SubFactory(PemdaFactory)
    content_object = factory.SubFactory(SkpFactory, pemda=_SAME_PEMDA)
    pegawai = factory.SubFactory(PegawaiFactory, pemda=_SAME_PEMDA)
    user = factory.LazyAttribute(
        lambda o: UserFactory(username=o.pegawai.nip, pemda=o.pemda, pegawai=o.pegawai)
    )
    permission = factory.LazyFunction(
        lambda: Permission.objects.get(content_type__app_label="skp", codename="beri_umpan_balik")
    )
    peran = "rekan"
    diundang_oleh = _USER_SAME_PEMDA


class TanggapanProgresFactory(ScopesDisabledFactory):
    class Meta:
        model = TanggapanProgres

    pemda = factory.SubFactory(PemdaFactory)
    skp = factory.SubFactory(SkpFactory, pemda=_SAME_PEMDA)
    jenis = "apresiasi"
    teks = "Terima kasih, capaian melampaui target."
    oleh = _USER_SAME_PEMDA
    tanggal = datetime.date(2026, 2, 2)


class BimbinganFactory(ScopesDisabledFactory):
    class Meta:
        model = Bimbingan

    pemda = factory.SubFactory(PemdaFactory)
    skp = factory.SubFactory(SkpFactory, pemda=_SAME_PEMDA)
    jenis = "coaching"
    pembina = _USER_SAME_PEMDA
    tanggal = datetime.date(2026, 2, 10)


class JurnalMentoringFactory(ScopesDisabledFactory):
    class Meta:
        model = JurnalMentoring

    pemda = factory.SubFactory(PemdaFactory)
    bimbingan = factory.SubFactory(BimbinganFactory, pemda=_SAME_PEMDA, jenis="mentoring")
    waktu_tempat = "10 Februari 2026, ruang rapat"
    materi = "Penyusunan telaahan staf"
    rencana_aksi = "Menyusun satu telaahan"
    target_waktu = "Akhir Februari"


class UmpanBalikBimbinganFactory(ScopesDisabledFactory):
    class Meta:
        model = UmpanBalikBimbingan

    pemda = factory.SubFactory(PemdaFactory)
    bimbingan = factory.SubFactory(BimbinganFactory, pemda=_SAME_PEMDA)
    jawaban = {"1": "Ya"}
    dibuat_oleh = _USER_SAME_PEMDA


class EvaluasiKompetensiFactory(ScopesDisabledFactory):
    class Meta:
        model = EvaluasiKompetensi

    pemda = factory.SubFactory(PemdaFactory)
    bimbingan = factory.SubFactory(BimbinganFactory, pemda=_SAME_PEMDA)
    nilai = [{"kelompok": "Manajerial", "kompetensi": "Integritas", "nilai": 3, "alasan": ""}]
    dibuat_oleh = _USER_SAME_PEMDA


class LaporanPerilakuFactory(ScopesDisabledFactory):
    class Meta:
        model = LaporanPerilaku

    pemda = factory.SubFactory(PemdaFactory)
    skp = factory.SubFactory(SkpFactory, pemda=_SAME_PEMDA)
    pelapor = _USER_SAME_PEMDA
    masalah = "Sering tidak hadir rapat koordinasi"
    uraian = "Menghambat penyelesaian laporan tim"
    retrospektif = "Sudah diajak bicara dua kali"
    tanggal = datetime.date(2026, 3, 2)


class KonselingFactory(ScopesDisabledFactory):
    class Meta:
        model = Konseling

    pemda = factory.SubFactory(PemdaFactory)
    skp = factory.SubFactory(SkpFactory, pemda=_SAME_PEMDA)
    konselor = _USER_SAME_PEMDA
    jenis_konselor = "independen"
    tanggal = datetime.date(2026, 3, 9)
    rekaman = "Rahasia"
    dibuat_oleh = factory.SelfAttribute("konselor")


class AksesKonselingFactory(ScopesDisabledFactory):
    class Meta:
        model = AksesKonseling

    pemda = factory.SubFactory(PemdaFactory)
    content_object = factory.SubFactory(KonselingFactory, pemda=_SAME_PEMDA)
    user = factory.SelfAttribute("content_object.konselor")
    permission = factory.LazyFunction(
        lambda: Permission.objects.get(content_type__app_label="umpanbalik", codename="baca_konseling")
    )
    alasan = "Konselor"


class AmbilAlihFactory(ScopesDisabledFactory):
    class Meta:
        model = AmbilAlih

    pemda = factory.SubFactory(PemdaFactory)
    rhk = factory.SubFactory(RhkFactory, pemda=_SAME_PEMDA)
    skp = factory.SelfAttribute("rhk.skp")
    oleh = _USER_SAME_PEMDA
    catatan = "Pegawai tidak dapat menyelesaikan rencana hasil kerja ini."
    tanggal = datetime.date(2026, 6, 1)


class RekamanUmpanBalikFactory(ScopesDisabledFactory):
    class Meta:
        model = RekamanUmpanBalik

    pemda = factory.SubFactory(PemdaFactory)
    skp = factory.SubFactory(SkpFactory, pemda=_SAME_PEMDA)
    jenis_periode = "bulanan"
    nomor_periode = 1


# Evaluasi (evaluasi/models.py) --------------------------------------------------------------------------
from evaluasi.models import (  # noqa: E402
    CapaianOrganisasi,
    Evaluasi,
    Keberatan,
    LaporanBerjenjang,
    Penghargaan,
    PeriodeEvaluasi,
    Sanksi,
)


class PeriodeEvaluasiFactory(ScopesDisabledFactory):
    class Meta:
        model = PeriodeEvaluasi

    pemda = factory.SubFactory(PemdaFactory)
    jenis = "bulanan"
    nomor = factory.Sequence(lambda n: n % 12 + 1)
    tahun = factory.Sequence(lambda n: 2026 + n // 12)


class CapaianOrganisasiFactory(ScopesDisabledFactory):
    class Meta:
        model = CapaianOrganisasi

    pemda = factory.SubFactory(PemdaFactory)
    unit = factory.SubFactory(UnitKerjaFactory, pemda=_SAME_PEMDA)
    periode = factory.SubFactory(PeriodeEvaluasiFactory, pemda=_SAME_PEMDA)
    predikat = "baik"
    ditetapkan_oleh = _USER_SAME_PEMDA
    ditetapkan_pada = factory.LazyFunction(timezone.now)


class EvaluasiFactory(ScopesDisabledFactory):
    class Meta:
        model = Evaluasi

    pemda = factory.SubFactory(PemdaFactory)
    periode = factory.SubFactory(PeriodeEvaluasiFactory, pemda=_SAME_PEMDA)
    pegawai = factory.SubFactory(PegawaiFactory, pemda=_SAME_PEMDA)


class KeberatanFactory(ScopesDisabledFactory):
    class Meta:
        model = Keberatan

    pemda = factory.SubFactory(PemdaFactory)
    evaluasi = factory.SubFactory(EvaluasiFactory, pemda=_SAME_PEMDA)
    alasan = "Realisasi modul tidak dipertimbangkan."
    diajukan_oleh = _USER_SAME_PEMDA
    diajukan_pada = factory.LazyFunction(timezone.now)


class LaporanBerjenjangFactory(ScopesDisabledFactory):
    class Meta:
        model = LaporanBerjenjang

    pemda = factory.SubFactory(PemdaFactory)
    evaluasi = factory.SubFactory(EvaluasiFactory, pemda=_SAME_PEMDA)
    dilaporkan_oleh = _USER_SAME_PEMDA
    dilaporkan_pada = factory.LazyFunction(timezone.now)
    kepada = "BKPSDM"


class PenghargaanFactory(ScopesDisabledFactory):
    class Meta:
        model = Penghargaan

    pemda = factory.SubFactory(PemdaFactory)
    evaluasi = factory.SubFactory(EvaluasiFactory, pemda=_SAME_PEMDA)
    pegawai = factory.SelfAttribute("evaluasi.pegawai")
    jenis = "kompetensi"
    dicatat_oleh = _USER_SAME_PEMDA
    dicatat_pada = factory.LazyFunction(timezone.now)


class SanksiFactory(ScopesDisabledFactory):
    class Meta:
        model = Sanksi

    pemda = factory.SubFactory(PemdaFactory)
    evaluasi = factory.SubFactory(EvaluasiFactory, pemda=_SAME_PEMDA)
    pegawai = factory.SelfAttribute("evaluasi.pegawai")
    aturan = "bogor-ja-jf"
    dasar = "Pasal 34 Perbup Bogor 17/2023"
    mulai = datetime.date(2027, 2, 1)
    dicatat_oleh = _USER_SAME_PEMDA


# Tenggat (tenggat/models.py) ----------------------------------------------------------------------------
from tenggat.models import Eskalasi, Pengingat  # noqa: E402


class PengingatFactory(ScopesDisabledFactory):
    class Meta:
        model = Pengingat

    pemda = factory.SubFactory(PemdaFactory)
    penerima = factory.SubFactory(PegawaiFactory, pemda=_SAME_PEMDA)
    jenis = "skp_penetapan"
    objek_jenis = "kinerja.Pegawai/2027"
    objek_id = factory.SelfAttribute("penerima.pk")
    langkah = "h-7"
    batas = datetime.date(2027, 1, 31)
    tanggal = datetime.date(2027, 1, 25)
    pesan = "SKP 2027 belum ditetapkan."


class EskalasiFactory(ScopesDisabledFactory):
    class Meta:
        model = Eskalasi

    pemda = factory.SubFactory(PemdaFactory)
    jenis = "skp_ke_atasan"
    objek_jenis = "kinerja.Pegawai/2027"
    objek_id = factory.Sequence(lambda n: n + 1)
    aturan = "Lampiran 'Penetapan SKP' angka 4"
    batas = datetime.date(2027, 1, 31)
    tanggal = datetime.date(2027, 2, 1)


# Cetak massal (cetak/models.py) ------------------------------------------------------------------------
from cetak.models import ItemCetak, KelompokCetak, PekerjaanCetak  # noqa: E402


class PekerjaanCetakFactory(ScopesDisabledFactory):
    class Meta:
        model = PekerjaanCetak

    pemda = factory.SubFactory(PemdaFactory)
    periode = factory.SubFactory(PeriodeEvaluasiFactory, pemda=_SAME_PEMDA)
    lingkup = "pemda"
    dibuat_oleh = _USER_SAME_PEMDA


class KelompokCetakFactory(ScopesDisabledFactory):
    class Meta:
        model = KelompokCetak

    pemda = factory.SubFactory(PemdaFactory)
    pekerjaan = factory.SubFactory(PekerjaanCetakFactory, pemda=_SAME_PEMDA)
    kunci = factory.Sequence(lambda n: f"pd-{n + 1}")
    nama = "Dinas"


class ItemCetakFactory(ScopesDisabledFactory):
    class Meta:
        model = ItemCetak

    pemda = factory.SubFactory(PemdaFactory)
    pekerjaan = factory.SubFactory(PekerjaanCetakFactory, pemda=_SAME_PEMDA)
    kelompok = factory.SubFactory(
        KelompokCetakFactory, pemda=_SAME_PEMDA, pekerjaan=factory.SelfAttribute("..pekerjaan")
    )
    evaluasi = factory.SubFactory(EvaluasiFactory, pemda=_SAME_PEMDA)
