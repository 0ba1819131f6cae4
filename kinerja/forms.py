"""Forms of the core web UI. They validate input only; every change goes through kinerja.services."""

import json

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html

from kinerja.models import (
    REGULATED_FIELDS,
    HariLiburPemda,
    Jabatan,
    JenisASN,
    JenisCuti,
    JenisDelegasi,
    JenisJabatan,
    JenisUnit,
    Pegawai,
    Pendekatan,
    Penempatan,
    PengaturanPemda,
    PeriodeDokumentasi,
    StatusKepegawaian,
    UnitKerja,
)
from kinerja.models.pengaturan import validate_sanksi_kinerja
from kinerja.services.org import DATA_PEGAWAI, golongan_daftar, golongan_untuk, nip_pegawai_baru

LOGO_MAKS_BYTE = 1024 * 1024
STATUS_AKTIF = "aktif"


class TanggalInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _pegawai_by_nip(nip: str, label: str) -> Pegawai:
    nip = (nip or "").replace(" ", "")
    pegawai = Pegawai.objects.filter(nip=nip).first()
    if pegawai is None:
        raise ValidationError(f"{label} dengan NIP {nip} tidak ditemukan di Pemda ini.")
    return pegawai


def attach_errors(form: forms.Form, exc: ValidationError):
    """Show a service's ValidationError in the form: on the field it names, else above the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class PegawaiFilterForm(forms.Form):
    q = forms.CharField(label="Cari nama atau NIP", required=False)
    unit = forms.TypedChoiceField(label="Unit kerja (termasuk sub-unit)", required=False, coerce=int)
    jenis_asn = forms.ChoiceField(
        label="Jenis ASN", required=False, choices=[("", "Semua")] + JenisASN.choices
    )
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Semua"), (STATUS_AKTIF, "Aktif")] + StatusKepegawaian.choices,
    )
    tanpa_penilai = forms.BooleanField(label="Tanpa Penilai", required=False)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", "Semua unit")] + [
            (u.pk, f"{'— ' * u.depth}{u.nama}") for u in units
        ]
        self.fields["q"].widget.attrs.update({"type": "search", "placeholder": "mis. Siti atau 1985…"})


class KoreksiPenilaiForm(forms.Form):
    penilai_nip = forms.CharField(label="NIP Pejabat Penilai Kinerja", max_length=30)
    atasan_nip = forms.CharField(
        label="NIP Atasan Penilai",
        max_length=30,
        required=False,
        help_text="Kosongkan bila mengikuti struktur.",
    )
    mulai = forms.DateField(label="Berlaku mulai", widget=TanggalInput())
    selesai = forms.DateField(label="Sampai", required=False, widget=TanggalInput())
    alasan = forms.CharField(label="Alasan koreksi", widget=forms.Textarea(attrs={"rows": 2}))

    def clean_penilai_nip(self):
        return _pegawai_by_nip(self.cleaned_data["penilai_nip"], "Pejabat Penilai")

    def clean_atasan_nip(self):
        nip = self.cleaned_data["atasan_nip"]
        return _pegawai_by_nip(nip, "Atasan Penilai") if nip.strip() else None

    def clean(self):
        data = super().clean()
        if data.get("mulai") and data.get("selesai") and data["selesai"] < data["mulai"]:
            self.add_error("selesai", "Tanggal selesai sebelum tanggal mulai.")
        return data


class MutasiForm(forms.Form):
    jabatan = forms.TypedChoiceField(label="Jabatan baru", coerce=int)
    mulai = forms.DateField(label="TMT jabatan baru", widget=TanggalInput())
    nomor_sk = forms.CharField(label="Nomor SK", max_length=100, required=False)
    alasan = forms.CharField(label="Keterangan", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        groups: dict[str, list] = {}
        for jabatan in (
            Jabatan.objects.filter(unit__aktif=True)
            .select_related("unit")
            .order_by("unit__path", "-memimpin_unit", "nama")
        ):
            groups.setdefault(jabatan.unit.nama, []).append(
                (jabatan.pk, f"{jabatan.nama}{' (pimpinan)' if jabatan.memimpin_unit else ''}")
            )
        self.fields["jabatan"].choices = [("", "— pilih jabatan —"), *groups.items()]

    def clean_jabatan(self):
        jabatan = Jabatan.objects.filter(pk=self.cleaned_data["jabatan"]).first()
        if jabatan is None:
            raise ValidationError("Jabatan tidak ditemukan.")
        return jabatan


class StatusForm(forms.Form):
    status = forms.ChoiceField(label="Status", choices=StatusKepegawaian.choices)
    jenis_cuti = forms.ChoiceField(
        label="Jenis cuti",
        required=False,
        choices=[("", "—")] + JenisCuti.choices,
        help_text="Hanya untuk status cuti.",
    )
    mulai = forms.DateField(label="Mulai", widget=TanggalInput())
    selesai = forms.DateField(label="Selesai", required=False, widget=TanggalInput())
    nomor_sk = forms.CharField(label="Nomor SK", max_length=100, required=False)
    keterangan = forms.CharField(label="Keterangan", max_length=200, required=False)

    def clean(self):
        data = super().clean()
        if data.get("status") == StatusKepegawaian.CUTI and not data.get("jenis_cuti"):
            self.add_error("jenis_cuti", "Pilih jenis cuti.")
        elif data.get("status") and data.get("status") != StatusKepegawaian.CUTI:
            data["jenis_cuti"] = ""
        if data.get("mulai") and data.get("selesai") and data["selesai"] < data["mulai"]:
            self.add_error("selesai", "Tanggal selesai sebelum tanggal mulai.")
        return data


class DelegasiForm(forms.Form):
    unit = forms.TypedChoiceField(label="Unit kerja", coerce=int)
    pegawai_nip = forms.CharField(label="NIP Pegawai yang ditunjuk", max_length=30)
    jenis = forms.ChoiceField(label="Jenis", choices=JenisDelegasi.choices)
    mulai = forms.DateField(label="Mulai", widget=TanggalInput())
    selesai = forms.DateField(label="Selesai", required=False, widget=TanggalInput())
    nomor_sk = forms.CharField(label="Nomor SK/surat perintah", max_length=100, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", "— pilih unit —")] + [
            (u.pk, f"{'— ' * u.depth}{u.nama}") for u in UnitKerja.objects.filter(aktif=True).order_by("path")
        ]

    def clean_unit(self):
        unit = UnitKerja.objects.filter(pk=self.cleaned_data["unit"]).first()
        if unit is None:
            raise ValidationError("Unit kerja tidak ditemukan.")
        return unit

    def clean_pegawai_nip(self):
        return _pegawai_by_nip(self.cleaned_data["pegawai_nip"], "Pegawai")

    def clean(self):
        data = super().clean()
        if data.get("mulai") and data.get("selesai") and data["selesai"] < data["mulai"]:
            self.add_error("selesai", "Tanggal selesai sebelum tanggal mulai.")
        return data


class HariLiburForm(forms.ModelForm):
    class Meta:
        model = HariLiburPemda
        fields = ["tanggal", "nama"]
        widgets = {"tanggal": TanggalInput()}

    def validate_unique(self):
        # Uniqueness per Pemda is the service's job (the form has no `pemda`).
        pass


def _pilihan_ganda(label, choices, required, help_text):
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        required=required,
        help_text=help_text,
        widget=forms.CheckboxSelectMultiple,
    )


class JsonRapiField(forms.JSONField):
    """JSON shown indented, so a rule list stays readable in a textarea."""

    def prepare_value(self, value):
        if isinstance(value, forms.fields.InvalidJSONInput):
            return value
        return json.dumps(value, ensure_ascii=False, indent=2, cls=self.encoder)


class PengaturanForm(forms.ModelForm):
    """All of a Pemda's settings. The list fields are stored as JSON lists of TextChoices values.

    The pola distribusi (a 5x5 grid) is edited on its own page (evaluasi_pola) and is left out here; the
    sanction rules are JSON, shown indented and checked by validate_sanksi_kinerja."""

    LIST_FIELDS = {
        "periode_dokumentasi": PeriodeDokumentasi,
        "pendekatan_hasil_kerja": Pendekatan,
        "cuti_pengecualian_evaluasi_bulanan": JenisCuti,
        "status_pengecualian_perencanaan": StatusKepegawaian,
    }

    LIST_LABELS = {
        "periode_dokumentasi": "Periode pendokumentasian kinerja",
        "pendekatan_hasil_kerja": "Pendekatan hasil kerja yang diizinkan",
        "cuti_pengecualian_evaluasi_bulanan": "Cuti yang mengecualikan evaluasi bulanan",
        "status_pengecualian_perencanaan": "Status yang tidak wajib menyusun SKP",
    }

    class Meta:
        model = PengaturanPemda
        # Everything but `pemda`, which never comes from the request.
        fields = [
            f.name
            for f in PengaturanPemda._meta.concrete_fields
            if f.editable and f.name not in ("id", "pemda", "pola_distribusi")
        ]
        labels = {
            "nama_bkpsdm": "Nama BKPSDM",
            "laman": "Laman (situs web)",
            "email": "Surel",
            "siklus_evaluasi_periodik": "Siklus evaluasi periodik",
            "wajib_timeline": "Wajib timeline",
            "wajib_rencana_aksi": "Wajib rencana aksi",
            "batas_penetapan_skp_bulan": "Batas penetapan SKP (bulan ke-)",
            "batas_evaluasi_tahunan_bulan": "Batas evaluasi tahunan (bulan ke-)",
            "hari_kerja_serah_dokumen": "Penyerahan dokumen evaluasi (hari kerja)",
            "hari_kerja_pegawai_kembalikan": "Pegawai mengembalikan dokumen (hari kerja)",
            "hari_kerja_lapor_pyb": "Pelaporan kepada PyB (hari kerja)",
            "hari_kerja_atasan_tandatangan": "Atasan Penilai menandatangani (hari kerja)",
            "hari_kerja_serah_dokumen_atasan": "Penyerahan dokumen oleh atasan Penilai (hari kerja)",
            "hari_kerja_pegawai_kembalikan_atasan": "Pegawai mengembalikan dokumen dari atasan (hari kerja)",
            "hari_kerja_ajukan_keberatan": "Pengajuan keberatan (hari kerja)",
            "hari_kerja_putus_keberatan": "Keputusan atas keberatan (hari kerja)",
            "aturan_sanksi": "Aturan sanksi",
            "sistem_informasi": "Sistem informasi",
            "kepala_pd_awasi_pd_sendiri": "Kepala Perangkat Daerah mengawasi PD-nya sendiri",
            "umpan_balik_rekan_anonim": "Sembunyikan nama rekan/bawahan/pihak lain pemberi umpan balik",
            "dasar_hukum": "Dasar hukum per pengaturan",
        }
        widgets = {
            "alamat": forms.Textarea(attrs={"rows": 2}),
            "aturan_sanksi": forms.Textarea(attrs={"rows": 3}),
            "sistem_informasi": forms.Textarea(attrs={"rows": 3}),
            "pengawasan": forms.Textarea(attrs={"rows": 3}),
            "dasar_hukum": forms.Textarea(attrs={"rows": 4}),
        }
        field_classes = {"sanksi_kinerja": JsonRapiField, "jadwal_pengingat": JsonRapiField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, choices in self.LIST_FIELDS.items():
            model_field = PengaturanPemda._meta.get_field(name)
            self.fields[name] = _pilihan_ganda(
                self.LIST_LABELS[name],
                choices.choices,
                required=not model_field.blank,
                help_text=model_field.help_text,
            )
            if self.instance and self.instance.pk:
                self.initial[name] = getattr(self.instance, name)
        self.fields["logo"].widget.attrs["accept"] = "image/png,image/jpeg"
        sanksi = self.fields["sanksi_kinerja"]
        sanksi.label = "Aturan sanksi kinerja (JSON)"
        sanksi.widget = forms.Textarea(attrs={"rows": 14, "spellcheck": "false", "class": "json"})
        sanksi.help_text = (
            f"{sanksi.help_text} Daftar aturan: kode, nama, dasar (Pasal), predikat atau rating_hasil yang dikenai, "
            "dan bila ada jenis_jabatan, jenis_asn, bulan_perbaikan."
        )
        toleransi = self.fields["toleransi_pola_distribusi"]
        toleransi.help_text = format_html(
            '{} Pola distribusinya diatur di halaman <a href="{}">Pola distribusi</a>.',
            toleransi.help_text,
            reverse("evaluasi_pola"),
        )

    def clean_sanksi_kinerja(self):
        nilai = self.cleaned_data.get("sanksi_kinerja")
        nilai = [] if nilai in (None, "") else nilai
        validate_sanksi_kinerja(nilai)
        return nilai

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        upload = self.files.get(self.add_prefix("logo"))
        if upload:
            if upload.size > LOGO_MAKS_BYTE:
                raise ValidationError("Logo paling besar 1 MB.")
            image = getattr(logo, "image", None)
            if image is None or image.format not in ("PNG", "JPEG"):
                raise ValidationError("Logo harus berkas PNG atau JPG.")
        return logo

    def kelompok(self):
        """The fields in three groups, each with the tenant's own Pasal for it (dasar_hukum[name])."""
        dasar = self.instance.dasar_hukum if isinstance(self.instance.dasar_hukum, dict) else {}
        groups = {"Identitas dan kop surat": [], "Ketentuan Peraturan Bupati": [], "Dasar hukum": []}
        for field in self:
            if field.name == "dasar_hukum":
                key = "Dasar hukum"
            elif field.name in REGULATED_FIELDS:
                key = "Ketentuan Peraturan Bupati"
            else:
                key = "Identitas dan kop surat"
            groups[key].append((field, dasar.get(field.name)))
        return list(groups.items())


