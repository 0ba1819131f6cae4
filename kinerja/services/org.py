"""Writes on the org tree, Pegawai, placements, statuses, delegations and corrections.

Each function checks who may do it, locks what it changes, records an audit event and runs in a
transaction (STYLE.md "Writes"). `by=None` means a trusted system caller (seeding, import job).
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Concat, Substr
from django.utils import timezone

from kinerja.models import (
    DelegasiPimpinan,
    Golongan,
    Jabatan,
    JenisASN,
    KoreksiPenilai,
    Pegawai,
    Penempatan,
    RiwayatStatus,
    UnitKerja,
    User,
)
from kinerja.nip import NIPError, parse_nip
from kinerja.permissions import is_admin_bkpsdm
from kinerja.signals import penempatan_dicatat

from .akun import akun_for_pegawai
from .audit import audit_record


def _require_admin(by, pemda_id):
    if by is None:
        return
    if not is_admin_bkpsdm(by) or by.pemda_id != pemda_id:
        raise PermissionDenied("Hanya admin BKPSDM Pemda ini yang dapat melakukan ini.")


def _require_aktif(unit: UnitKerja):
    if not unit.aktif:
        raise ValidationError(f"Unit kerja {unit.nama} sudah dinonaktifkan.")


def _set_path(unit: UnitKerja):
    if unit.parent_id:
        parent = unit.parent
        unit.path = f"{parent.path}{unit.pk}/"
        unit.depth = parent.depth + 1
    else:
        unit.path = f"/{unit.pk}/"
        unit.depth = 0


@transaction.atomic
def unitkerja_create(
    *, pemda_id: int, kode: str, nama: str, jenis: str, parent: UnitKerja | None, by
) -> UnitKerja:
    _require_admin(by, pemda_id)
    if parent is not None:
        if parent.pemda_id != pemda_id:
            raise ValidationError({"parent": "Unit induk harus dari Pemda yang sama."})
        parent = UnitKerja.objects.select_for_update().get(pk=parent.pk)
        _require_aktif(parent)
    unit = UnitKerja(pemda_id=pemda_id, kode=kode, nama=nama, jenis=jenis, parent=parent, path="/")
    unit.full_clean(exclude=["path"])
    unit.save()
    _set_path(unit)
    unit.save(update_fields=["path", "depth"])
    audit_record(pemda_id=pemda_id, aksi="unitkerja_create", objek=unit, by=by)
    return unit


@transaction.atomic
def unitkerja_move(*, unit: UnitKerja, parent: UnitKerja | None, by, alasan: str) -> UnitKerja:
    """Move `unit` (with its whole subtree) under `parent`, or to the top level with `parent=None`, e.g.
    after a new Perbup on the Susunan Organisasi dan Tata Kerja. The subtree's path and depth follow."""
    _require_admin(by, unit.pemda_id)
    if not (alasan or "").strip():
        raise ValidationError({"alasan": "Sebutkan dasar pemindahan unit (mis. Perbup SOTK)."})
    unit = UnitKerja.objects.select_for_update().get(pk=unit.pk)
    if parent is not None:
        if parent.pemda_id != unit.pemda_id:
            raise ValidationError({"parent": "Unit induk harus dari Pemda yang sama."})
        parent = UnitKerja.objects.select_for_update().get(pk=parent.pk)
        _require_aktif(parent)
        if parent.path.startswith(unit.path):
            raise ValidationError(
                {"parent": "Unit tidak dapat dipindah ke bawah dirinya sendiri atau unit bawahannya."}
            )
    lama = unit.parent_id
    if lama == (parent.pk if parent else None):
        raise ValidationError({"parent": "Unit sudah berada di bawah unit induk ini."})
    old_path, old_depth = unit.path, unit.depth
    unit.parent = parent
    _set_path(unit)
    unit.save(update_fields=["parent", "path", "depth"])
    # The descendants keep their own place under `unit`: only the common prefix and the depth change.
    UnitKerja.objects.filter(path__startswith=old_path).exclude(pk=unit.pk).update(
        path=Concat(Value(unit.path), Substr("path", len(old_path) + 1)),
        depth=F("depth") + (unit.depth - old_depth),
    )
    audit_record(
        pemda_id=unit.pemda_id,
        aksi="unitkerja_move",
        objek=unit,
        by=by,
        alasan=alasan.strip(),
        data={"parent_lama": lama, "parent_baru": unit.parent_id},
    )
    return unit


