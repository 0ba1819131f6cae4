"""Cross-Pemda route objects of the pembinaan area: route name -> lambda world: a Sumedang object."""

OBJEK = {}