# The org tree (BKPSDM) -----------------------------------------------------------------------------------
PINDAH_KE_ATAS = "atas"


def _opsi_unit(u) -> str:
    return f"{'— ' * u.depth}{u.nama} ({u.kode})"


class UnitForm(forms.Form):
    nama = forms.CharField(label="Nama unit", max_length=200)
    kode = forms.CharField(label="Kode unit", max_length=40, help_text="Unik dalam Pemda, mis. 1.02.01.")
    jenis = forms.ChoiceField(label="Jenis unit", choices=JenisUnit.choices)

    def __init__(self, *args, kecuali: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kecuali = kecuali  # the unit being edited keeps its own code

    def clean_kode(self):
        # Checked here too because unitkerja_create reports a taken code with Django's generic text.
        kode = self.cleaned_data["kode"].strip()
        lain = UnitKerja.objects.filter(kode=kode).exclude(pk=self.kecuali).only("nama").first()
        if lain is not None:
            raise ValidationError(f"Kode {kode} sudah dipakai {lain.nama}. Kode unit harus unik dalam Pemda.")
        return kode


class UnitUbahForm(UnitForm):
    alasan = forms.CharField(
        label="Dasar perubahan",
        max_length=500,
        required=False,
        help_text="Mis. Perbup SOTK. Dicatat di jejak audit.",
    )


class PindahUnitForm(forms.Form):
    parent = forms.ChoiceField(label="Unit induk baru")
    alasan = forms.CharField(
        label="Dasar pemindahan",
        max_length=500,
        help_text="Mis. Perbup Nomor 12 Tahun 2026 tentang SOTK.",
        error_messages={"required": "Sebutkan dasar pemindahan unit (mis. Perbup SOTK)."},
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, units=(), **kwargs):
        """`units`: where the unit may go (active units outside its own subtree), in tree order."""
        super().__init__(*args, **kwargs)
        self.units = units
        self.fields["parent"].choices = [
            ("", "— pilih unit induk —"),
            (PINDAH_KE_ATAS, "Tingkat teratas (menjadi Perangkat Daerah)"),
            *((str(u.pk), _opsi_unit(u)) for u in units),
        ]

    def clean_parent(self):
        value = self.cleaned_data["parent"]
        if value == PINDAH_KE_ATAS:
            return None
        return next(u for u in self.units if str(u.pk) == value)  # ChoiceField checked it is one of them


class NonaktifkanUnitForm(forms.Form):
    alasan = forms.CharField(
        label="Dasar penonaktifan",
        max_length=500,
        help_text="Mis. Perbup SOTK yang menggabungkan unit ini.",
        error_messages={"required": "Sebutkan dasar penonaktifan unit (mis. Perbup SOTK)."},
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class JabatanForm(forms.Form):
    nama = forms.CharField(label="Nama jabatan", max_length=200)
    jenis = forms.ChoiceField(label="Jenis jabatan", choices=JenisJabatan.choices)
    memimpin_unit = forms.BooleanField(
        label="Memimpin unit ini",
        required=False,
        help_text="Pemangkunya menjadi pimpinan unit dan Pejabat Penilai Kinerja stafnya. Satu per unit.",
    )
    pimpinan_unit_kerja_mandiri = forms.BooleanField(
        label="Pimpinan unit kerja mandiri",
        required=False,
        help_text=Jabatan._meta.get_field("pimpinan_unit_kerja_mandiri").help_text,
    )


class JabatanUbahForm(JabatanForm):
    alasan = forms.CharField(
        label="Dasar perubahan",
        max_length=500,
        required=False,
        help_text="Mis. Perbup SOTK. Dicatat di jejak audit.",
    )


# Pegawai data (BKPSDM) -----------------------------------------------------------------------------------
def _maks(field: str) -> int:
    return Pegawai._meta.get_field(field).max_length


class PegawaiDataForm(forms.Form):
    """What BKPSDM sets on a Pegawai besides her NIP (org_services.DATA_PEGAWAI). The golongan is checked
    against the jenis ASN the way the import checks it (`golongan_untuk`)."""

    nama = forms.CharField(label="Nama", max_length=_maks("nama"), help_text="Tanpa gelar.")
    gelar_depan = forms.CharField(
        label="Gelar depan", max_length=_maks("gelar_depan"), required=False, help_text="Mis. Dr., dr., Ir."
    )
    gelar_belakang = forms.CharField(
        label="Gelar belakang",
        max_length=_maks("gelar_belakang"),
        required=False,
        help_text="Mis. S.Kom., M.Si.",
    )
    jenis_asn = forms.ChoiceField(label="Jenis ASN", choices=JenisASN.choices)
    golongan = forms.ChoiceField(
        label="Pangkat/golongan",
        required=False,
        help_text="PNS: golongan ruang (mis. III/a). PPPK: golongan I sampai XVII.",
    )
    email = forms.EmailField(
        label="Surel",
        max_length=_maks("email"),
        required=False,
        help_text="Tautan atur ulang kata sandi dikirim ke alamat ini.",
    )
    telepon = forms.CharField(label="Telepon", max_length=_maks("telepon"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.golongan = golongan_daftar()
        kelompok = {jenis: [] for jenis in JenisASN.values}
        for golongan in self.golongan.values():
            label = (
                f"{golongan.kode} · {golongan.pangkat}" if golongan.pangkat else f"Golongan {golongan.kode}"
            )
            kelompok.setdefault(golongan.jenis_asn, []).append((golongan.kode, label))
        self.fields["golongan"].choices = [("", "— belum diisi —"), *kelompok.items()]
        self.fields["telepon"].widget.attrs.update({"type": "tel", "autocomplete": "off"})

    def clean(self):
        data = super().clean()
        if data.get("jenis_asn") and "golongan" in data:
            try:
                data["golongan"] = golongan_untuk(
                    jenis_asn=data["jenis_asn"], kode=data["golongan"], daftar=self.golongan
                )
            except ValidationError as exc:
                self.add_error(None, exc)
        return data

    def data_pegawai(self) -> dict:
        """The cleaned values the services take as `data`."""
        return {field: self.cleaned_data[field] for field in DATA_PEGAWAI}

    def kelompok(self):
        """The fields in the groups the page shows them in: [(judul, [bound field, ...]), ...]."""
        return [(judul, [self[name] for name in names]) for judul, names in self.KELOMPOK]

    KELOMPOK = [
        ("Identitas", ["jenis_asn", "golongan", "nama", "gelar_depan", "gelar_belakang"]),
        ("Kontak", ["email", "telepon"]),
    ]


class PegawaiTambahForm(PegawaiDataForm):
    nip = forms.CharField(
        label="NIP",
        max_length=30,
        help_text="18 digit, boleh berspasi seperti tercetak. Tanggal lahir, jenis kelamin, dan TMT "
        "CPNS/PPPK dibaca dari NIP; NIP juga menjadi nama pengguna akunnya.",
    )
    jabatan = forms.TypedChoiceField(
        label="Jabatan",
        coerce=int,
        help_text="Dikelompokkan per unit kerja aktif. Jabatan pimpinan yang masih terisi baru dapat diisi "
        "setelah pemangkunya dimutasi.",
    )
    mulai = forms.DateField(label="TMT jabatan", widget=TanggalInput())
    nomor_sk = forms.CharField(label="Nomor SK", max_length=100, required=False)

    field_order = ["nip"]
    KELOMPOK = [
        ("Identitas", ["nip", "jenis_asn", "golongan", "nama", "gelar_depan", "gelar_belakang"]),
        ("Kontak", ["email", "telepon"]),
        ("Penempatan pertama", ["jabatan", "mulai", "nomor_sk"]),
    ]

    def __init__(self, *args, pemda_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.pemda_id = pemda_id
        self.fields["nip"].widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})
        terisi = set(
            Penempatan.objects.filter(selesai__isnull=True, jabatan__memimpin_unit=True).values_list(
                "jabatan_id", flat=True
            )
        )
        self.jabatan = {}
        groups: dict[str, list] = {}
        for jabatan in (
            Jabatan.objects.filter(unit__aktif=True)
            .select_related("unit")
            .order_by("unit__path", "-memimpin_unit", "nama")
        ):
            self.jabatan[jabatan.pk] = jabatan
            tanda = ""
            if jabatan.memimpin_unit:
                tanda = " (pimpinan, terisi)" if jabatan.pk in terisi else " (pimpinan)"
            groups.setdefault(f"{jabatan.unit.nama} ({jabatan.unit.kode})", []).append(
                (jabatan.pk, f"{jabatan.nama}{tanda}")
            )
        self.fields["jabatan"].choices = [("", "— pilih jabatan —"), *groups.items()]

    def clean_nip(self):
        # The service checks it again under its transaction; here its message joins the other fields'.
        try:
            return nip_pegawai_baru(pemda_id=self.pemda_id, nip=self.cleaned_data["nip"])
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["nip"]) from None

    def clean_jabatan(self):
        return self.jabatan[self.cleaned_data["jabatan"]]  # the choice is one of them


class PegawaiUbahForm(PegawaiDataForm):
    nip = forms.CharField(
        label="NIP",
        disabled=True,
        required=False,
        help_text="NIP adalah identitas Pegawai dan nama pengguna akunnya, sehingga tidak dapat diubah.",
    )
    alasan = forms.CharField(
        label="Alasan",
        max_length=500,
        help_text="Mis. SK kenaikan pangkat atau perbaikan salah ketik. Dicatat di jejak audit.",
        error_messages={"required": "Sebutkan alasan perubahan (mis. nomor SK kenaikan pangkat)."},
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    field_order = ["nip"]
    KELOMPOK = [
        ("Identitas", ["nip", "jenis_asn", "golongan", "nama", "gelar_depan", "gelar_belakang"]),
        ("Kontak", ["email", "telepon"]),
        ("Dasar perubahan", ["alasan"]),
    ]

    @classmethod
    def awal(cls, pegawai: Pegawai) -> dict:
        """Initial values: the Pegawai as stored (her golongan by its code, as the choices name it)."""
        data = {field: getattr(pegawai, field) for field in ("nama", "gelar_depan", "gelar_belakang")}
        return data | {
            "nip": pegawai.nip_format,
            "jenis_asn": pegawai.jenis_asn,
            "golongan": pegawai.golongan.kode if pegawai.golongan_id else "",
            "email": pegawai.email,
            "telepon": pegawai.telepon,
        }