def _masih_berlaku(qs, tanggal: datetime.date):
    """Rows of a dated model (mulai/selesai) that have not ended by `tanggal`: in force or yet to start."""
    return qs.filter(Q(selesai__isnull=True) | Q(selesai__gte=tanggal))


def _contoh(nama: list[str], jumlah: int) -> str:
    contoh = ", ".join(nama)
    return f"{contoh} dan {jumlah - len(nama)} lainnya" if jumlah > len(nama) else contoh


def _teks_wajib(nilai: str, field: str, pesan: str) -> str:
    nilai = (nilai or "").strip()
    if not nilai:
        raise ValidationError({field: pesan})
    return nilai


def _require_kode_bebas(*, pemda_id: int, kode: str, kecuali: int | None = None):
    lain = UnitKerja.objects.filter(pemda_id=pemda_id, kode=kode).exclude(pk=kecuali).first()
    if lain is not None:
        raise ValidationError(
            {"kode": f"Kode {kode} sudah dipakai {lain.nama}. Kode unit harus unik dalam Pemda."}
        )


@transaction.atomic
def unitkerja_update(*, unit: UnitKerja, nama: str, kode: str, jenis: str, by, alasan: str = "") -> UnitKerja:
    """Rename a unit, change its code or its kind. Its place in the tree stays (see `unitkerja_move`)."""
    _require_admin(by, unit.pemda_id)
    unit = UnitKerja.objects.select_for_update().get(pk=unit.pk)
    nama = _teks_wajib(nama, "nama", "Nama unit wajib diisi.")
    kode = _teks_wajib(kode, "kode", "Kode unit wajib diisi.")
    lama = {"nama": unit.nama, "kode": unit.kode, "jenis": unit.jenis}
    baru = {"nama": nama, "kode": kode, "jenis": jenis}
    if lama == baru:
        raise ValidationError("Tidak ada perubahan: data unit sama dengan sebelumnya.")
    if kode != unit.kode:
        _require_kode_bebas(pemda_id=unit.pemda_id, kode=kode, kecuali=unit.pk)
    unit.nama, unit.kode, unit.jenis = nama, kode, jenis
    # Uniqueness was checked above with a clear message (Django's own is misleading in Indonesian).
    unit.full_clean(exclude=["path", "parent"], validate_constraints=False)
    try:
        with transaction.atomic():
            unit.save(update_fields=["nama", "kode", "jenis"])
    except IntegrityError:  # another admin took the code between the check and the save
        raise ValidationError({"kode": f"Kode {kode} sudah dipakai unit lain di Pemda ini."}) from None
    audit_record(
        pemda_id=unit.pemda_id,
        aksi="unitkerja_update",
        objek=unit,
        by=by,
        alasan=(alasan or "").strip(),
        data={"sebelum": lama, "sesudah": baru},
    )
    return unit


@transaction.atomic
def unitkerja_nonaktifkan(*, unit: UnitKerja, by, alasan: str) -> UnitKerja:
    """Close a unit (e.g. merged away by a new Perbup SOTK). Its history stays; it leaves the tree.
    Refused while anyone is still placed in it or below it, while a sub-unit is still active, or while a
    Plt./Plh. of it is in force: those have to be moved or ended first, so nobody loses her Penilai."""
    _require_admin(by, unit.pemda_id)
    alasan = _teks_wajib(alasan, "alasan", "Sebutkan dasar penonaktifan unit (mis. Perbup SOTK).")
    unit = UnitKerja.objects.select_for_update().get(pk=unit.pk)
    if not unit.aktif:
        raise ValidationError("Unit ini sudah nonaktif.")
    today = timezone.localdate()
    sub = UnitKerja.objects.filter(path__startswith=unit.path, aktif=True).exclude(pk=unit.pk)
    jumlah_sub = sub.count()
    if jumlah_sub:
        nama = list(sub.order_by("path").values_list("nama", flat=True)[:3])
        raise ValidationError(
            f"Unit ini masih punya {jumlah_sub} sub-unit aktif ({_contoh(nama, jumlah_sub)}). "
            "Pindahkan atau nonaktifkan sub-unit itu dulu."
        )
    penempatan = _masih_berlaku(Penempatan.objects.filter(jabatan__unit__path__startswith=unit.path), today)
    jumlah = penempatan.count()
    if jumlah:
        nama = list(penempatan.order_by("pegawai__nama").values_list("pegawai__nama", flat=True)[:3])
        raise ValidationError(
            f"Masih ada {jumlah} penempatan Pegawai yang berlaku di unit ini ({_contoh(nama, jumlah)}). "
            "Mutasikan atau akhiri penempatannya dulu."
        )
    delegasi = _masih_berlaku(
        DelegasiPimpinan.objects.filter(content_object=unit, dicabut_pada__isnull=True), today
    ).select_related("pegawai")
    if d := delegasi.first():
        raise ValidationError(
            f"{d.get_jenis_display()} unit ini ({d.pegawai.nama_lengkap}) masih berlaku. Cabut delegasinya dulu."
        )
    unit.aktif = False
    unit.save(update_fields=["aktif"])
    audit_record(pemda_id=unit.pemda_id, aksi="unitkerja_nonaktifkan", objek=unit, by=by, alasan=alasan)
    return unit


