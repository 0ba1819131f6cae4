"""The parts of an SKP: RHK and IKI (the Pegawai's), manual indikator (a JPT's), ekspektasi khusus (the
leader's), lampiran (agreed by both), and the Penilai's saved texts.

Who writes which part:
- RHK, IKI and the manual indikator: the Pegawai who owns the SKP, while it is a draft or returned to her
  (Pasal 7(2) Sumedang: the plan comes out of the dialog, the Pegawai writes it down).
- Ekspektasi khusus: the leader (Pasal 10(4) Sumedang, 9(4) Bogor, 8(4) Sarolangun: "Pimpinan dapat
  menetapkan Ekspektasi khusus"), i.e. whoever acts as Penilai (skp.permissions), until she approves.
- Lampiran (sumber daya, skema pertanggungjawaban, konsekuensi): an agreement of both (Pasal 7(3)(b)-(d) and
  11-13 Sumedang; Format A.1.8 is signed by both): the Pegawai while she holds the draft, the Penilai until she
  approves.
"""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from kinerja.models import Pendekatan
from kinerja.services.audit import audit_record

from ..models import (
    AspekIki,
    BagianLampiran,
    EkspektasiKhusus,
    Iki,
    JenisDukungan,
    JenisPemberitahuan,
    JenisRhk,
    JenisSkp,
    JenisTeks,
    LampiranSkp,
    ManualIndikator,
    PeriodePelaporan,
    Perspektif,
    Rhk,
    SifatKonsekuensi,
    Skp,
    StatusSkp,
    TeksTersimpan,
    TingkatKendali,
)
from ..perilaku import PerilakuKerja
from ._umum import (
    TETAP,
    beritahu_pengintervensi,
    hari_ini,
    kunci,
    pastikan_dapat_diubah,
    pastikan_pemilik,
    pastikan_penilai,
    pengaturan_untuk,
    pesan_rhk_pimpinan,
    pilihan,
    sama_pemda,
    urutan_berikut,
    wajib_teks,
)

# The Penilai may still write her parts while the SKP waits for her approval.
STATUS_PENILAI_MENULIS = (StatusSkp.DRAFT, StatusSkp.DIKEMBALIKAN, StatusSkp.DIAJUKAN)


def _kunci_milik(skp: Skp, by) -> Skp:
    pastikan_pemilik(skp, by)
    skp = kunci(skp)
    pastikan_dapat_diubah(skp)
    return skp


# RHK ------------------------------------------------------------------------------------------------------
def _cek_intervensi(
    skp: Skp, intervensi: Rhk | None, intervensi_iki: Iki | None
) -> tuple[Rhk | None, Iki | None]:
    """The leader's RHK (and optionally one of its IKI) this RHK intervenes: an RHK of another Pegawai's live SKP
    of the same year in this Pemda. The leader's SKP may still be a draft: the Pegawai is not held up by her
    leader (berjenjang, Sarolangun Pasal 6(3), is the order of the dialog, not a lock)."""
    if intervensi_iki is not None:
        iki = Iki.objects.select_related("rhk").filter(pk=intervensi_iki.pk).first()
        if iki is None:
            raise ValidationError({"intervensi_iki": "IKI pimpinan tidak ditemukan."})
        if intervensi is not None and iki.rhk_id != intervensi.pk:
            raise ValidationError(
                {"intervensi_iki": "IKI pimpinan harus milik RHK pimpinan yang diintervensi."}
            )
        intervensi = iki.rhk
    if intervensi is None:
        return None, None
    target = Rhk.objects.select_related("skp").filter(pk=intervensi.pk).first()
    if target is None:
        raise ValidationError({"intervensi": "RHK pimpinan tidak ditemukan."})
    if target.skp.pegawai_id == skp.pegawai_id:
        raise ValidationError({"intervensi": "RHK tidak dapat mengintervensi RHK pada SKP sendiri."})
    if target.skp.tahun != skp.tahun:
        raise ValidationError({"intervensi": f"RHK pimpinan harus dari SKP tahun {skp.tahun}."})
    if target.skp.status == StatusSkp.DIGANTIKAN:
        raise ValidationError({"intervensi": "RHK pimpinan itu ada pada versi SKP yang sudah digantikan."})
    return target, intervensi_iki


