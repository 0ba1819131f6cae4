from .audit import AuditEvent
from .delegasi import DelegasiPimpinan, JenisDelegasi, KoreksiPenilai
from .org import JPT, Jabatan, JenisJabatan, JenisUnit, UnitKerja
from .pegawai import JenisASN, JenisKelamin, Pegawai, Penempatan, RiwayatStatus
from .pengaturan import (
    REGULATED_FIELDS,
    HariLiburPemda,
    JenisCuti,
    Pendekatan,
    PengaturanPemda,
    PeriodeDokumentasi,
    SiklusEvaluasi,
    StatusKepegawaian,
)
from .tenancy import Golongan, Pemda, TenantModel, User, is_tenant_model, tenant_foreign_keys

__all__ = [
    "JPT",
    "REGULATED_FIELDS",
    "AuditEvent",
    "DelegasiPimpinan",
    "Golongan",
    "HariLiburPemda",
    "Jabatan",
    "JenisASN",
    "JenisCuti",
    "JenisDelegasi",
    "JenisJabatan",
    "JenisKelamin",
    "JenisUnit",
    "KoreksiPenilai",
    "Pegawai",
    "Pemda",
    "Pendekatan",
    "Penempatan",
    "PengaturanPemda",
    "PeriodeDokumentasi",
    "RiwayatStatus",
    "SiklusEvaluasi",
    "StatusKepegawaian",
    "TenantModel",
    "UnitKerja",
    "User",
    "is_tenant_model",
    "tenant_foreign_keys",
]