def _cek_jabatan(*, jabatan: Jabatan, kecuali: int | None = None):
    """What the constraints on Jabatan say, as messages an admin understands (Django's generic ones
    name the constraint). The unit row is locked by the caller, so the checks hold until commit."""
    if jabatan.pimpinan_unit_kerja_mandiri and not jabatan.memimpin_unit:
        raise ValidationError(
            {
                "pimpinan_unit_kerja_mandiri": "Hanya jabatan pimpinan unit yang dapat menjadi pimpinan "
                "unit kerja mandiri; centang juga 'memimpin unit'."
            }
        )
    sama = Jabatan.objects.filter(unit_id=jabatan.unit_id, nama__iexact=jabatan.nama).exclude(pk=kecuali)
    if sama.exists():
        raise ValidationError({"nama": f"Jabatan {jabatan.nama} sudah ada di unit ini."})
    if jabatan.memimpin_unit:
        pimpinan = (
            Jabatan.objects.filter(unit_id=jabatan.unit_id, memimpin_unit=True).exclude(pk=kecuali).first()
        )
        if pimpinan is not None:
            raise ValidationError(
                {
                    "memimpin_unit": f"Unit ini sudah punya jabatan pimpinan ({pimpinan.nama}); satu unit "
                    "hanya dipimpin satu jabatan. Ubah jabatan itu dulu bila pimpinannya berganti."
                }
            )


@transaction.atomic
def jabatan_create(
    *,
    unit: UnitKerja,
    nama: str,
    jenis: str,
    memimpin_unit: bool,
    pimpinan_unit_kerja_mandiri: bool,
    by,
) -> Jabatan:
    _require_admin(by, unit.pemda_id)
    unit = UnitKerja.objects.select_for_update().get(pk=unit.pk)
    if not unit.aktif:
        raise ValidationError("Unit ini nonaktif; jabatan baru tidak dapat ditambahkan.")
    jabatan = Jabatan(
        pemda_id=unit.pemda_id,
        unit=unit,
        nama=_teks_wajib(nama, "nama", "Nama jabatan wajib diisi."),
        jenis=jenis,
        memimpin_unit=memimpin_unit,
        pimpinan_unit_kerja_mandiri=pimpinan_unit_kerja_mandiri,
    )
    jabatan.full_clean(validate_constraints=False)
    _cek_jabatan(jabatan=jabatan)
    jabatan.save()
    audit_record(
        pemda_id=unit.pemda_id,
        aksi="jabatan_create",
        objek=jabatan,
        by=by,
        data={"unit_id": unit.pk, "memimpin_unit": memimpin_unit},
    )
    return jabatan


