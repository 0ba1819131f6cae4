"""The active Pemda of a request, task or command.

Two layers, both fail-closed:
- django-scopes: a query of a tenant-owned model with no active Pemda raises ScopeError;
- PostgreSQL Row-Level Security: the tenant is set per transaction with `set_config('app.pemda_id', ..., true)`;
  a query in a transaction without it sees no rows (kinerja/rls.py).

The Pemda always comes from the authenticated user, never from request data.
"""

from contextlib import contextmanager

from django.db import connection, transaction
from django_scopes import scope, scopes_disabled

RLS_SETTING = "app.pemda_id"
NATIONAL = "*"


def _set_rls(value: str) -> str | None:
    """Set the tenant of the current transaction; return the value it replaces."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        # The materialised CTE reads the old value before set_config runs, in one round trip.
        cursor.execute(
            f"WITH old AS MATERIALIZED (SELECT current_setting('{RLS_SETTING}', true) AS value) "
            f"SELECT set_config('{RLS_SETTING}', %s, true), old.value FROM old",
            [value],
        )
        return cursor.fetchone()[1]


@contextmanager
def _rls(value: str):
    """One transaction (or savepoint) with the RLS tenant set to `value`. Nested in another context, the
    outer value is put back on the way out: set_config(..., true) lasts until the end of the whole
    transaction, not of the savepoint, so without this a national_context() inside a request would leave
    every Pemda visible to the rest of it. (On an exception the savepoint's rollback restores it.)"""
    nested = connection.in_atomic_block
    with transaction.atomic():
        previous = _set_rls(value)
        yield
        if nested and previous is not None:
            _set_rls(previous)


@contextmanager
def tenant_context(pemda_id: int):
    """Run the block as Pemda `pemda_id`: scoped queries, and on PostgreSQL one transaction with RLS set."""
    if pemda_id is None:
        raise ValueError("tenant_context needs a Pemda")
    pemda_id = int(pemda_id)
    with scope(pemda=pemda_id), _rls(str(pemda_id)):
        yield


@contextmanager
def national_context():
    """Explicit escape for platform administration and national reports: every Pemda is visible."""
    with scopes_disabled(), _rls(NATIONAL):
        yield


class TenantMiddleware:
    """Activate the logged-in user's Pemda for the rest of the request.

    Token-authenticated API requests are resolved here too (kinerja.api_auth), so the scope is active
    before DRF's view code runs. A platform superadmin (no Pemda) gets the national context on /admin/
    only. Anonymous requests get no scope: any tenant query they reach raises.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from kinerja.api_auth import authenticate_token_header

        authenticate_token_header(request)
        user = getattr(request, "kinerja_token_user", None) or request.user
        pemda_id = getattr(user, "pemda_id", None) if user.is_authenticated else None
        if pemda_id is not None:
            with tenant_context(pemda_id):
                request.pemda_id = pemda_id
                response = self.get_response(request)
                if response.status_code >= 500:
                    transaction.set_rollback(True)
                return response
        if user.is_authenticated and user.is_superuser and request.path.startswith("/admin/"):
            with national_context():
                return self.get_response(request)
        request.pemda_id = None
        return self.get_response(request)
