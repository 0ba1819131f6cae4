"""Token authentication resolved once, in the tenant middleware, and reused by DRF."""

from rest_framework.authentication import TokenAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed


def authenticate_token_header(request):
    """If the request carries `Authorization: Token ...`, resolve it and remember the result."""
    request.kinerja_token_user = None
    request.kinerja_token_auth = None
    header = get_authorization_header(request).split()
    if not header or header[0].lower() != b"token":
        return
    try:
        result = TokenAuthentication().authenticate(request)
    except AuthenticationFailed as exc:
        request.kinerja_token_error = exc
        return
    if result:
        request.kinerja_token_user, request.kinerja_token_auth = result


class TenantTokenAuthentication(TokenAuthentication):
    def authenticate(self, request):
        django_request = request._request
        error = getattr(django_request, "kinerja_token_error", None)
        if error is not None:
            raise error
        if getattr(django_request, "kinerja_token_user", None) is not None:
            return django_request.kinerja_token_user, django_request.kinerja_token_auth
        return None