@transaction.atomic
def jabatan_update(
    *,
    jabatan: Jabatan,
    nama: str,
    jenis: str,
    memimpin_unit: bool,
    pimpinan_unit_kerja_mandiri: bool,
    by,
    alasan: str = "",
) -> Jabatan:
    """Change a position in place. Its Pegawai keep their placements; making it the leading position
    makes its holder the unit's head (and so the Penilai of its staff)."""
    _require_admin(by, jabatan.pemda_id)
    UnitKerja.objects.select_for_update().filter(pk=jabatan.unit_id).first()
    jabatan = Jabatan.objects.select_for_update().get(pk=jabatan.pk)
    lama = {
        "nama": jabatan.nama,
        "jenis": jabatan.jenis,
        "memimpin_unit": jabatan.memimpin_unit,
        "pimpinan_unit_kerja_mandiri": jabatan.pimpinan_unit_kerja_mandiri,
    }
    baru = {
        "nama": _teks_wajib(nama, "nama", "Nama jabatan wajib diisi."),
        "jenis": jenis,
        "memimpin_unit": memimpin_unit,
        "pimpinan_unit_kerja_mandiri": pimpinan_unit_kerja_mandiri,
    }
    if lama == baru:
        raise ValidationError("Tidak ada perubahan: data jabatan sama dengan sebelumnya.")
    for field, value in baru.items():
        setattr(jabatan, field, value)
    jabatan.full_clean(validate_constraints=False)
    _cek_jabatan(jabatan=jabatan, kecuali=jabatan.pk)
    if memimpin_unit and not lama["memimpin_unit"]:
        # A leading position has one holder (pegawai_mutasi refuses a second one).
        pemangku = _masih_berlaku(Penempatan.objects.filter(jabatan=jabatan), timezone.localdate()).count()
        if pemangku > 1:
            raise ValidationError(
                {
                    "memimpin_unit": f"Jabatan ini diduduki {pemangku} Pegawai, sedangkan jabatan pimpinan "
                    "hanya diduduki satu orang. Mutasikan Pegawai lainnya dulu."
                }
            )
    jabatan.save(update_fields=list(baru))
    audit_record(
        pemda_id=jabatan.pemda_id,
        aksi="jabatan_update",
        objek=jabatan,
        by=by,
        alasan=(alasan or "").strip(),
        data={"sebelum": lama, "sesudah": baru},
    )
    return jabatan


@transaction.atomic
def pegawai_create(*, pemda_id: int, by, **fields) -> Pegawai:
    _require_admin(by, pemda_id)
    pegawai = Pegawai(pemda_id=pemda_id, **fields)
    pegawai.full_clean()
    pegawai.save()
    audit_record(pemda_id=pemda_id, aksi="pegawai_create", objek=pegawai, by=by)
    return pegawai


# What BKPSDM may set on a Pegawai besides her NIP (the identity, and her account's username).
DATA_PEGAWAI = ("nama", "gelar_depan", "gelar_belakang", "jenis_asn", "golongan", "email", "telepon")


def golongan_daftar() -> dict[tuple[str, str], Golongan]:
    """The national Golongan table keyed the way `golongan_untuk` looks it up (one query)."""
    return {(g.jenis_asn, g.kode.casefold()): g for g in Golongan.objects.all()}


def golongan_untuk(*, jenis_asn: str, kode: str, daftar: dict | None = None) -> Golongan | None:
    """The Golongan `kode` of `jenis_asn` (case-insensitive); None when `kode` is empty.

    Raises a ValidationError on `golongan` when that jenis ASN has no such golongan, e.g. a PPPK golongan
    for a PNS. `daftar` (from `golongan_daftar`) saves the query when many rows are checked (the import)."""
    kode = (kode or "").strip()
    if not kode:
        return None
    daftar = golongan_daftar() if daftar is None else daftar
    golongan = daftar.get((jenis_asn, kode.casefold()))
    if golongan is None:
        contoh = "mis. III/a" if jenis_asn == JenisASN.PNS else "I sampai XVII"
        raise ValidationError({"golongan": f"Golongan '{kode}' tidak ada untuk {jenis_asn} ({contoh})."})
    return golongan


def _data_pegawai(data: dict) -> dict:
    """`data` limited to DATA_PEGAWAI, text trimmed; the NIP and anything else are refused."""
    if "nip" in data:
        raise ValidationError(
            {"nip": "NIP adalah identitas Pegawai dan nama pengguna akunnya; tidak dapat diubah."}
        )
    lain = set(data) - set(DATA_PEGAWAI)
    if lain:
        raise ValidationError(f"Data Pegawai tidak dikenal: {', '.join(sorted(lain))}.")
    return {k: v.strip() if isinstance(v, str) else v for k, v in data.items()}


def _pesan_akun_lain(nip: str) -> str:
    return (
        f"NIP {nip} sudah dipakai akun lain, mungkin milik Pegawai yang terdaftar di Pemda lain. "
        "Periksa NIP-nya; bila sudah benar, hubungi pengelola aplikasi."
    )


