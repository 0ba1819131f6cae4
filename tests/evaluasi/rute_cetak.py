"""Cross-Pemda route objects of the cetak area: route name -> lambda world: a Sumedang object."""

OBJEK = {}
