"""Cross-Pemda route objects of the admin area: route name -> lambda world: a Sumedang object."""

OBJEK = {}
