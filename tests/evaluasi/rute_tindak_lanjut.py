"""Cross-Pemda route objects of the tindak_lanjut area: route name -> lambda world: a Sumedang object."""

OBJEK = {}