@transaction.atomic
def rhk_tambah(
    *,
    skp: Skp,
    jenis: str,
    teks: str,
    by,
    penugasan_dari: str = "",
    intervensi: Rhk | None = None,
    intervensi_iki: Iki | None = None,
) -> Rhk:
    skp = _kunci_milik(skp, by)
    jenis = pilihan(jenis, JenisRhk, "jenis", "Jenis RHK", boleh_kosong=False)
    teks = wajib_teks(teks, "teks", "Rencana hasil kerja wajib diisi.")
    intervensi, intervensi_iki = _cek_intervensi(skp, intervensi, intervensi_iki)
    rhk = Rhk(
        pemda_id=skp.pemda_id,
        skp=skp,
        jenis=jenis,
        teks=teks,
        penugasan_dari=(penugasan_dari or "").strip(),
        intervensi=intervensi,
        intervensi_iki=intervensi_iki,
        intervensi_teks=intervensi.teks if intervensi else "",
        urutan=urutan_berikut(Rhk.objects.filter(skp=skp)),
    )
    rhk.save()
    audit_record(pemda_id=skp.pemda_id, aksi="rhk_tambah", objek=rhk, by=by, data={"skp": skp.pk})
    return rhk


@transaction.atomic
def skp_ambil_rhk_pimpinan(
    *, skp: Skp, rhk_pimpinan: list[Rhk], by, jenis: str = JenisRhk.UTAMA
) -> list[Rhk]:
    """Start RHK from the leader's: each picked leader RHK becomes an RHK of this SKP that intervenes it, with
    its text as a first wording. An RHK already intervened by this SKP is skipped."""
    skp = _kunci_milik(skp, by)
    jenis = pilihan(jenis, JenisRhk, "jenis", "Jenis RHK", boleh_kosong=False)
    sudah = set(
        Rhk.objects.filter(skp=skp, intervensi__isnull=False).values_list("intervensi__garis", flat=True)
    )
    urutan = urutan_berikut(Rhk.objects.filter(skp=skp))
    baru = []
    for dipilih in rhk_pimpinan:
        target, _ = _cek_intervensi(skp, dipilih, None)
        if target.garis in sudah:
            continue
        sudah.add(target.garis)
        rhk = Rhk(
            pemda_id=skp.pemda_id,
            skp=skp,
            jenis=jenis,
            teks=target.teks,
            intervensi=target,
            intervensi_teks=target.teks,
            urutan=urutan,
        )
        rhk.save()
        urutan += 1
        baru.append(rhk)
    audit_record(
        pemda_id=skp.pemda_id,
        aksi="skp_ambil_rhk_pimpinan",
        objek=skp,
        by=by,
        data={"rhk": [r.pk for r in baru], "intervensi": [r.intervensi_id for r in baru]},
    )
    return baru


def _kunci_rhk(rhk: Rhk, by) -> tuple[Skp, Rhk]:
    """Lock the SKP of `rhk` for its owner and reload the RHK (an RHK never moves to another SKP)."""
    sama_pemda(by, rhk.pemda_id)
    skp = _kunci_milik(Skp.objects.get(pk=rhk.skp_id), by)
    return skp, Rhk.objects.select_related("skp__pegawai").get(pk=rhk.pk, skp=skp)


