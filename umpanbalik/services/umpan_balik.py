"""Umpan balik berkelanjutan and the invitations that let others give it.

Sumedang Pasal 16-18 (Inhu and Sarolangun 15-17, Bogor 16-18): the leader (Pimpinan: the Penilai on the day,
a Plt./Plh. included; the Kepala Daerah for JPT) must give umpan balik berkala and may give insidental;
besides her, peers, subordinates and other related parties may give either kind (Pasal 18(4)), langsung or
tidak langsung (Pasal 16(2)). Everything given is recorded for the rekaman (Pasal 16(3)).

Who gives besides the leader is decided explicitly: the Pegawai or her leader invites a Pegawai of the Pemda
(`UndanganUmpanBalik`, a guardian direct grant of `skp.beri_umpan_balik` on the SKP); revoking it stops her.
"""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from kinerja.models import Pegawai, PengaturanPemda
from kinerja.services.audit import audit_record
from skp import waktu
from skp.models import Iki, JenisPemberitahuan, Pemberitahuan, Rhk, Skp
from skp.perilaku import PerilakuKerja
from skp.services._umum import kunci, sama_pemda

from .. import periode as periode_mod
from ..models import (
    CaraUmpanBalik,
    JenisUmpanBalik,
    PeranPemberi,
    Realisasi,
    UmpanBalik,
    UndanganUmpanBalik,
)
from ..permissions import adalah_pemilik, adalah_pimpinan, pastikan_berjalan, undangan_untuk
from ._umum import pilihan, teks_wajib

BELUM_LOGIN = "Masuk terlebih dahulu."
PERAN_UNDANGAN = (PeranPemberi.REKAN, PeranPemberi.BAWAHAN, PeranPemberi.PIHAK_LAIN)
# Set by the SKP app once it has a notice kind for feedback; until then no notice is written.


def periode_umpan_balik(skp: Skp, periode, tanggal: datetime.date) -> periode_mod.Periode:
    """The documentation period a piece of feedback belongs to: the one given (a Periode or its code,
    'bulanan-3'), else the Pemda's finest period holding today (or the SKP's last day once it has ended).
    Never a period that has not started, nor one outside the SKP's period."""
    pengaturan = PengaturanPemda.objects.filter(pemda_id=skp.pemda_id).first()
    if periode is None or periode == "":
        hari = min(tanggal, skp.periode_selesai)
        periode = periode_mod.pada(periode_mod.periode_utama(pengaturan), hari)
    elif isinstance(periode, str):
        try:
            periode = periode_mod.dari_kode(periode, skp.tahun, pengaturan)
        except ValueError as exc:
            raise ValidationError({"periode": str(exc)}) from None
    elif isinstance(periode, periode_mod.Periode):
        if periode.jenis not in periode_mod.jenis_realisasi(pengaturan):
            raise ValidationError(
                {"periode": f"Periode '{periode.kode}' bukan periode pendokumentasian Pemda ini."}
            )
    else:
        raise ValidationError({"periode": "Periode tidak dikenal."})
    if periode.tahun != skp.tahun:
        raise ValidationError({"periode": f"Periode harus dalam tahun SKP ({skp.tahun})."})
    if periode.mulai > tanggal:
        raise ValidationError({"periode": f"Periode {periode.label} belum dimulai."})
    if periode.selesai < skp.periode_mulai or periode.mulai > skp.periode_selesai:
        raise ValidationError({"periode": f"Periode {periode.label} di luar periode SKP ini."})
    return periode


