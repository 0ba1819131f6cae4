"""Every `<int:pk>` route of tenggat, with the Sumedang object an outsider must not reach."""

from . import rute_kepatuhan, rute_lonceng

OBJEK = {**rute_lonceng.OBJEK, **rute_kepatuhan.OBJEK}
