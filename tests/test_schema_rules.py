"""Schema rules every model must follow, read from the app registry so a model added later is checked too.

A model of this project is either tenant-owned or on the short, explicit NON_TENANT list. A tenant-owned model:
- inherits kinerja.models.TenantModel (that is what puts it under RLS, composite FKs and check_same_pemda);
- has a non-null `pemda` foreign key to Pemda;
- has only managers scoped on `pemda` (an unscoped second manager would be a silent escape);
- includes `pemda` in every UniqueConstraint and unique_together, and has no `unique=True` field other than
  the primary key: uniqueness is per Pemda, and a distributed database (Citus, docs/scaling.md) can only
  enforce a unique constraint that contains the distribution column.

Models of installed third-party apps must come from an app on THIRD_PARTY_APPS, so adding a library that
brings its own tables is a decision someone writes down here.
"""

from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import DatabaseError, models, transaction
from django.test.utils import isolate_apps
from django_scopes import ScopedManager, ScopeError, scope
from django_scopes.manager import DisabledQuerySet

from kinerja import rls
from kinerja.models import Pegawai, Pemda, TenantModel, is_tenant_model

pytestmark = pytest.mark.django_db

NON_TENANT = {
    "kinerja.Pemda": "the tenant itself; a Citus reference table",
    "kinerja.Golongan": "national code list of pangkat/golongan; a Citus reference table",
    "kinerja.User": "accounts are read before the tenant is known (login, password reset, tokens); "
    "each carries its Pemda, and the request's tenant is taken from it",
}
THIRD_PARTY_APPS = {
    "admin": "LogEntry: platform superadmin only (/admin/ runs in national_context)",
    "auth": "Permission and Group: global code lists",
    "contenttypes": "ContentType: global code list",
    "sessions": "Session: keyed by a random id, read before the tenant is known",
    "authtoken": "Token: per user, read before the tenant is known (kinerja.api_auth)",
    "guardian": "generic object permissions; unused, grants go to TenantModel direct FK models "
    "(DelegasiPimpinan), see STYLE.md",
    "axes": "login throttling by username and address, before the tenant is known",
    "django_celery_beat": "the periodic task schedule of the whole platform",
}


def _is_first_party(app_config) -> bool:
    path = Path(app_config.path).resolve()
    base = Path(settings.BASE_DIR).resolve()
    return path.is_relative_to(base) and not any(part in (".venv", "site-packages") for part in path.parts)


FIRST_PARTY = sorted(
    (m for a in apps.get_app_configs() if _is_first_party(a) for m in a.get_models()),
    key=lambda m: m._meta.label,
)
THIRD_PARTY = sorted(
    (m for a in apps.get_app_configs() if not _is_first_party(a) for m in a.get_models()),
    key=lambda m: m._meta.label,
)
CHECKED = [m for m in FIRST_PARTY if m._meta.label not in NON_TENANT]


# Reads that django-scopes' plain DisabledQuerySet lets through, unscoped, when no Pemda is active.
LEAKY_READS = {
    "exists()": lambda qs: qs.exists(),
    "exclude()": lambda qs: qs.exclude(pk=0),
    "explain()": lambda qs: qs.explain(),
}


def _refuses(read, queryset) -> bool:
    try:
        with transaction.atomic():  # a leaking read of a throwaway model hits a missing table
            read(queryset)
    except ScopeError:
        return True
    except DatabaseError:
        return False
    return False


def tenancy_violations(model) -> list[str]:
    """Why `model` is not a correct tenant-owned model (empty when it is)."""
    problems = []
    if not is_tenant_model(model):
        problems.append(
            "does not inherit kinerja.models.TenantModel, so RLS, composite FKs and check_same_pemda skip it"
        )
    try:
        pemda = model._meta.get_field("pemda")
    except FieldDoesNotExist:
        problems.append("has no `pemda` field")
    else:
        if not (pemda.many_to_one and pemda.related_model is Pemda):
            problems.append("`pemda` is not a foreign key to kinerja.Pemda")
        elif pemda.null:
            problems.append("`pemda` is nullable")
    for manager in model._meta.managers:
        unscoped = manager.get_queryset()
        if not (isinstance(unscoped, DisabledQuerySet) and unscoped.missing_scopes == {"pemda"}):
            problems.append(f"manager `{manager.name}` answers without an active Pemda (not scoped on pemda)")
            continue
        leaks = [name for name, read in LEAKY_READS.items() if not _refuses(read, unscoped)]
        if leaks:
            problems.append(
                f"manager `{manager.name}` runs {', '.join(leaks)} without an active Pemda "
                "(build it with kinerja.models.tenancy.tenant_manager)"
            )
        with scope(pemda=-7):
            sql = str(manager.get_queryset().query)
        if '"pemda_id" = -7' not in sql:
            problems.append(f"manager `{manager.name}` does not filter on pemda: {sql}")
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint) and "pemda" not in constraint.fields:
            problems.append(f"unique constraint `{constraint.name}` does not include pemda")
    for fields in model._meta.unique_together:
        if "pemda" not in fields:
            problems.append(f"unique_together {tuple(fields)} does not include pemda")
    for field in model._meta.concrete_fields:
        if field.unique and not field.primary_key:
            problems.append(f"field `{field.name}` is unique=True on its own; make it unique with pemda")
    return problems