@transaction.atomic
def rhk_ubah(
    *, rhk: Rhk, by, jenis=TETAP, teks=TETAP, penugasan_dari=TETAP, intervensi=TETAP, intervensi_iki=TETAP
) -> Rhk:
    """Change an RHK. Subordinates who intervene it are told when its wording or priority changes."""
    skp, rhk = _kunci_rhk(rhk, by)
    sebelum = {
        "jenis": rhk.jenis,
        "teks": rhk.teks,
        "penugasan_dari": rhk.penugasan_dari,
        "intervensi": rhk.intervensi_id,
    }
    if jenis is not TETAP:
        rhk.jenis = pilihan(jenis, JenisRhk, "jenis", "Jenis RHK", boleh_kosong=False)
    if teks is not TETAP:
        rhk.teks = wajib_teks(teks, "teks", "Rencana hasil kerja wajib diisi.")
    if penugasan_dari is not TETAP:
        rhk.penugasan_dari = (penugasan_dari or "").strip()
    if intervensi is not TETAP or intervensi_iki is not TETAP:
        target, iki = _cek_intervensi(
            skp,
            rhk.intervensi if intervensi is TETAP else intervensi,
            None if intervensi_iki is TETAP else intervensi_iki,
        )
        rhk.intervensi, rhk.intervensi_iki = target, iki
        rhk.intervensi_teks = target.teks if target else ""
    rhk.save()
    sesudah = {
        "jenis": rhk.jenis,
        "teks": rhk.teks,
        "penugasan_dari": rhk.penugasan_dari,
        "intervensi": rhk.intervensi_id,
    }
    berubah = [k for k in sebelum if sebelum[k] != sesudah[k]]
    if {"jenis", "teks"} & set(berubah):
        jenis_pesan = JenisPemberitahuan.RHK_PIMPINAN_BERUBAH
        beritahu_pengintervensi(rhk, jenis=jenis_pesan, pesan=pesan_rhk_pimpinan(rhk, jenis_pesan))
    audit_record(
        pemda_id=skp.pemda_id,
        aksi="rhk_ubah",
        objek=rhk,
        by=by,
        data={"skp": skp.pk, "berubah": berubah, "sebelum": {k: sebelum[k] for k in berubah}},
    )
    return rhk


@transaction.atomic
def rhk_hapus(*, rhk: Rhk, by) -> None:
    skp, rhk = _kunci_rhk(rhk, by)
    jenis_pesan = JenisPemberitahuan.RHK_PIMPINAN_DIHAPUS
    beritahu_pengintervensi(rhk, jenis=jenis_pesan, pesan=pesan_rhk_pimpinan(rhk, jenis_pesan))
    audit_record(
        pemda_id=skp.pemda_id, aksi="rhk_hapus", objek=rhk, by=by, data={"skp": skp.pk, "teks": rhk.teks}
    )
    rhk.delete()


def _urutkan(queryset, urutan: list[int], label: str):
    ada = list(queryset.values_list("pk", flat=True))
    try:
        urutan = [int(pk) for pk in urutan]
    except (TypeError, ValueError):
        raise ValidationError({"urutan": f"Urutan {label} tidak sah."}) from None
    if sorted(urutan) != sorted(ada):
        raise ValidationError({"urutan": f"Urutan harus memuat setiap {label} tepat satu kali."})
    baris = {obj.pk: obj for obj in queryset}
    for i, pk in enumerate(urutan, start=1):
        baris[pk].urutan = i
    queryset.model.objects.bulk_update(list(baris.values()), ["urutan"])


@transaction.atomic
def rhk_urutkan(*, skp: Skp, urutan: list[int], by) -> None:
    skp = _kunci_milik(skp, by)
    _urutkan(Rhk.objects.filter(skp=skp), urutan, "RHK")
    audit_record(pemda_id=skp.pemda_id, aksi="rhk_urutkan", objek=skp, by=by, data={"urutan": list(urutan)})


# IKI ------------------------------------------------------------------------------------------------------
def _angka(nilai) -> Decimal | None:
    if nilai is None or nilai == "":
        return None
    try:
        angka = Decimal(str(nilai).replace(",", "."))
    except InvalidOperation:
        raise ValidationError({"target_angka": "Target harus berupa angka."}) from None
    if not angka.is_finite() or abs(angka) >= Decimal("1e14"):
        raise ValidationError({"target_angka": "Target di luar batas."})
    return angka.quantize(Decimal("0.01"))


