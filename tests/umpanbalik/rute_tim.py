"""Cross-Pemda route objects of the tim area: route name -> lambda world: a Sumedang object."""

OBJEK = {}