# The rules, applied to every model ------------------------------------------------------------------
@pytest.mark.parametrize("model", CHECKED, ids=lambda m: m._meta.label)
def test_model_is_a_correct_tenant_model(model):
    assert tenancy_violations(model) == [], (
        f"{model._meta.label} breaks the tenancy rules; make it a TenantModel, or if it truly is national "
        "data add it to NON_TENANT in tests/test_schema_rules.py with the reason"
    )


@pytest.mark.parametrize("model", THIRD_PARTY, ids=lambda m: m._meta.label)
def test_third_party_model_comes_from_an_app_we_decided_about(model):
    assert model._meta.app_label in THIRD_PARTY_APPS, (
        f"{model._meta.label} is a new third-party table: decide whether it holds tenant data and record "
        "the decision in THIRD_PARTY_APPS"
    )


def test_the_lists_are_not_stale():
    labels = {m._meta.label for m in FIRST_PARTY}
    assert set(NON_TENANT) <= labels
    assert {m._meta.label for m in CHECKED} >= {"kinerja.Pegawai", "kinerja.UnitKerja", "kinerja.Jabatan"}
    installed = {a.label for a in apps.get_app_configs()}
    assert set(THIRD_PARTY_APPS) <= installed


@pytest.mark.parametrize("label", sorted(NON_TENANT))
def test_non_tenant_model_is_not_a_tenant_model(label):
    model = apps.get_model(label)
    assert not is_tenant_model(model)
    assert not issubclass(model, TenantModel)


def test_rls_covers_exactly_the_checked_models():
    # kinerja/rls.py applies RLS and composite FKs to what it finds with is_tenant_model; that has to be
    # every model the rules above treat as tenant-owned.
    assert set(rls.tenant_models()) == set(CHECKED)


# The checker itself: each rule catches the mistake it is for -----------------------------------------
@isolate_apps("kinerja")
def test_checker_passes_a_correct_tenant_model():
    class Baik(TenantModel):
        kode = models.CharField(max_length=10)

        class Meta:
            app_label = "kinerja"
            constraints = [models.UniqueConstraint(fields=["pemda", "kode"], name="baik_kode_unik")]

    assert tenancy_violations(Baik) == []


@isolate_apps("kinerja")
def test_checker_flags_a_model_without_pemda():
    class TanpaPemda(models.Model):  # noqa: DJ008
        nama = models.CharField(max_length=10)

        class Meta:
            app_label = "kinerja"

    problems = tenancy_violations(TanpaPemda)
    assert any("TenantModel" in p for p in problems)
    assert any("no `pemda` field" in p for p in problems)
    assert any("manager `objects` answers without an active Pemda" in p for p in problems)


@isolate_apps("kinerja")
def test_checker_flags_a_pemda_field_that_is_not_the_tenant_foreign_key():
    class PemdaTeks(models.Model):  # noqa: DJ008
        pemda = models.CharField(max_length=10)

        class Meta:
            app_label = "kinerja"

    class PemdaBolehKosong(models.Model):  # noqa: DJ008
        pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, null=True, related_name="+")

        class Meta:
            app_label = "kinerja"

    assert "`pemda` is not a foreign key to kinerja.Pemda" in tenancy_violations(PemdaTeks)
    assert "`pemda` is nullable" in tenancy_violations(PemdaBolehKosong)


@isolate_apps("kinerja")
def test_checker_flags_an_extra_unscoped_manager():
    class DenganPintuBelakang(TenantModel):
        semua = models.Manager()

        class Meta:
            app_label = "kinerja"

    assert tenancy_violations(DenganPintuBelakang) == [
        "manager `semua` answers without an active Pemda (not scoped on pemda)"
    ]


@isolate_apps("kinerja")
def test_checker_flags_a_plain_django_scopes_manager():
    class ScopesBiasa(TenantModel):
        objects = ScopedManager(pemda="pemda")

        class Meta:
            app_label = "kinerja"

    assert tenancy_violations(ScopesBiasa) == [
        "manager `objects` runs exists(), exclude(), explain() without an active Pemda "
        "(build it with kinerja.models.tenancy.tenant_manager)"
    ]


@isolate_apps("kinerja")
def test_checker_flags_uniqueness_without_pemda():
    class UnikGlobal(TenantModel):
        kode = models.CharField(max_length=10, unique=True)
        nama = models.CharField(max_length=10)
        urut = models.IntegerField()

        class Meta:
            app_label = "kinerja"
            constraints = [models.UniqueConstraint(fields=["nama"], name="unik_nama")]
            unique_together = [("urut", "nama")]

    assert tenancy_violations(UnikGlobal) == [
        "unique constraint `unik_nama` does not include pemda",
        "unique_together ('urut', 'nama') does not include pemda",
        "field `kode` is unique=True on its own; make it unique with pemda",
    ]


@isolate_apps("kinerja")
def test_checker_flags_a_one_to_one_link_because_it_is_unique_without_pemda():
    class Profil(TenantModel):
        pegawai = models.OneToOneField(Pegawai, on_delete=models.CASCADE, related_name="+")

        class Meta:
            app_label = "kinerja"

    assert tenancy_violations(Profil) == [
        "field `pegawai` is unique=True on its own; make it unique with pemda"
    ]
