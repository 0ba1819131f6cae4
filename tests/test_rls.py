"""PostgreSQL Row-Level Security, the second layer of tenant isolation (kinerja/rls.py, docs/tenancy.md).

The tests connect as the table owner (the test database is made by migrate) and switch to the app role with
`SET LOCAL ROLE` inside a savepoint that is rolled back, so the role and the `app.pemda_id` setting never
leak into the next statement. The web app and workers connect as that role in production (DATABASE_URL
names it, README "PostgreSQL"); there is no setting that switches roles at run time.
"""

from contextlib import contextmanager

import pytest
from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django_scopes import scopes_disabled

from kinerja.models import HariLiburPemda, Jabatan, UnitKerja, tenant_foreign_keys
from kinerja.scoping import national_context, tenant_context

from .test_tenancy import TENANT_FKS, TENANT_MODELS, label, row_of

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="Row-Level Security is PostgreSQL only"),
]

ROLE = settings.DB_APP_ROLE


def query(sql, params=None):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


@contextmanager
def as_app_role(pemda_setting=None):
    """Run the block as the app role, with `app.pemda_id` set to `pemda_setting` (or not set at all)."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f'SET LOCAL ROLE "{ROLE}"')
            if pemda_setting is not None:
                cursor.execute("SELECT set_config('app.pemda_id', %s, true)", [str(pemda_setting)])
        try:
            yield
        finally:
            transaction.set_rollback(True)


def count_rows(model) -> int:
    return query(f'SELECT count(*) FROM "{model._meta.db_table}"')[0][0]


def pemda_ids(model) -> set[int]:
    return {row[0] for row in query(f'SELECT DISTINCT pemda_id FROM "{model._meta.db_table}"')}


@pytest.fixture
def every_row(world):
    for pemda in (world.sumedang, world.bogor):
        for model in TENANT_MODELS:
            row_of(model, pemda)
    return world


# The role and the catalog ----------------------------------------------------------------------------
def test_app_role_exists_and_is_neither_superuser_nor_bypasses_rls():
    assert query("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = %s", [ROLE]) == [(False, False)]


def test_app_role_owns_no_table_sequence_or_view():
    # An owner is not subject to its table's policies (RLS is enabled, not forced), so the app role must
    # own nothing; ownership stays with the migrating role.
    owned = query(
        "SELECT c.relname FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE r.rolname = %s", [ROLE]
    )
    assert owned == []


def test_app_role_is_not_a_member_of_a_privileged_role():
    inherited = query(
        "SELECT r.rolname FROM pg_roles r WHERE pg_has_role(%s, r.oid, 'MEMBER') AND r.rolname <> %s "
        "AND (r.rolsuper OR r.rolbypassrls)",
        [ROLE, ROLE],
    )
    assert inherited == []


@pytest.mark.parametrize("model", TENANT_MODELS, ids=label)
def test_tenant_table_has_row_level_security_and_the_isolation_policy(model):
    table = model._meta.db_table
    assert query("SELECT relrowsecurity FROM pg_class WHERE oid = %s::regclass", [table]) == [(True,)]
    policies = query(
        "SELECT policyname, cmd, roles::text[], qual, with_check FROM pg_policies "
        "WHERE schemaname = 'public' AND tablename = %s",
        [table],
    )
    assert len(policies) == 1
    name, cmd, roles, using, with_check = policies[0]
    assert (name, cmd, roles) == ("tenant_isolation", "ALL", ["public"])
    for clause in (using, with_check):
        assert "pemda_id = kinerja_current_pemda()" in clause and "kinerja_all_pemda()" in clause


@pytest.mark.parametrize("table", ["kinerja_user", "kinerja_pemda", "kinerja_golongan"])
def test_account_and_reference_tables_are_not_row_level_secured_by_design(table):
    # Accounts are read before the tenant is known (login, password reset, API tokens); Pemda and Golongan
    # are national. docs/tenancy.md explains the choice.
    assert query("SELECT relrowsecurity FROM pg_class WHERE oid = %s::regclass", [table]) == [(False,)]


@pytest.mark.parametrize("model, field", TENANT_FKS, ids=[f"{m.__name__}.{f.name}" for m, f in TENANT_FKS])
def test_every_tenant_foreign_key_has_a_composite_twin_with_pemda(model, field):
    target = field.related_model._meta.db_table
    rows = query(
        """
        SELECT c.condeferrable, c.condeferred,
               array(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
                     JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i)::text[],
               array(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(n, i)
                     JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i)::text[]
        FROM pg_constraint c
        WHERE c.contype = 'f' AND c.conrelid = %s::regclass AND c.confrelid = %s::regclass
        """,
        [model._meta.db_table, target],
    )
    assert (True, True, [field.column, "pemda_id"], ["id", "pemda_id"]) in rows
    assert field in tenant_foreign_keys(model)


# What the app role sees ------------------------------------------------------------------------------
def test_owner_sees_every_pemda_so_the_checks_below_mean_something(every_row):
    for model in TENANT_MODELS:
        assert {every_row.sumedang.pk, every_row.bogor.pk} <= pemda_ids(model), label(model)


@pytest.mark.parametrize("model", TENANT_MODELS, ids=label)
def test_app_role_without_a_pemda_sees_no_rows(every_row, model):
    with as_app_role():
        assert query("SELECT current_setting('app.pemda_id', true)")[0][0] in (None, "")
        assert count_rows(model) == 0


@pytest.mark.parametrize("model", TENANT_MODELS, ids=label)
def test_app_role_with_a_pemda_sees_only_that_pemdas_rows(every_row, model):
    for pemda in (every_row.sumedang, every_row.bogor):
        expected = query(f'SELECT count(*) FROM "{model._meta.db_table}" WHERE pemda_id = %s', [pemda.pk])[0][
            0
        ]
        with as_app_role(pemda.pk):
            assert pemda_ids(model) == {pemda.pk}
            assert count_rows(model) == expected


@pytest.mark.parametrize("model", TENANT_MODELS, ids=label)
def test_app_role_with_star_sees_every_pemda(every_row, model):
    total = count_rows(model)
    with as_app_role("*"):
        assert count_rows(model) == total
        assert {every_row.sumedang.pk, every_row.bogor.pk} <= pemda_ids(model)


@pytest.mark.parametrize("setting", ["", "abc", "1 OR 1=1", "-", "**"])
def test_a_malformed_pemda_setting_sees_nothing(every_row, setting):
    with as_app_role(setting):
        assert count_rows(UnitKerja) == 0


def test_insert_for_another_pemda_is_refused_by_the_policy(world):
    with pytest.raises(DatabaseError) as excinfo, as_app_role(world.sumedang.pk), scopes_disabled():
        HariLiburPemda.objects.create(pemda=world.bogor, tanggal="2026-04-20", nama="Sisipan lintas Pemda")
    assert "row-level security" in str(excinfo.value)


def test_insert_for_its_own_pemda_is_allowed(world):
    with as_app_role(world.sumedang.pk), scopes_disabled():
        HariLiburPemda.objects.create(pemda=world.sumedang, tanggal="2026-04-20", nama="Hari Jadi")
        assert count_rows(HariLiburPemda) == 1


def test_update_moving_a_row_into_another_pemda_is_refused(world):
    with pytest.raises(DatabaseError) as excinfo, as_app_role(world.sumedang.pk):
        query("UPDATE kinerja_unitkerja SET pemda_id = %s WHERE id = %s", [world.bogor.pk, world.dinas.pk])
    assert "row-level security" in str(excinfo.value)


def test_update_and_delete_of_another_pemdas_rows_touch_nothing(world):
    bogor_penempatan = query("SELECT count(*) FROM kinerja_penempatan WHERE pemda_id = %s", [world.bogor.pk])
    assert bogor_penempatan == [(2,)]
    with as_app_role(world.sumedang.pk), connection.cursor() as cursor:
        cursor.execute("UPDATE kinerja_unitkerja SET nama = 'Diubah' WHERE id = %s", [world.unit_bogor.pk])
        assert cursor.rowcount == 0
        cursor.execute("DELETE FROM kinerja_penempatan WHERE pemda_id = %s", [world.bogor.pk])
        assert cursor.rowcount == 0
    with scopes_disabled():
        assert UnitKerja.objects.get(pk=world.unit_bogor.pk).nama == "Dinas Kesehatan"
    assert query("SELECT count(*) FROM kinerja_penempatan WHERE pemda_id = %s", [world.bogor.pk]) == [(2,)]


def test_a_composite_fk_check_is_not_blinded_by_rls(world):
    # The app role in Sumedang cannot see Bogor's units, but pointing at one still fails (the composite FK
    # check runs with the owner's rights), rather than the reference silently succeeding.
    with (
        pytest.raises(DatabaseError) as excinfo,
        as_app_role(world.sumedang.pk),
        connection.cursor() as cursor,
    ):
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        Jabatan._base_manager.filter(pk=world.pelaksana.pk).update(unit_id=world.unit_bogor.pk)
    assert "tfk_" in str(excinfo.value)


# kinerja.scoping sets the setting --------------------------------------------------------------------
def test_tenant_context_sets_the_pemda_for_rls(world):
    with tenant_context(world.sumedang.pk):
        assert query("SELECT current_setting('app.pemda_id', true)") == [(str(world.sumedang.pk),)]
        with connection.cursor() as cursor:
            cursor.execute(f'SET LOCAL ROLE "{ROLE}"')
        assert pemda_ids(UnitKerja) == {world.sumedang.pk}


def test_national_context_sets_star_for_rls(world):
    with national_context():
        assert query("SELECT current_setting('app.pemda_id', true)") == [("*",)]
        with connection.cursor() as cursor:
            cursor.execute(f'SET LOCAL ROLE "{ROLE}"')
        assert pemda_ids(UnitKerja) == {world.sumedang.pk, world.bogor.pk}


# A real request --------------------------------------------------------------------------------------
def test_request_served_as_the_app_role_sees_only_its_pemda(login, world):
    client = login(world.users.admin)
    observed = []

    def observe(execute, sql, params, many, context):
        # Before each query on the units table, look through a second cursor on the same connection:
        # who runs it, with which Pemda setting, and what an unscoped SELECT would return.
        if "kinerja_unitkerja" in sql:
            with context["connection"].connection.cursor() as raw:
                raw.execute(
                    "SELECT current_user, current_setting('app.pemda_id', true), "
                    "array(SELECT DISTINCT pemda_id FROM kinerja_unitkerja)"
                )
                observed.append(raw.fetchone())
        return execute(sql, params, many, context)

    with as_app_role(), connection.execute_wrapper(observe):
        response = client.get(reverse("api:unit-kerja-list"))

    assert response.status_code == 200
    names = {unit["nama"] for unit in response.json()["results"]}
    assert {"Dinas Komunikasi dan Informatika", "Seksi Pengembangan Aplikasi"} <= names
    assert "Dinas Kesehatan" not in names
    assert observed, "the request did not read the units table"
    assert all(seen == (ROLE, str(world.sumedang.pk), [world.sumedang.pk]) for seen in observed), observed


def _rls_setting():
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('app.pemda_id', true)")
        return cursor.fetchone()[0]


def test_a_nested_national_context_gives_the_outer_pemda_back(world):
    # set_config(..., true) outlives a savepoint: without the restore, the rest of a request that once
    # looked something up nationally would see every Pemda's rows.
    with tenant_context(world.sumedang.pk):
        with national_context():
            assert _rls_setting() == "*"
        assert _rls_setting() == str(world.sumedang.pk)
        with tenant_context(world.bogor.pk):
            assert _rls_setting() == str(world.bogor.pk)
        assert _rls_setting() == str(world.sumedang.pk)


def test_a_nested_context_that_fails_leaves_the_outer_pemda_set(world):
    with tenant_context(world.sumedang.pk):
        with pytest.raises(RuntimeError), national_context():
            raise RuntimeError("gagal")
        assert _rls_setting() == str(world.sumedang.pk)
