"""The ceiling of the load benchmark (bench/beban.py): the least a Django view can cost on this machine.

A WSGI module with settings of its own: no middleware, no database, no installed app, one view returning a
small JSON. Served by gunicorn with the app's own configuration, in the same run:

    gunicorn -c gunicorn.conf.py --pythonpath bench -b 127.0.0.1:8001 plafon:application
"""

from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="plafon-benchmark-only",
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    INSTALLED_APPS=[],
    MIDDLEWARE=[],
    DATABASES={},
    USE_TZ=True,
)

import django  # noqa: E402

django.setup()

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import JsonResponse  # noqa: E402
from django.urls import path  # noqa: E402


def plafon(request):
    return JsonResponse({"count": 1, "results": [{"id": 1, "status": "draft"}]})


urlpatterns = [path("", plafon)]
application = get_wsgi_application()