def nip_pegawai_baru(*, pemda_id: int, nip: str) -> str:
    """`nip` without its spaces, if a new Pegawai of the Pemda may have it: a valid NIP (kinerja/nip.py), not
    registered in the Pemda, and not the username of an account (usernames are national). Else a
    ValidationError on `nip`. The form calls it too, so its message comes with those of the other fields."""
    nip = "".join((nip or "").split())
    try:
        parse_nip(nip)
    except NIPError as exc:
        raise ValidationError({"nip": str(exc)}) from None
    terdaftar = Pegawai.objects.filter(pemda_id=pemda_id, nip=nip).first()
    if terdaftar is not None:
        pesan = f"NIP {nip} sudah terdaftar atas nama {terdaftar.nama_lengkap}; ubah datanya dari halamannya."
        raise ValidationError({"nip": pesan})
    if User.objects.filter(username=nip).exists():
        raise ValidationError({"nip": _pesan_akun_lain(nip)})
    return nip


@transaction.atomic
def pegawai_tambah(
    *,
    pemda_id: int,
    nip: str,
    data: dict,
    jabatan: Jabatan,
    mulai: datetime.date,
    by,
    nomor_sk: str = "",
) -> Pegawai:
    """A new Pegawai with her first placement and her login account (username = NIP, no usable password
    until BKPSDM hands out a temporary one with `akun_reset_password`). All or nothing."""
    _require_admin(by, pemda_id)
    nip = nip_pegawai_baru(pemda_id=pemda_id, nip=nip)
    tmt = parse_nip(nip).tmt
    if mulai < tmt:
        raise ValidationError(
            {"mulai": f"TMT jabatan tidak boleh sebelum TMT CPNS/PPPK dalam NIP ({tmt:%m-%Y})."}
        )
    data = _data_pegawai(data)
    data["nama"] = _teks_wajib(data.get("nama"), "nama", "Nama wajib diisi.")
    try:
        pegawai = pegawai_create(pemda_id=pemda_id, by=by, nip=nip, **data)
    except IntegrityError:  # an import or another admin registered the NIP since the check above
        raise ValidationError({"nip": f"NIP {nip} baru saja didaftarkan di Pemda ini."}) from None
    try:
        akun_for_pegawai(pegawai=pegawai)
    except (ValidationError, IntegrityError):  # another writer took the NIP between the check and here
        raise ValidationError({"nip": _pesan_akun_lain(nip)}) from None
    try:
        pegawai_mutasi(
            pegawai=pegawai,
            jabatan=jabatan,
            mulai=mulai,
            by=by,
            nomor_sk=nomor_sk,
            alasan="Penempatan pertama",
        )
    except ValidationError as exc:
        # Everything pegawai_mutasi can refuse for a first placement is about the chosen jabatan.
        raise ValidationError({"jabatan": exc.messages}) from None
    return pegawai


@transaction.atomic
def pegawai_update(*, pegawai: Pegawai, data: dict, by, alasan: str) -> Pegawai:
    """Change a Pegawai's data (DATA_PEGAWAI; keys left out stay). The NIP stays: it is her identity and
    her account's username. A new email also goes to her account, where the password-reset link is sent."""
    _require_admin(by, pegawai.pemda_id)
    alasan = _teks_wajib(alasan, "alasan", "Sebutkan alasan perubahan (mis. nomor SK kenaikan pangkat).")
    data = _data_pegawai(data)
    pegawai = Pegawai.objects.select_for_update().get(pk=pegawai.pk)
    if "nama" in data:
        data["nama"] = _teks_wajib(data["nama"], "nama", "Nama wajib diisi.")

    def sama(field, value):
        if field == "golongan":
            return pegawai.golongan_id == (value.pk if value else None)
        return getattr(pegawai, field) == value

    def nilai(field):  # as the audit shows it: the golongan by its code
        if field == "golongan":
            return pegawai.golongan.kode if pegawai.golongan_id else None
        return getattr(pegawai, field)

    berubah = [field for field, value in data.items() if not sama(field, value)]
    if not berubah:
        raise ValidationError("Tidak ada perubahan: data Pegawai sama dengan sebelumnya.")

    sebelum = {field: nilai(field) for field in berubah}
    for field in berubah:
        setattr(pegawai, field, data[field])
    pegawai.full_clean(validate_constraints=False)  # the NIP, the only unique field, does not change
    pegawai.save(update_fields=berubah)
    if "email" in berubah:
        User.objects.filter(pegawai=pegawai).update(email=pegawai.email)
    audit_record(
        pemda_id=pegawai.pemda_id,
        aksi="pegawai_update",
        objek=pegawai,
        by=by,
        alasan=alasan,
        data={"sebelum": sebelum, "sesudah": {field: nilai(field) for field in berubah}},
    )
    return pegawai


