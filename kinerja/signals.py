"""Signals the core sends for the later stages, so the core never imports them."""

from django.dispatch import Signal

# Sent after COMMIT of a new placement (mutasi, first placement of a new Pegawai): kwargs `pemda_id`,
# `pegawai_id`, `penempatan_id`. The SKP app starts the new SKP of a moved Pegawai and of her subordinates.
penempatan_dicatat = Signal()