def _isi_iki(iki: Iki, *, teks, aspek, perspektif, target_angka, target_satuan, target_teks):
    if teks is not TETAP:
        iki.teks = wajib_teks(teks, "teks", "Indikator kinerja individu wajib diisi.")
    if aspek is not TETAP:
        iki.aspek = pilihan(aspek, AspekIki, "aspek", "Aspek")
    if perspektif is not TETAP:
        iki.perspektif = pilihan(perspektif, Perspektif, "perspektif", "Perspektif")
    if target_angka is not TETAP:
        iki.target_angka = _angka(target_angka)
    if target_satuan is not TETAP:
        iki.target_satuan = (target_satuan or "").strip()[:60]
    if target_teks is not TETAP:
        iki.target_teks = (target_teks or "").strip()


def _beritahu_iki(rhk: Rhk):
    jenis = JenisPemberitahuan.RHK_PIMPINAN_BERUBAH
    beritahu_pengintervensi(rhk, jenis=jenis, pesan=pesan_rhk_pimpinan(rhk, jenis))


@transaction.atomic
def iki_tambah(
    *,
    rhk: Rhk,
    teks: str,
    by,
    aspek: str = "",
    perspektif: str = "",
    target_angka=None,
    target_satuan: str = "",
    target_teks: str = "",
) -> Iki:
    """An IKI with its target: a number and unit (kuantitatif) or a statement (kualitatif). Completeness for the
    SKP's approach is checked when the SKP is submitted (skp.selectors.kekurangan_skp)."""
    skp, rhk = _kunci_rhk(rhk, by)
    iki = Iki(pemda_id=skp.pemda_id, rhk=rhk, urutan=urutan_berikut(Iki.objects.filter(rhk=rhk)))
    _isi_iki(
        iki,
        teks=teks,
        aspek=aspek,
        perspektif=perspektif,
        target_angka=target_angka,
        target_satuan=target_satuan,
        target_teks=target_teks,
    )
    iki.save()
    _beritahu_iki(rhk)
    audit_record(
        pemda_id=skp.pemda_id, aksi="iki_tambah", objek=iki, by=by, data={"skp": skp.pk, "rhk": rhk.pk}
    )
    return iki


def _kunci_iki(iki: Iki, by) -> tuple[Skp, Rhk, Iki]:
    sama_pemda(by, iki.pemda_id)
    skp, rhk = _kunci_rhk(Rhk.objects.get(pk=iki.rhk_id), by)
    return skp, rhk, Iki.objects.get(pk=iki.pk, rhk=rhk)


@transaction.atomic
def iki_ubah(
    *,
    iki: Iki,
    by,
    teks=TETAP,
    aspek=TETAP,
    perspektif=TETAP,
    target_angka=TETAP,
    target_satuan=TETAP,
    target_teks=TETAP,
) -> Iki:
    skp, rhk, iki = _kunci_iki(iki, by)
    sebelum = {
        f: getattr(iki, f)
        for f in ("teks", "aspek", "perspektif", "target_angka", "target_satuan", "target_teks")
    }
    _isi_iki(
        iki,
        teks=teks,
        aspek=aspek,
        perspektif=perspektif,
        target_angka=target_angka,
        target_satuan=target_satuan,
        target_teks=target_teks,
    )
    iki.save()
    berubah = [f for f, nilai in sebelum.items() if getattr(iki, f) != nilai]
    if berubah:
        _beritahu_iki(rhk)
    audit_record(
        pemda_id=skp.pemda_id,
        aksi="iki_ubah",
        objek=iki,
        by=by,
        data={"skp": skp.pk, "berubah": berubah, "sebelum": {f: str(sebelum[f]) for f in berubah}},
    )
    return iki


@transaction.atomic
def iki_hapus(*, iki: Iki, by) -> None:
    skp, rhk, iki = _kunci_iki(iki, by)
    _beritahu_iki(rhk)
    audit_record(
        pemda_id=skp.pemda_id, aksi="iki_hapus", objek=iki, by=by, data={"skp": skp.pk, "teks": iki.teks}
    )
    iki.delete()


@transaction.atomic
def iki_urutkan(*, rhk: Rhk, urutan: list[int], by) -> None:
    skp, rhk = _kunci_rhk(rhk, by)
    _urutkan(Iki.objects.filter(rhk=rhk), urutan, "IKI")
    audit_record(pemda_id=skp.pemda_id, aksi="iki_urutkan", objek=rhk, by=by, data={"urutan": list(urutan)})


