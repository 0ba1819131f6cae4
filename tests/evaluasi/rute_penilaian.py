"""Cross-Pemda route objects of the penilaian area: route name -> lambda world: a Sumedang object."""

OBJEK = {}
