"""Routes of the deadline watch (issue 6): the notification bell and the compliance view."""

from .views import kepatuhan, lonceng, menu

urlpatterns = [*lonceng.urlpatterns, *kepatuhan.urlpatterns, *menu.urlpatterns]
