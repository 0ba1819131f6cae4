from kinerja.models import AuditEvent


def audit_record(
    *, pemda_id: int, aksi: str, objek, by, alasan: str = "", data: dict | None = None
) -> AuditEvent:
    return AuditEvent.objects.create(
        pemda_id=pemda_id,
        aksi=aksi,
        objek_jenis=type(objek).__name__,
        objek_id=objek.pk,
        oleh=by if getattr(by, "is_authenticated", False) else None,
        alasan=alasan,
        data=data or {},
    )
