"""Cross-Pemda route objects of the keberatan area: route name -> lambda world: a Sumedang object."""

OBJEK = {}
