"""Cross-Pemda route objects of the umpan_balik area: route name -> lambda world: a Sumedang object."""

OBJEK = {}
