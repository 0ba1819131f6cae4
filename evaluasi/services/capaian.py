"""Setting the capaian kinerja organisasi of a unit for a period (Tahap Pertama): by BKPSDM or by the unit's
leader on the period's last day (a Plt./Plh. counts, kinerja.selectors.penilai)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from kinerja.models import UnitKerja
from kinerja.permissions import is_admin_bkpsdm
from kinerja.selectors.penilai import Struktur
from kinerja.services.audit import audit_record
from skp import waktu

from ..models import CapaianOrganisasi, PeriodeEvaluasi, PredikatOrganisasi
from ._umum import sama_pemda


def pemimpin_unit(unit: UnitKerja, tanggal) -> int | None:
    struktur = Struktur(pemda_id=unit.pemda_id, tanggal=tanggal)
    struktur._load_leaders(unit_ids=[unit.pk])
    lead = struktur.leader.get(unit.pk)
    return lead[0] if lead else None


def boleh_menetapkan(user, unit: UnitKerja, periode: PeriodeEvaluasi) -> bool:
    if not user.is_authenticated or user.pemda_id != unit.pemda_id:
        return False
    if is_admin_bkpsdm(user):
        return True
    return user.pegawai_id is not None and user.pegawai_id == pemimpin_unit(unit, periode.selesai)


@transaction.atomic
def tetapkan_capaian(
    *, unit: UnitKerja, periode: PeriodeEvaluasi, predikat: str, keterangan: str = "", by
) -> CapaianOrganisasi:
    sama_pemda(by, unit.pemda_id)
    if periode.pemda_id != unit.pemda_id:
        raise PermissionDenied("Periode bukan milik Pemda Anda.")
    if not boleh_menetapkan(by, unit, periode):
        raise PermissionDenied("Capaian unit ditetapkan oleh pimpinan unit itu atau admin BKPSDM.")
    predikat = (predikat or "").strip()
    if predikat not in PredikatOrganisasi.values:
        pilihan = ", ".join(PredikatOrganisasi.values)
        raise ValidationError({"predikat": f"Capaian '{predikat}' tidak dikenal. Pilih: {pilihan}."})
    keterangan = (keterangan or "").strip()
    if "\x00" in keterangan:
        raise ValidationError({"keterangan": "Teks memuat karakter NUL yang tidak sah."})
    lama = CapaianOrganisasi.objects.select_for_update().filter(unit=unit, periode=periode).first()
    semula = lama.predikat if lama else ""
    if lama is None:
        capaian = CapaianOrganisasi.objects.create(
            pemda_id=unit.pemda_id,
            unit=unit,
            periode=periode,
            predikat=predikat,
            keterangan=keterangan,
            ditetapkan_oleh=by,
            ditetapkan_pada=waktu.sekarang(unit.pemda_id),
        )
    else:
        capaian = lama
        capaian.predikat, capaian.keterangan = predikat, keterangan
        capaian.ditetapkan_oleh, capaian.ditetapkan_pada = by, waktu.sekarang(unit.pemda_id)
        capaian.save()
    audit_record(
        pemda_id=unit.pemda_id,
        aksi="capaian_organisasi_tetapkan",
        objek=capaian,
        by=by,
        alasan=f"{unit.nama}, {periode.label}: {PredikatOrganisasi(predikat).label}",
        data={"semula": semula, "menjadi": predikat},
    )
    return capaian