@transaction.atomic
def manual_indikator_simpan(
    *,
    iki: Iki,
    by,
    tujuan: str,
    definisi: str,
    tingkat_kendali: str,
    sumber_data: str,
    periode_pelaporan: str,
    formula: str = "",
    satuan_pengukuran: str = "",
) -> ManualIndikator:
    """Format A.1.3, for the IKI of a JPT's (or pimpinan unit kerja mandiri's) SKP. Formula and satuan
    pengukuran are optional only for the kualitatif approach (the format says so)."""
    skp, _, iki = _kunci_iki(iki, by)
    if skp.jenis != JenisSkp.JPT:
        raise ValidationError(
            "Manual indikator kinerja (Format A.1.3) hanya untuk SKP JPT dan pimpinan unit kerja mandiri."
        )
    data = {
        "tujuan": wajib_teks(tujuan, "tujuan", "Tujuan wajib diisi."),
        "definisi": wajib_teks(definisi, "definisi", "Definisi wajib diisi."),
        "tingkat_kendali": pilihan(
            tingkat_kendali, TingkatKendali, "tingkat_kendali", "Tingkat kendali", boleh_kosong=False
        ),
        "sumber_data": wajib_teks(sumber_data, "sumber_data", "Sumber data wajib diisi."),
        "periode_pelaporan": pilihan(
            periode_pelaporan, PeriodePelaporan, "periode_pelaporan", "Periode pelaporan", boleh_kosong=False
        ),
        "formula": (formula or "").strip(),
        "satuan_pengukuran": (satuan_pengukuran or "").strip(),
    }
    if skp.pendekatan == Pendekatan.KUANTITATIF:
        wajib_teks(data["formula"], "formula", "Formula wajib diisi untuk pendekatan kuantitatif.")
        wajib_teks(
            data["satuan_pengukuran"],
            "satuan_pengukuran",
            "Satuan pengukuran wajib diisi untuk pendekatan kuantitatif.",
        )
    manual, dibuat = ManualIndikator.objects.update_or_create(pemda_id=skp.pemda_id, iki=iki, defaults=data)
    audit_record(
        pemda_id=skp.pemda_id,
        aksi="manual_indikator_simpan",
        objek=manual,
        by=by,
        data={"skp": skp.pk, "iki": iki.pk, "baru": dibuat},
    )
    return manual


# Ekspektasi khusus and lampiran ---------------------------------------------------------------------------
def _kunci_penilai(skp: Skp, by) -> tuple[Skp, str]:
    sama_pemda(by, skp.pemda_id)
    skp = kunci(skp)
    peran, _ = pastikan_penilai(
        skp, by, pengaturan=pengaturan_untuk(skp.pemda_id), tanggal=hari_ini(skp.pemda_id)
    )
    if skp.status not in STATUS_PENILAI_MENULIS:
        raise ValidationError(f"SKP berstatus '{skp.get_status_display()}' tidak dapat diubah lagi.")
    return skp, peran


@transaction.atomic
def ekspektasi_khusus_simpan(*, skp: Skp, perilaku: str, teks: str, by) -> EkspektasiKhusus | None:
    """The leader's ekspektasi khusus on one BerAKHLAK value; an empty text removes it."""
    skp, peran = _kunci_penilai(skp, by)
    perilaku = pilihan(perilaku, PerilakuKerja, "perilaku", "Perilaku kerja", boleh_kosong=False)
    teks = (teks or "").strip()
    if not teks:
        EkspektasiKhusus.objects.filter(skp=skp, perilaku=perilaku).delete()
        hasil = None
    else:
        hasil, _ = EkspektasiKhusus.objects.update_or_create(
            pemda_id=skp.pemda_id, skp=skp, perilaku=perilaku, defaults={"teks": teks}
        )
    audit_record(
        pemda_id=skp.pemda_id,
        aksi="ekspektasi_khusus_simpan",
        objek=skp,
        by=by,
        data={"perilaku": perilaku, "peran": peran, "hapus": hasil is None},
    )
    return hasil


