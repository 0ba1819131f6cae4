"""PostgreSQL second layer of tenant isolation, applied after every `migrate`.

- The app role (settings.DB_APP_ROLE) gets DML rights only: it owns no table and is not superuser.
- Every tenant-owned table gets Row-Level Security: a row is visible only when `app.pemda_id`, set per
  transaction by kinerja.scoping, names its Pemda ('*' only inside national_context()).
  Table owners (migrations, seeding) are not subject to it: RLS is enabled, not forced.
- Every foreign key between tenant-owned tables gets a composite twin `(fk_id, pemda_id) -> (id, pemda_id)`,
  so a reference across Pemda is impossible in the database itself. This is also the shape Citus needs
  for co-located foreign keys (docs/scaling.md).
"""

import hashlib
import logging

from django.apps import apps
from django.conf import settings
from django.db import connections, transaction

logger = logging.getLogger(__name__)

FUNCTIONS_SQL = """
CREATE OR REPLACE FUNCTION kinerja_current_pemda() RETURNS bigint LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN current_setting('app.pemda_id', true) ~ '^[0-9]+$'
              THEN current_setting('app.pemda_id', true)::bigint END
$$;
CREATE OR REPLACE FUNCTION kinerja_all_pemda() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('app.pemda_id', true), '') = '*'
$$;
"""


def tenant_models():
    from kinerja.models import is_tenant_model

    return [model for model in apps.get_models() if is_tenant_model(model)]


def _name(prefix: str, *parts: str) -> str:
    digest = hashlib.sha1("|".join(parts).encode()).hexdigest()[:10]
    return f"{prefix}_{parts[0][:40]}_{digest}"


def _constraint_exists(cursor, table: str, name: str) -> bool:
    cursor.execute(
        "SELECT 1 FROM pg_constraint WHERE conname = %s AND conrelid = %s::regclass", [name, table]
    )
    return cursor.fetchone() is not None


def ensure_app_role(cursor, role: str):
    """Create the app role if it is missing and this connection may create roles."""
    cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
    if cursor.fetchone():
        return True
    cursor.execute("SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user")
    if not cursor.fetchone()[0]:
        logger.warning(
            "Role %s does not exist and cannot be created by %s; skipping grants.", role, "this user"
        )
        return False
    # Two connections may get here at once (parallel test workers, two deploys): the loser finds it made.
    cursor.execute(
        f'DO $$ BEGIN CREATE ROLE "{role}" NOLOGIN NOSUPERUSER NOBYPASSRLS; '
        "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$"
    )
    return True


def apply(using: str = "default"):
    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    role = settings.DB_APP_ROLE
    with transaction.atomic(using=using), connection.cursor() as cursor:
        cursor.execute(FUNCTIONS_SQL)
        if ensure_app_role(cursor, role):
            cursor.execute(f'GRANT USAGE ON SCHEMA public TO "{role}"')
            cursor.execute(f'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "{role}"')
            cursor.execute(f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO "{role}"')
            cursor.execute(f'GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO "{role}"')
        for model in tenant_models():
            table = model._meta.db_table
            cursor.execute(f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY')
            cursor.execute(f'DROP POLICY IF EXISTS tenant_isolation ON "{table}"')
            cursor.execute(
                f'CREATE POLICY tenant_isolation ON "{table}" '
                "USING (kinerja_all_pemda() OR pemda_id = kinerja_current_pemda()) "
                "WITH CHECK (kinerja_all_pemda() OR pemda_id = kinerja_current_pemda())"
            )
            unique_name = _name("tpk", table, "id", "pemda_id")
            if not _constraint_exists(cursor, table, unique_name):
                cursor.execute(f'ALTER TABLE "{table}" ADD CONSTRAINT "{unique_name}" UNIQUE (id, pemda_id)')
        for model in tenant_models():
            _apply_composite_fks(cursor, model)


def _apply_composite_fks(cursor, model):
    from kinerja.models import tenant_foreign_keys

    table = model._meta.db_table
    for field in tenant_foreign_keys(model):
        target = field.related_model._meta.db_table
        name = _name("tfk", table, field.column)
        if _constraint_exists(cursor, table, name):
            continue
        cursor.execute(
            f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" FOREIGN KEY ("{field.column}", pemda_id) '
            f'REFERENCES "{target}" (id, pemda_id) DEFERRABLE INITIALLY DEFERRED'
        )


def on_post_migrate(sender, using="default", **kwargs):
    apply(using)
