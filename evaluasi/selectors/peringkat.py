"""Pemeringkatan kinerja (Sumedang lampiran "Tindak Lanjut": hasil evaluasi dipakai untuk pemeringkatan): the
Pegawai of a period ranked by predikat, best first (kuadran.URUTAN_PREDIKAT), within a unit and within the Pemda.

- Only results signed by the evaluator count (status menunggu_pegawai or selesai), with the current predikat (a
  keberatan that changed it changed the Evaluasi). Exempt Pegawai are listed apart with their reason; results not
  yet signed are only counted.
- Ties share a rank ("peringkat bersama") by competition ranking (1, 2, 2, 4): a rank says how many have a better
  predikat, which dense ranking (1, 2, 2, 3) over five predikat would not. Hasil kerja rating, then perilaku
  rating, then name only order the rows on the page; they never break a tie.
- "Unit" is the unit led by the Pegawai's Pejabat Penilai Kinerja (Evaluasi.unit): the Pegawai rated together.
- A fixed number of queries for any size: the rows, the Perangkat Daerah names and, when only part of the Pemda
  is shown, one count per predikat for the Pemda rank.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404

from kinerja.models import UnitKerja
from kinerja.permissions import sees_all_pegawai

from .. import kuadran
from ..models import Evaluasi, PeriodeEvaluasi, StatusEvaluasi

DITANDATANGANI = (StatusEvaluasi.MENUNGGU_PEGAWAI, StatusEvaluasi.SELESAI)
_RATING = {r.value: i for i, r in enumerate(kuadran.URUTAN_RATING)}


@dataclass
class Baris:
    evaluasi: Evaluasi
    peringkat: int = 0  # among the rows shown
    peringkat_unit: int = 0
    peringkat_pemda: int | None = None
    perangkat_daerah: str = ""


@dataclass
class Peringkat:
    periode: PeriodeEvaluasi
    baris: list[Baris] = field(default_factory=list)
    dikecualikan: list[Evaluasi] = field(default_factory=list)
    belum_ditandatangani: int = 0
    jumlah_pemda: int | None = None


def _urut(ev: Evaluasi):
    return (
        kuadran.peringkat_predikat(ev.predikat),
        _RATING.get(ev.rating_hasil, 9),
        _RATING.get(ev.rating_perilaku, 9),
        ev.pegawai.nama.lower(),
        ev.pk,
    )


def _kompetisi(jumlah_per_predikat: dict[int, int]) -> dict[int, int]:
    """Predikat rank (0..5) -> competition rank: 1 + how many have a better predikat."""
    hasil, lebih_baik = {}, 0
    for r in range(len(kuadran.URUTAN_PREDIKAT) + 1):
        hasil[r] = lebih_baik + 1
        lebih_baik += jumlah_per_predikat.get(r, 0)
    return hasil


def _hitung(evs) -> dict[int, int]:
    jumlah = {}
    for ev in evs:
        r = kuadran.peringkat_predikat(ev.predikat)
        jumlah[r] = jumlah.get(r, 0) + 1
    return jumlah


def peringkat(
    periode: PeriodeEvaluasi,
    *,
    unit: UnitKerja | None = None,
    evaluasi_qs=None,
    dengan_pemda: bool = True,
) -> Peringkat:
    """The ranking of `periode`: the whole Pemda, or the Pegawai rated in `unit` and the units below it.
    `evaluasi_qs` restricts the rows further (a Penilai sees her own units); `dengan_pemda` adds the Pemda rank."""
    qs = evaluasi_qs if evaluasi_qs is not None else Evaluasi.objects.all()
    qs = qs.filter(periode=periode)
    sebagian = evaluasi_qs is not None
    if unit is not None:
        qs = qs.filter(Q(unit__path__startswith=unit.path))
        sebagian = True
    rows = list(
        qs.filter(status__in=[*DITANDATANGANI, StatusEvaluasi.DIKECUALIKAN])
        .select_related("pegawai", "unit")
        .only(
            "pk",
            "status",
            "predikat",
            "rating_hasil",
            "rating_perilaku",
            "alasan_pengecualian",
            "unit_id",
            "periode_id",
            "pegawai_id",
            "pegawai__nama",
            "pegawai__gelar_depan",
            "pegawai__gelar_belakang",
            "pegawai__nip",
            "unit__nama",
            "unit__path",
        )
    )
    hasil = Peringkat(periode=periode)
    hasil.belum_ditandatangani = qs.filter(
        status__in=[StatusEvaluasi.BELUM_DINILAI, StatusEvaluasi.DINILAI]
    ).count()
    dinilai = [ev for ev in rows if ev.status in DITANDATANGANI and ev.predikat]
    hasil.dikecualikan = sorted(
        (ev for ev in rows if ev.status == StatusEvaluasi.DIKECUALIKAN), key=lambda e: e.pegawai.nama.lower()
    )
    dinilai.sort(key=_urut)
    rank = _kompetisi(_hitung(dinilai))
    per_unit = {}
    for ev in dinilai:
        per_unit.setdefault(ev.unit_id, []).append(ev)
    rank_unit = {uid: _kompetisi(_hitung(evs)) for uid, evs in per_unit.items()}
    if dengan_pemda:
        if sebagian:
            jumlah = {
                kuadran.peringkat_predikat(p): n
                for p, n in Evaluasi.objects.filter(periode=periode, status__in=DITANDATANGANI)
                .exclude(predikat="")
                .values_list("predikat")
                .annotate(n=Count("pk"))
                .order_by()
            }
        else:
            jumlah = _hitung(dinilai)
        rank_pemda = _kompetisi(jumlah)
        hasil.jumlah_pemda = sum(jumlah.values())
    root_ids = {int(ev.unit.path.strip("/").split("/")[0]) for ev in rows if ev.unit_id and ev.unit.path}
    nama_pd = dict(UnitKerja.objects.filter(pk__in=root_ids).values_list("pk", "nama")) if root_ids else {}
    for ev in dinilai:
        r = kuadran.peringkat_predikat(ev.predikat)
        pd = (
            nama_pd.get(int(ev.unit.path.strip("/").split("/")[0]), "") if ev.unit_id and ev.unit.path else ""
        )
        hasil.baris.append(
            Baris(
                evaluasi=ev,
                peringkat=rank[r],
                peringkat_unit=rank_unit[ev.unit_id][r],
                peringkat_pemda=rank_pemda[r] if dengan_pemda else None,
                perangkat_daerah=pd,
            )
        )
    return hasil


def peringkat_untuk(user, periode_id, unit_id):
    """(periode, unit, Peringkat) for the user: the whole Pemda for BKPSDM and the Kepala Daerah, else the
    evaluations she signs as Penilai or Atasan Penilai. PermissionDenied when she evaluates nobody."""
    semua = sees_all_pegawai(user)
    evaluasi_qs = None
    if not semua:
        if not user.pegawai_id:
            raise PermissionDenied("Pemeringkatan dapat dilihat BKPSDM dan Pejabat Penilai Kinerja.")
        me = user.pegawai_id
        evaluasi_qs = Evaluasi.objects.filter(Q(penilai_id=me) | Q(atasan_penilai_id=me))
    periode_qs = PeriodeEvaluasi.objects.all()
    periode = (
        periode_qs.filter(pk=periode_id).first()
        if periode_id
        else periode_qs.order_by("-tahun", "-nomor", "jenis").first()
    )
    if periode_id and periode is None:
        raise Http404("Periode tidak ditemukan.")
    unit = None
    if unit_id:
        unit = UnitKerja.objects.filter(pk=unit_id).first()
        if unit is None:
            raise Http404("Unit kerja tidak ditemukan.")
    if periode is None:
        return None, unit, None
    if evaluasi_qs is not None and not evaluasi_qs.filter(periode=periode).exists():
        raise PermissionDenied("Anda tidak menilai Pegawai pada periode ini.")
    hasil = peringkat(periode, unit=unit, evaluasi_qs=evaluasi_qs, dengan_pemda=semua)
    return periode, unit, hasil