def _kunci_lampiran(skp: Skp, by) -> tuple[Skp, str]:
    """The owner while she holds the draft, or the acting Penilai until she approves."""
    sama_pemda(by, skp.pemda_id)
    if by.pegawai_id is not None and by.pegawai_id == skp.pegawai_id:
        skp = kunci(skp)
        pastikan_dapat_diubah(skp)
        return skp, "pegawai"
    return _kunci_penilai(skp, by)


def _isi_lampiran(lampiran: LampiranSkp, *, teks, jenis_dukungan, jadwal_pelaporan, bukti, sifat):
    from kinerja.models import PeriodeDokumentasi

    if teks is not TETAP:
        lampiran.teks = wajib_teks(teks, "teks", "Isi lampiran wajib diisi.")
    if jenis_dukungan is not TETAP:
        lampiran.jenis_dukungan = pilihan(jenis_dukungan, JenisDukungan, "jenis_dukungan", "Jenis dukungan")
    if jadwal_pelaporan is not TETAP:
        lampiran.jadwal_pelaporan = pilihan(
            jadwal_pelaporan, PeriodeDokumentasi, "jadwal_pelaporan", "Jadwal pelaporan"
        )
    if bukti is not TETAP:
        lampiran.bukti = (bukti or "").strip()
    if sifat is not TETAP:
        lampiran.sifat = pilihan(sifat, SifatKonsekuensi, "sifat", "Sifat konsekuensi")
    if lampiran.bagian != BagianLampiran.DUKUNGAN_SUMBER_DAYA:
        lampiran.jenis_dukungan = ""
    if lampiran.bagian == BagianLampiran.SKEMA_PERTANGGUNGJAWABAN:
        if not lampiran.jadwal_pelaporan:
            raise ValidationError(
                {"jadwal_pelaporan": "Skema pertanggungjawaban memuat jadwal pelaporan (Pasal 12 huruf a)."}
            )
    else:
        lampiran.jadwal_pelaporan = ""
        lampiran.bukti = ""
    if lampiran.bagian == BagianLampiran.KONSEKUENSI:
        if not lampiran.sifat:
            raise ValidationError({"sifat": "Konsekuensi harus positif atau negatif (Pasal 13)."})
    else:
        lampiran.sifat = ""


@transaction.atomic
def lampiran_tambah(
    *,
    skp: Skp,
    bagian: str,
    teks: str,
    by,
    jenis_dukungan: str = "",
    jadwal_pelaporan: str = "",
    bukti: str = "",
    sifat: str = "",
) -> LampiranSkp:
    skp, peran = _kunci_lampiran(skp, by)
    bagian = pilihan(bagian, BagianLampiran, "bagian", "Bagian lampiran", boleh_kosong=False)
    lampiran = LampiranSkp(
        pemda_id=skp.pemda_id,
        skp=skp,
        bagian=bagian,
        urutan=urutan_berikut(LampiranSkp.objects.filter(skp=skp, bagian=bagian)),
    )
    _isi_lampiran(
        lampiran,
        teks=teks,
        jenis_dukungan=jenis_dukungan,
        jadwal_pelaporan=jadwal_pelaporan,
        bukti=bukti,
        sifat=sifat,
    )
    lampiran.save()
    audit_record(
        pemda_id=skp.pemda_id,
        aksi="lampiran_tambah",
        objek=lampiran,
        by=by,
        data={"skp": skp.pk, "peran": peran},
    )
    return lampiran


def _lampiran_milik(lampiran: LampiranSkp, by) -> tuple[Skp, LampiranSkp, str]:
    sama_pemda(by, lampiran.pemda_id)
    skp, peran = _kunci_lampiran(Skp.objects.get(pk=lampiran.skp_id), by)
    return skp, LampiranSkp.objects.get(pk=lampiran.pk, skp=skp), peran


