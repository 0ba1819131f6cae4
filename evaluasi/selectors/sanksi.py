"""Which annual results fall under a sanction rule of the Pemda (PengaturanPemda.sanksi_kinerja), and the list of
sanctions followed through.

A rule (kinerja/models/pengaturan.py validate_sanksi_kinerja; seeded from Bogor Pasal 33-34 and Sumedang Pasal
31(2)) names the results it applies to (`predikat` of the annual evaluation and/or `rating_hasil`) and whom
(`jenis_jabatan`: the jabatan of the evaluated SKP, or the Pegawai's placement on the period's last day when
there is no SKP; `jenis_asn`: PNS/PPPK). Every condition the rule names must hold. Bogor's "CUKUP" (PP 46/2011)
is written in its rule as Butuh Perbaikan, so a JPT with Butuh Perbaikan is a candidate.
"""

from dataclasses import dataclass, field

from kinerja.models import Penempatan

from ..models import Evaluasi, Keberatan, PeriodeEvaluasi, Sanksi, StatusEvaluasi, StatusKeberatan

KODE_PERUNDANGAN = "perundang-undangan"
DASAR_PERUNDANGAN = "Sesuai ketentuan peraturan perundang-undangan"


def cocok(aturan: dict, *, evaluasi: Evaluasi, jenis_jabatan: str) -> bool:
    if aturan.get("predikat") and evaluasi.predikat not in aturan["predikat"]:
        return False
    if aturan.get("rating_hasil") and evaluasi.rating_hasil not in aturan["rating_hasil"]:
        return False
    if aturan.get("jenis_jabatan") and jenis_jabatan not in aturan["jenis_jabatan"]:
        return False
    if aturan.get("jenis_asn") and evaluasi.pegawai.jenis_asn not in aturan["jenis_asn"]:
        return False
    return bool(aturan.get("predikat") or aturan.get("rating_hasil"))


def jenis_jabatan_evaluasi(evaluasi_list) -> dict[int, str]:
    """Evaluasi pk -> jabatan type: the SKP's jabatan, else the placement on the period's last day.
    One query for the SKP jabatan of all and one for the placements of those without an SKP."""
    from skp.models import Skp

    hasil = {}
    skp_ids = {ev.skp_id for ev in evaluasi_list if ev.skp_id}
    jenis_skp = (
        dict(Skp.objects.filter(pk__in=skp_ids).values_list("pk", "jabatan__jenis")) if skp_ids else {}
    )
    tanpa = []
    for ev in evaluasi_list:
        if ev.skp_id and jenis_skp.get(ev.skp_id):
            hasil[ev.pk] = jenis_skp[ev.skp_id]
        else:
            tanpa.append(ev)
    if tanpa:
        akhir = max(ev.periode.selesai for ev in tanpa)
        penempatan = {}
        for pid, mulai, selesai, jenis in (
            Penempatan.objects.filter(pegawai_id__in={ev.pegawai_id for ev in tanpa}, mulai__lte=akhir)
            .order_by("mulai", "pk")
            .values_list("pegawai_id", "mulai", "selesai", "jabatan__jenis")
        ):
            penempatan.setdefault(pid, []).append((mulai, selesai, jenis))
        for ev in tanpa:
            hari = ev.periode.selesai
            berlaku = [
                j for m, s, j in penempatan.get(ev.pegawai_id, []) if m <= hari and (s is None or s >= hari)
            ]
            hasil[ev.pk] = berlaku[-1] if berlaku else ""
    return hasil


@dataclass
class Calon:
    evaluasi: Evaluasi
    aturan: list = field(default_factory=list)  # matching rules not yet started
    sudah: list = field(default_factory=list)  # codes already started
    keberatan_diproses: bool = False


def aturan_pemda(pengaturan) -> list[dict]:
    return list(pengaturan.sanksi_kinerja or []) if pengaturan else []


def calon_sanksi(periode: PeriodeEvaluasi, pengaturan) -> list[Calon]:
    """Signed annual results of `periode` under one of the Pemda's rules (or, without rules, below Baik).
    A fixed number of queries whatever the size of the Pemda."""
    if not periode.tahunan:
        return []
    aturan_list = aturan_pemda(pengaturan)
    qs = (
        Evaluasi.objects.filter(
            periode=periode, status__in=[StatusEvaluasi.MENUNGGU_PEGAWAI, StatusEvaluasi.SELESAI]
        )
        .exclude(predikat="")
        .select_related("pegawai", "periode", "unit")
        .order_by("pegawai__nama", "pk")
    )
    if not aturan_list:
        qs = qs.filter(predikat__in=["butuh_perbaikan", "kurang", "sangat_kurang"])
    evaluasi_list = list(qs)
    jenis = jenis_jabatan_evaluasi(evaluasi_list) if aturan_list else {}
    ids = [ev.pk for ev in evaluasi_list]
    sudah = {}
    for eid, kode in Sanksi.objects.filter(evaluasi_id__in=ids).values_list("evaluasi_id", "aturan"):
        sudah.setdefault(eid, []).append(kode)
    keberatan = set(
        Keberatan.objects.filter(
            evaluasi_id__in=ids, status__in=[StatusKeberatan.DIAJUKAN, StatusKeberatan.DIPERIKSA]
        ).values_list("evaluasi_id", flat=True)
    )
    calon = []
    for ev in evaluasi_list:
        if aturan_list:
            cocok_ = [a for a in aturan_list if cocok(a, evaluasi=ev, jenis_jabatan=jenis.get(ev.pk, ""))]
        else:
            cocok_ = [{"kode": KODE_PERUNDANGAN, "nama": DASAR_PERUNDANGAN, "dasar": DASAR_PERUNDANGAN}]
        if not cocok_:
            continue
        s = sudah.get(ev.pk, [])
        calon.append(
            Calon(
                evaluasi=ev,
                aturan=[a for a in cocok_ if a["kode"] not in s],
                sudah=s,
                keberatan_diproses=ev.pk in keberatan,
            )
        )
    return calon


def sanksi_daftar():
    return Sanksi.objects.select_related("pegawai", "evaluasi", "evaluasi__periode").order_by("-mulai", "-pk")