@transaction.atomic
def pegawai_mutasi(
    *, pegawai: Pegawai, jabatan: Jabatan, mulai: datetime.date, by, nomor_sk: str = "", alasan: str = ""
) -> Penempatan:
    """Place a Pegawai in a Jabatan from `mulai`, ending her current placement the day before.
    History is kept: the old placement stays, with its end date."""
    _require_admin(by, pegawai.pemda_id)
    if jabatan.pemda_id != pegawai.pemda_id:
        raise ValidationError("Jabatan berasal dari Pemda lain.")
    # The unit's row is the lock shared with unitkerja_nonaktifkan and with other placements into its
    # leading jabatan: the checks below hold until COMMIT.
    _require_aktif(UnitKerja.objects.select_for_update().get(pk=jabatan.unit_id))
    current = Penempatan.objects.select_for_update().filter(pegawai=pegawai, selesai__isnull=True).first()
    if current:
        if current.jabatan_id == jabatan.pk:
            raise ValidationError("Pegawai sudah menduduki jabatan ini.")
        if mulai <= current.mulai:
            raise ValidationError(
                f"Tanggal mulai harus setelah awal penempatan sekarang ({current.mulai:%d-%m-%Y})."
            )
        current.selesai = mulai - datetime.timedelta(days=1)
        current.save(update_fields=["selesai"])
    if jabatan.memimpin_unit:
        holder = (
            Penempatan.objects.select_for_update()
            .filter(jabatan=jabatan, selesai__isnull=True)
            .exclude(pegawai=pegawai)
            .first()
        )
        if holder:
            raise ValidationError(
                f"Jabatan pimpinan {jabatan} masih diduduki {holder.pegawai.nama_lengkap}; "
                "akhiri penempatannya dulu atau gunakan Plt./Plh."
            )
    penempatan = Penempatan.objects.create(
        pemda_id=pegawai.pemda_id, pegawai=pegawai, jabatan=jabatan, mulai=mulai, nomor_sk=nomor_sk
    )
    transaction.on_commit(
        lambda: penempatan_dicatat.send(
            sender=Penempatan,
            pemda_id=penempatan.pemda_id,
            pegawai_id=penempatan.pegawai_id,
            penempatan_id=penempatan.pk,
        )
    )
    audit_record(
        pemda_id=pegawai.pemda_id,
        aksi="pegawai_mutasi",
        objek=pegawai,
        by=by,
        alasan=alasan,
        data={
            "jabatan_id": jabatan.pk,
            "mulai": mulai.isoformat(),
            "sebelumnya": current.jabatan_id if current else None,
        },
    )
    return penempatan


@transaction.atomic
def penempatan_akhiri(*, pegawai: Pegawai, selesai: datetime.date, by, alasan: str = "") -> Penempatan:
    _require_admin(by, pegawai.pemda_id)
    current = Penempatan.objects.select_for_update().filter(pegawai=pegawai, selesai__isnull=True).first()
    if current is None:
        raise ValidationError("Pegawai tidak punya penempatan yang berlaku.")
    if selesai < current.mulai:
        raise ValidationError("Tanggal selesai sebelum awal penempatan.")
    current.selesai = selesai
    current.save(update_fields=["selesai"])
    audit_record(pemda_id=pegawai.pemda_id, aksi="penempatan_akhiri", objek=pegawai, by=by, alasan=alasan)
    return current


@transaction.atomic
def status_tambah(
    *,
    pegawai: Pegawai,
    status: str,
    mulai: datetime.date,
    selesai: datetime.date | None,
    by,
    jenis_cuti: str = "",
    nomor_sk: str = "",
    keterangan: str = "",
) -> RiwayatStatus:
    _require_admin(by, pegawai.pemda_id)
    Pegawai.objects.select_for_update().filter(pk=pegawai.pk).first()
    record = RiwayatStatus(
        pemda_id=pegawai.pemda_id,
        pegawai=pegawai,
        status=status,
        jenis_cuti=jenis_cuti,
        mulai=mulai,
        selesai=selesai,
        nomor_sk=nomor_sk,
        keterangan=keterangan,
    )
    record.full_clean()
    overlapping = RiwayatStatus.objects.filter(
        pegawai=pegawai, mulai__lte=selesai or datetime.date.max
    ).exclude(selesai__lt=mulai)
    if overlapping.exists():
        raise ValidationError(
            "Status ini bertumpang tindih dengan status lain pada rentang tanggal yang sama."
        )
    record.save()
    audit_record(
        pemda_id=pegawai.pemda_id, aksi="status_tambah", objek=pegawai, by=by, data={"status": status}
    )
    return record