@transaction.atomic
def lampiran_ubah(
    *,
    lampiran: LampiranSkp,
    by,
    teks=TETAP,
    jenis_dukungan=TETAP,
    jadwal_pelaporan=TETAP,
    bukti=TETAP,
    sifat=TETAP,
) -> LampiranSkp:
    skp, lampiran, peran = _lampiran_milik(lampiran, by)
    _isi_lampiran(
        lampiran,
        teks=teks,
        jenis_dukungan=jenis_dukungan,
        jadwal_pelaporan=jadwal_pelaporan,
        bukti=bukti,
        sifat=sifat,
    )
    lampiran.save()
    audit_record(
        pemda_id=skp.pemda_id,
        aksi="lampiran_ubah",
        objek=lampiran,
        by=by,
        data={"skp": skp.pk, "peran": peran},
    )
    return lampiran


@transaction.atomic
def lampiran_hapus(*, lampiran: LampiranSkp, by) -> None:
    skp, lampiran, peran = _lampiran_milik(lampiran, by)
    audit_record(
        pemda_id=skp.pemda_id,
        aksi="lampiran_hapus",
        objek=lampiran,
        by=by,
        data={"skp": skp.pk, "peran": peran, "teks": lampiran.teks},
    )
    lampiran.delete()


# Saved texts ----------------------------------------------------------------------------------------------
@transaction.atomic
def teks_tersimpan_simpan(*, by, jenis: str, judul: str, teks: str, perilaku: str = "") -> TeksTersimpan:
    """Save (or replace, by title) one of the user's reusable texts."""
    if by is None or not by.is_authenticated or by.pemda_id is None:
        raise PermissionDenied("Masuk sebagai pengguna Pemda untuk menyimpan teks.")
    jenis = pilihan(jenis, JenisTeks, "jenis", "Jenis teks", boleh_kosong=False)
    perilaku = pilihan(perilaku, PerilakuKerja, "perilaku", "Perilaku kerja")
    if jenis == JenisTeks.EKSPEKTASI_KHUSUS and not perilaku:
        raise ValidationError({"perilaku": "Pilih nilai perilaku kerja untuk ekspektasi khusus ini."})
    if jenis != JenisTeks.EKSPEKTASI_KHUSUS:
        perilaku = ""
    judul = wajib_teks(judul, "judul", "Judul wajib diisi.")[:120]
    teks = wajib_teks(teks, "teks", "Teks wajib diisi.")
    simpanan, _ = TeksTersimpan.objects.update_or_create(
        pemda_id=by.pemda_id,
        pemilik=by,
        jenis=jenis,
        judul=judul,
        defaults={"teks": teks, "perilaku": perilaku},
    )
    audit_record(pemda_id=by.pemda_id, aksi="teks_tersimpan_simpan", objek=simpanan, by=by)
    return simpanan


@transaction.atomic
def teks_tersimpan_hapus(*, teks: TeksTersimpan, by) -> None:
    if by is None or not by.is_authenticated or teks.pemilik_id != by.pk:
        raise PermissionDenied("Hanya pemilik teks yang dapat menghapusnya.")
    audit_record(
        pemda_id=teks.pemda_id, aksi="teks_tersimpan_hapus", objek=teks, by=by, data={"judul": teks.judul}
    )
    teks.delete()


@transaction.atomic
def skp_terapkan_teks(*, skp: Skp, teks: TeksTersimpan, by):
    """Apply one of the Penilai's saved texts to an SKP in one step: an ekspektasi khusus on its value, or a
    konsekuensi line of the lampiran."""
    if by is None or not by.is_authenticated or teks.pemilik_id != by.pk:
        raise PermissionDenied("Teks tersimpan ini bukan milik Anda.")
    if teks.jenis == JenisTeks.EKSPEKTASI_KHUSUS:
        return ekspektasi_khusus_simpan(skp=skp, perilaku=teks.perilaku, teks=teks.teks, by=by)
    sifat = (
        SifatKonsekuensi.POSITIF if teks.jenis == JenisTeks.KONSEKUENSI_POSITIF else SifatKonsekuensi.NEGATIF
    )
    return lampiran_tambah(skp=skp, bagian=BagianLampiran.KONSEKUENSI, teks=teks.teks, sifat=sifat, by=by)
