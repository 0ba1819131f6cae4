"""Cross-Pemda route objects of the lonceng area: route name -> lambda world: a Sumedang object."""

OBJEK = {}
