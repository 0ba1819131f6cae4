"""Copying the parts of an SKP into another SKP: a revision (same lineage), last year's SKP, a mutation."""

import uuid

from ..models import (
    EkspektasiKhusus,
    Iki,
    KegiatanTimeline,
    LampiranSkp,
    ManualIndikator,
    RencanaAksi,
    Rhk,
    Skp,
    Timeline,
)
from ._umum import urutan_berikut


def salin_isi(sumber: Skp, tujuan: Skp, *, revisi: bool) -> list[Rhk]:
    """Copy RHK, IKI, manual indikator and lampiran of `sumber` to the end of `tujuan`.

    `revisi=True` (penyesuaian ekspektasi) makes `tujuan` a faithful next version: RHK and IKI keep their
    `garis` and their link to the leader's RHK, and the ekspektasi khusus, rencana aksi and timeline come too.
    Otherwise (last year's SKP, a new position) the copies are new lines: new `garis`, no link to a leader's
    RHK (the leader's plan is of another year or another unit), no ekspektasi khusus (the new leader's own).
    Returns the new RHK in order.
    """
    pemda_id = tujuan.pemda_id
    awal = urutan_berikut(Rhk.objects.filter(skp=tujuan)) if not revisi else 0
    rhk_lama = list(Rhk.objects.filter(skp=sumber).order_by("urutan", "id"))
    rhk_baru = Rhk.objects.bulk_create(
        [
            Rhk(
                pemda_id=pemda_id,
                skp=tujuan,
                jenis=r.jenis,
                teks=r.teks,
                penugasan_dari=r.penugasan_dari,
                intervensi_id=r.intervensi_id if revisi else None,
                intervensi_iki_id=r.intervensi_iki_id if revisi else None,
                intervensi_teks=r.intervensi_teks if revisi else "",
                urutan=r.urutan if revisi else awal + i,
                garis=r.garis if revisi else uuid.uuid4(),
            )
            for i, r in enumerate(rhk_lama)
        ]
    )
    peta_rhk = {lama.pk: baru for lama, baru in zip(rhk_lama, rhk_baru, strict=True)}

    iki_lama = list(Iki.objects.filter(rhk__skp=sumber).order_by("rhk_id", "urutan", "id"))
    iki_baru = Iki.objects.bulk_create(
        [
            Iki(
                pemda_id=pemda_id,
                rhk=peta_rhk[i.rhk_id],
                teks=i.teks,
                aspek=i.aspek,
                perspektif=i.perspektif,
                target_angka=i.target_angka,
                target_satuan=i.target_satuan,
                target_teks=i.target_teks,
                urutan=i.urutan,
                garis=i.garis if revisi else uuid.uuid4(),
            )
            for i in iki_lama
        ]
    )
    peta_iki = {lama.pk: baru for lama, baru in zip(iki_lama, iki_baru, strict=True)}

    ManualIndikator.objects.bulk_create(
        [
            ManualIndikator(
                pemda_id=pemda_id,
                iki=peta_iki[m.iki_id],
                tujuan=m.tujuan,
                definisi=m.definisi,
                formula=m.formula,
                satuan_pengukuran=m.satuan_pengukuran,
                tingkat_kendali=m.tingkat_kendali,
                sumber_data=m.sumber_data,
                periode_pelaporan=m.periode_pelaporan,
            )
            for m in ManualIndikator.objects.filter(iki__rhk__skp=sumber)
        ]
    )
    LampiranSkp.objects.bulk_create(
        [
            LampiranSkp(
                pemda_id=pemda_id,
                skp=tujuan,
                bagian=lampiran.bagian,
                teks=lampiran.teks,
                jenis_dukungan=lampiran.jenis_dukungan,
                jadwal_pelaporan=lampiran.jadwal_pelaporan,
                bukti=lampiran.bukti,
                sifat=lampiran.sifat,
                urutan=lampiran.urutan,
            )
            for lampiran in LampiranSkp.objects.filter(skp=sumber)
        ]
    )
    if revisi:
        EkspektasiKhusus.objects.bulk_create(
            [
                EkspektasiKhusus(pemda_id=pemda_id, skp=tujuan, perilaku=e.perilaku, teks=e.teks)
                for e in EkspektasiKhusus.objects.filter(skp=sumber)
            ]
        )
        RencanaAksi.objects.bulk_create(
            [
                RencanaAksi(pemda_id=pemda_id, rhk=peta_rhk[a.rhk_id], teks=a.teks, urutan=a.urutan)
                for a in RencanaAksi.objects.filter(rhk__skp=sumber)
            ]
        )
        timeline = Timeline.objects.filter(skp=sumber).first()
        if timeline is not None:
            # The revised SKP's timeline is approved again once the revision is set (its RHK may differ).
            baru = Timeline.objects.create(pemda_id=pemda_id, skp=tujuan)
            KegiatanTimeline.objects.bulk_create(
                [
                    KegiatanTimeline(
                        pemda_id=pemda_id,
                        timeline=baru,
                        rhk=peta_rhk.get(k.rhk_id),
                        kegiatan=k.kegiatan,
                        durasi=k.durasi,
                        satuan_durasi=k.satuan_durasi,
                        bulan=k.bulan,
                        tipe_aktivitas=k.tipe_aktivitas,
                        pola_penugasan=k.pola_penugasan,
                        urutan=k.urutan,
                    )
                    for k in KegiatanTimeline.objects.filter(timeline=timeline)
                ]
            )
    return rhk_baru