@transaction.atomic
def delegasi_create(
    *,
    unit: UnitKerja,
    pegawai: Pegawai,
    jenis: str,
    mulai: datetime.date,
    selesai: datetime.date | None,
    by,
    nomor_sk: str = "",
) -> DelegasiPimpinan:
    """Grant Plt./Plh. leadership of `unit` to `pegawai` (a django-guardian object grant, dated)."""
    from django.contrib.auth.models import Permission

    _require_admin(by, unit.pemda_id)
    if pegawai.pemda_id != unit.pemda_id:
        raise ValidationError("Pegawai dan unit kerja harus dari Pemda yang sama.")
    akun = getattr(pegawai, "akun", None)
    if akun is None:
        raise ValidationError("Pegawai ini belum punya akun; buat akunnya dulu.")
    if selesai and selesai < mulai:
        raise ValidationError("Tanggal selesai sebelum tanggal mulai.")
    permission = Permission.objects.get(content_type__app_label="kinerja", codename="pimpin_unitkerja")
    delegasi = DelegasiPimpinan.objects.create(
        pemda_id=unit.pemda_id,
        content_object=unit,
        user=akun,
        permission=permission,
        pegawai=pegawai,
        jenis=jenis,
        mulai=mulai,
        selesai=selesai,
        nomor_sk=nomor_sk,
        dibuat_oleh=by,
    )
    audit_record(pemda_id=unit.pemda_id, aksi="delegasi_create", objek=delegasi, by=by, data={"jenis": jenis})
    return delegasi


@transaction.atomic
def delegasi_cabut(*, delegasi: DelegasiPimpinan, by, alasan: str = "") -> DelegasiPimpinan:
    _require_admin(by, delegasi.pemda_id)
    delegasi = DelegasiPimpinan.objects.select_for_update().get(pk=delegasi.pk)
    if delegasi.dicabut_pada:
        raise ValidationError("Delegasi ini sudah dicabut.")
    delegasi.dicabut_pada = timezone.now()
    delegasi.save(update_fields=["dicabut_pada"])
    audit_record(pemda_id=delegasi.pemda_id, aksi="delegasi_cabut", objek=delegasi, by=by, alasan=alasan)
    return delegasi


@transaction.atomic
def koreksi_penilai_create(
    *,
    pegawai: Pegawai,
    penilai: Pegawai,
    atasan_penilai: Pegawai | None,
    mulai: datetime.date,
    selesai: datetime.date | None,
    alasan: str,
    by,
) -> KoreksiPenilai:
    """BKPSDM corrects who evaluates a Pegawai, in one place, with a reason."""
    _require_admin(by, pegawai.pemda_id)
    if not alasan.strip():
        raise ValidationError({"alasan": "Alasan koreksi wajib diisi."})
    if penilai.pk == pegawai.pk:
        raise ValidationError({"penilai": "Pegawai tidak dapat menjadi Penilai dirinya sendiri."})
    koreksi = KoreksiPenilai(
        pemda_id=pegawai.pemda_id,
        pegawai=pegawai,
        penilai=penilai,
        atasan_penilai=atasan_penilai,
        mulai=mulai,
        selesai=selesai,
        alasan=alasan,
        dibuat_oleh=by,
    )
    koreksi.full_clean()
    # A new correction closes the one in force, so there is one answer per day.
    for lama in KoreksiPenilai.objects.select_for_update().filter(pegawai=pegawai, selesai__isnull=True):
        if lama.mulai < mulai:
            lama.selesai = mulai - datetime.timedelta(days=1)
            lama.save(update_fields=["selesai"])
    koreksi.save()
    audit_record(
        pemda_id=pegawai.pemda_id, aksi="koreksi_penilai_create", objek=pegawai, by=by, alasan=alasan
    )
    return koreksi
