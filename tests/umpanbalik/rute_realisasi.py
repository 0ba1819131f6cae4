"""Cross-Pemda route objects of the realisasi area: route name -> lambda world: a Sumedang object."""

OBJEK = {}