def _sasaran(
    skp: Skp, *, rhk, iki, realisasi, perilaku
) -> tuple[Rhk | None, Iki | None, Realisasi | None, str]:
    """The target of the feedback, each part checked to belong to this SKP."""
    perilaku = (perilaku or "").strip()
    if perilaku:
        if perilaku not in PerilakuKerja.values:
            raise ValidationError({"perilaku": f"Perilaku kerja tidak dikenal: '{perilaku}'."})
        if rhk is not None or iki is not None or realisasi is not None:
            raise ValidationError(
                {"perilaku": "Umpan balik atas perilaku kerja tidak sekaligus atas RHK atau IKI."}
            )
        return None, None, None, perilaku
    if realisasi is not None:
        realisasi = Realisasi.objects.filter(pk=realisasi.pk, skp=skp, berlaku=True).first()
        if realisasi is None:
            raise ValidationError({"realisasi": "Realisasi harus realisasi yang berlaku dari SKP ini."})
        if iki is not None and iki.pk != realisasi.iki_id:
            raise ValidationError({"realisasi": "Realisasi itu bukan realisasi IKI yang dipilih."})
        iki = realisasi.iki
    if iki is not None:
        iki = Iki.objects.select_related("rhk").filter(pk=iki.pk, rhk__skp=skp).first()
        if iki is None:
            raise ValidationError({"iki": "IKI harus dari SKP ini."})
        if rhk is not None and rhk.pk != iki.rhk_id:
            raise ValidationError({"iki": "IKI itu bukan indikator RHK yang dipilih."})
        rhk = iki.rhk
    if rhk is not None:
        rhk = Rhk.objects.filter(pk=rhk.pk, skp=skp).first()
        if rhk is None:
            raise ValidationError({"rhk": "RHK harus dari SKP ini."})
    return rhk, iki, realisasi, ""


def peran_pemberi(skp: Skp, user, tanggal: datetime.date | None = None) -> str | None:
    """In which role `user` may give feedback on `skp` today (a PeranPemberi value), or None."""
    if not user.is_authenticated or user.pemda_id != skp.pemda_id or adalah_pemilik(skp, user):
        return None
    if adalah_pimpinan(skp, user, tanggal):
        return PeranPemberi.PIMPINAN
    undangan = undangan_untuk(skp, user)
    return undangan.peran if undangan else None


def _beritahu(skp: Skp, pesan: str, rhk: Rhk | None = None):
    """A notice to the Pegawai (shown on her beranda and SKP page)."""
    Pemberitahuan.objects.create(
        pemda_id=skp.pemda_id,
        penerima_id=skp.pegawai_id,
        jenis=JenisPemberitahuan.UMPAN_BALIK,
        pesan=pesan,
        skp=skp,
        rhk=rhk,
    )


@transaction.atomic
def umpan_balik_beri(
    *,
    skp: Skp,
    by,
    teks: str,
    jenis: str,
    cara: str = CaraUmpanBalik.LANGSUNG,
    periode=None,
    rhk: Rhk | None = None,
    iki: Iki | None = None,
    realisasi: Realisasi | None = None,
    perilaku: str = "",
) -> UmpanBalik:
    """Record one piece of feedback on the Pegawai's SKP in force, on the whole period or on one RHK, IKI
    (optionally its realisasi) or behaviour value, by her leader or an invited giver."""
    sama_pemda(by, skp.pemda_id)
    skp = kunci(skp)
    tanggal = waktu.hari_ini(skp.pemda_id)
    if adalah_pemilik(skp, by):
        raise PermissionDenied("Pegawai tidak memberi umpan balik atas SKP-nya sendiri.")
    peran = peran_pemberi(skp, by, tanggal)
    if peran is None:
        raise PermissionDenied(
            "Umpan balik atas SKP ini diberikan oleh pimpinan Pegawai, atau oleh rekan kerja, bawahan dan pihak "
            "lain yang diundang oleh Pegawai atau pimpinannya (Pasal 17)."
        )
    pastikan_berjalan(skp)
    jenis = pilihan(jenis, JenisUmpanBalik, "jenis", "Jenis umpan balik")
    cara = pilihan(cara, CaraUmpanBalik, "cara", "Cara umpan balik")
    teks = teks_wajib(teks, "teks", "Tuliskan umpan baliknya.")
    per = periode_umpan_balik(skp, periode, tanggal)
    rhk, iki, realisasi, perilaku = _sasaran(skp, rhk=rhk, iki=iki, realisasi=realisasi, perilaku=perilaku)
    ub = UmpanBalik.objects.create(
        pemda_id=skp.pemda_id,
        skp=skp,
        pemberi=by,
        pemberi_pegawai_id=by.pegawai_id,
        peran=peran,
        jenis=jenis,
        cara=cara,
        jenis_periode=per.jenis,
        nomor_periode=per.nomor,
        rhk=rhk,
        iki=iki,
        realisasi=realisasi,
        perilaku=perilaku,
        teks=teks,
        tanggal=tanggal,
    )
    audit_record(
        pemda_id=skp.pemda_id,
        aksi="umpan_balik_beri",
        objek=ub,
        by=by,
        data={"skp": skp.pk, "peran": peran, "jenis": jenis, "periode": per.kode},
    )
    _beritahu(skp, f"Umpan balik {ub.get_jenis_display().lower()} baru untuk {per.label}.", rhk)
    return ub


