"""Cross-Pemda route objects of the kepatuhan area: route name -> lambda world: a Sumedang object."""

OBJEK = {}
