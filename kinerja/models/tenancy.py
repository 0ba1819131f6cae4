"""The tenant (Pemda), the base class of every tenant-owned model, accounts and national code lists."""

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import capfirst
from django_scopes import ScopedManager
from django_scopes.manager import DisabledQuerySet


class Pemda(models.Model):
    """A regional government (kabupaten/kota): the tenant. Global table, one row per tenant."""

    slug = models.SlugField(unique=True, help_text="Pengenal singkat, mis. 'bogor'.")
    nama = models.CharField(max_length=120, help_text="Mis. 'Kabupaten Bogor'.")
    provinsi = models.CharField(max_length=80, blank=True)
    aktif = models.BooleanField(default=True)

    class Meta:
        verbose_name = "Pemda"
        verbose_name_plural = "Pemda"
        ordering = ["nama"]

    def __str__(self):
        return self.nama


class _NoPemdaQuerySet(DisabledQuerySet):
    """What a tenant model's manager returns with no active Pemda: every way of reading raises.

    django-scopes' own DisabledQuerySet leaves exists(), explain(), exclude() and a few more open, and
    those would run over every Pemda. Only none(), using() and create() stay allowed, as in django-scopes.
    """

    exists = contains = explain = exclude = in_bulk = DisabledQuerySet.error
    select_related = prefetch_related = distinct = extra = defer = alias = DisabledQuerySet.error
    bulk_update = intersection = difference = DisabledQuerySet.error


def tenant_manager(manager_class=models.Manager):
    """django-scopes' manager on the `pemda` dimension (over `manager_class`), closed for every read
    without an active Pemda. Every tenant model's managers come from here."""

    class TenantManager(ScopedManager(pemda="pemda", _manager_class=manager_class).__class__):
        def get_queryset(self):
            queryset = super().get_queryset()
            if isinstance(queryset, DisabledQuerySet):
                return _NoPemdaQuerySet(self.model, using=self._db, missing_scopes=queryset.missing_scopes)
            return queryset

    return TenantManager()


class TenantModel(models.Model):
    """Base of every tenant-owned row.

    Queries go through a django-scopes manager: with no active Pemda they raise ScopeError instead of
    returning every tenant's rows. Foreign keys to other tenant-owned rows must stay inside the Pemda;
    `save()` checks it here and PostgreSQL enforces it with composite foreign keys (kinerja/rls.py).
    """

    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="+", db_index=True)

    objects = tenant_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        check_same_pemda(self)
        super().save(*args, **kwargs)

    def unique_error_message(self, model_class, unique_check):
        """Every uniqueness here is per Pemda: name the other fields only, and say it already exists
        (Django's Indonesian catalogue says "tidak ada", the opposite, for multi-field checks)."""
        error = super().unique_error_message(model_class, unique_check)
        fields = [name for name in unique_check if name != "pemda"]
        if len(unique_check) > 1 and fields:
            labels = ", ".join(str(model_class._meta.get_field(name).verbose_name) for name in fields)
            error = ValidationError(
                "%(model_name)s dengan %(field_labels)s ini sudah ada.",
                code="unique_together",
                params={"model_name": capfirst(model_class._meta.verbose_name), "field_labels": labels},
            )
        return error


def tenant_foreign_keys(model):
    """The foreign keys of `model` that point at another tenant-owned model."""
    return [
        field
        for field in model._meta.concrete_fields
        if field.is_relation
        and (field.many_to_one or field.one_to_one)
        and field.name != "pemda"
        and is_tenant_model(field.related_model)
    ]


def is_tenant_model(model) -> bool:
    return isinstance(model, type) and issubclass(model, TenantModel) and not model._meta.abstract


def check_same_pemda(instance):
    """Raise ValidationError when a foreign key of `instance` points into another Pemda."""
    if instance.pemda_id is None:
        return
    for field in tenant_foreign_keys(type(instance)):
        target_id = getattr(instance, field.attname)
        if target_id is None:
            continue
        if field.is_cached(instance):
            target_pemda = getattr(instance, field.name).pemda_id
        else:
            target_pemda = (
                field.related_model._base_manager.filter(pk=target_id)
                .values_list("pemda_id", flat=True)
                .first()
            )
        if target_pemda != instance.pemda_id:
            raise ValidationError(
                {
                    field.name: f"{field.verbose_name} berasal dari Pemda lain; relasi lintas Pemda tidak diizinkan."
                }
            )


class Golongan(models.Model):
    """National code list of pangkat/golongan ruang (PNS) and golongan (PPPK). A reference table."""

    class Jenis(models.TextChoices):
        PNS = "PNS", "PNS"
        PPPK = "PPPK", "PPPK"

    kode = models.CharField(max_length=8, help_text="Mis. 'III/a' (PNS) atau 'IX' (PPPK).")
    jenis_asn = models.CharField(max_length=4, choices=Jenis.choices)
    pangkat = models.CharField(max_length=60, blank=True, help_text="Nama pangkat PNS, mis. 'Penata Muda'.")
    urutan = models.PositiveSmallIntegerField()

    class Meta:
        verbose_name = "Golongan"
        verbose_name_plural = "Golongan"
        ordering = ["jenis_asn", "urutan"]
        constraints = [models.UniqueConstraint(fields=["jenis_asn", "kode"], name="golongan_unik")]

    def __str__(self):
        return f"{self.pangkat}, {self.kode}" if self.pangkat else self.kode


class KinerjaUserManager(UserManager):
    pass


class User(AbstractUser):
    """A login. Username is the NIP for Pegawai (NIP is national, so usernames are global).

    Accounts are read before the tenant is known (login, password reset), so this table is not scoped;
    it carries the Pemda the user belongs to, and the tenant of every request is taken from it.
    Platform superadmins have no Pemda.
    """

    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    pegawai = models.OneToOneField(
        "kinerja.Pegawai", on_delete=models.SET_NULL, null=True, blank=True, related_name="akun"
    )
    is_admin_bkpsdm = models.BooleanField("Admin BKPSDM", default=False)
    is_kepala_daerah = models.BooleanField("Kepala Daerah", default=False)
    harus_ganti_password = models.BooleanField(default=False)

    objects = KinerjaUserManager()

    class Meta:
        verbose_name = "Akun"
        verbose_name_plural = "Akun"

    def clean(self):
        super().clean()
        if self.pegawai_id and self.pegawai.pemda_id != self.pemda_id:
            raise ValidationError({"pegawai": "Pegawai berasal dari Pemda lain."})
        if not self.is_superuser and self.pemda_id is None:
            raise ValidationError({"pemda": "Setiap akun selain superadmin platform harus punya Pemda."})

    @property
    def nama_tampil(self) -> str:
        if self.pegawai_id:
            return self.pegawai.nama_lengkap
        return self.get_full_name() or self.username