# Invitations ----------------------------------------------------------------------------------------------
def pastikan_pengundang(skp: Skp, by, tanggal: datetime.date | None = None):
    """The Pegawai herself or her leader decides who else gives feedback."""
    sama_pemda(by, skp.pemda_id)
    if not (adalah_pemilik(skp, by) or adalah_pimpinan(skp, by, tanggal)):
        raise PermissionDenied(
            "Hanya Pegawai pemilik SKP atau pimpinannya yang dapat mengatur undangan umpan balik."
        )


def izin_beri_umpan_balik() -> Permission:
    return Permission.objects.get(content_type__app_label="skp", codename="beri_umpan_balik")


@transaction.atomic
def undangan_buat(*, skp: Skp, pegawai: Pegawai, peran: str, by) -> UndanganUmpanBalik:
    """Invite a Pegawai of the Pemda with an account to give feedback on this SKP (Pasal 17(2))."""
    sama_pemda(by, skp.pemda_id)
    skp = kunci(skp)
    tanggal = waktu.hari_ini(skp.pemda_id)
    pastikan_pengundang(skp, by, tanggal)
    pastikan_berjalan(skp)
    peran = pilihan(
        peran, PeranPemberi, "peran", "Peran pemberi umpan balik", boleh=[p.value for p in PERAN_UNDANGAN]
    )
    if pegawai is None or pegawai.pemda_id != skp.pemda_id:
        raise ValidationError({"pegawai": "Pilih Pegawai dari Pemda ini."})
    if pegawai.pk == skp.pegawai_id:
        raise ValidationError({"pegawai": "Pegawai tidak mengundang dirinya sendiri."})
    akun = (
        get_user_model().objects.filter(pegawai_id=pegawai.pk, pemda_id=skp.pemda_id, is_active=True).first()
    )
    if akun is None:
        raise ValidationError(
            {"pegawai": f"{pegawai.nama_lengkap} belum memiliki akun aktif; minta BKPSDM membuatnya."}
        )
    if adalah_pimpinan(skp, akun, tanggal):
        raise ValidationError(
            {
                "pegawai": f"{pegawai.nama_lengkap} adalah pimpinan Pegawai ini dan memberi umpan balik tanpa undangan."
            }
        )
    if UndanganUmpanBalik.objects.filter(content_object=skp, user=akun, dicabut_pada__isnull=True).exists():
        raise ValidationError(
            {"pegawai": f"{pegawai.nama_lengkap} sudah diundang memberi umpan balik atas SKP ini."}
        )
    undangan = UndanganUmpanBalik(
        pemda_id=skp.pemda_id,
        user=akun,
        permission=izin_beri_umpan_balik(),
        content_object=skp,
        pegawai=pegawai,
        peran=peran,
        diundang_oleh=by,
    )
    try:
        with transaction.atomic():
            undangan.save()
    except IntegrityError:
        raise ValidationError(
            {"pegawai": f"{pegawai.nama_lengkap} sudah diundang memberi umpan balik atas SKP ini."}
        ) from None
    audit_record(
        pemda_id=skp.pemda_id,
        aksi="undangan_umpan_balik_buat",
        objek=undangan,
        by=by,
        data={"skp": skp.pk, "pegawai": pegawai.pk, "peran": peran},
    )
    return undangan


@transaction.atomic
def undangan_cabut(*, undangan: UndanganUmpanBalik, by) -> UndanganUmpanBalik:
    """Revoke an invitation: from now on she can neither give feedback on the SKP nor read it through it."""
    sama_pemda(by, undangan.pemda_id)
    undangan = UndanganUmpanBalik.objects.select_for_update(of=("self",)).get(pk=undangan.pk)
    skp = Skp.objects.get(pk=undangan.content_object_id)
    pastikan_pengundang(skp, by)
    if undangan.dicabut_pada is not None:
        raise ValidationError("Undangan ini sudah dicabut.")
    undangan.dicabut_pada = timezone.now()
    undangan.save(update_fields=["dicabut_pada"])
    audit_record(
        pemda_id=skp.pemda_id,
        aksi="undangan_umpan_balik_cabut",
        objek=undangan,
        by=by,
        data={"skp": skp.pk, "pegawai": undangan.pegawai_id},
    )
    return undangan
