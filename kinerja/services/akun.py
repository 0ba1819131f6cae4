"""Accounts: creation for Pegawai and the BKPSDM password reset."""

import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from kinerja.models import Pegawai, User
from kinerja.permissions import is_admin_bkpsdm

from .audit import audit_record

_ALFABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


@transaction.atomic
def akun_for_pegawai(*, pegawai: Pegawai) -> User:
    """The account of a Pegawai, created with an unusable password if missing (username = NIP)."""
    akun = User.objects.filter(pegawai=pegawai).first()
    if akun:
        return akun
    if User.objects.filter(username=pegawai.nip).exists():
        raise ValidationError(f"NIP {pegawai.nip} sudah dipakai akun lain.")
    akun = User(username=pegawai.nip, pemda_id=pegawai.pemda_id, pegawai=pegawai, email=pegawai.email)
    akun.set_unusable_password()
    akun.save()
    return akun


def akun_untuk_pegawai_baru(pegawai_list: list[Pegawai], *, batch_size: int = 1000) -> list[User]:
    """Accounts (unusable password, username = NIP) for Pegawai just created in bulk, in a few INSERTs.

    For the import, which has already refused rows whose NIP is taken by another account."""
    akun = []
    for pegawai in pegawai_list:
        user = User(username=pegawai.nip, pemda_id=pegawai.pemda_id, pegawai=pegawai, email=pegawai.email)
        user.set_unusable_password()
        akun.append(user)
    return User.objects.bulk_create(akun, batch_size=batch_size)


@transaction.atomic
def akun_reset_password(*, pegawai: Pegawai, by) -> str:
    """BKPSDM sets a temporary password; the Pegawai must change it at her next login.
    Returns the temporary password, to be shown once to the admin."""
    if not is_admin_bkpsdm(by) or by.pemda_id != pegawai.pemda_id:
        raise PermissionDenied("Hanya admin BKPSDM Pemda ini yang dapat mengatur ulang kata sandi.")
    akun = akun_for_pegawai(pegawai=pegawai)
    akun = User.objects.select_for_update().get(pk=akun.pk)
    sementara = "".join(secrets.choice(_ALFABET) for _ in range(10))
    akun.set_password(sementara)
    akun.harus_ganti_password = True
    akun.is_active = True
    akun.save(update_fields=["password", "harus_ganti_password", "is_active"])
    audit_record(pemda_id=pegawai.pemda_id, aksi="akun_reset_password", objek=pegawai, by=by)
    return sementara
