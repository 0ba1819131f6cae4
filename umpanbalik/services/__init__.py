"""Writes of pelaksanaan, umpan balik and pembinaan: one function per state change (STYLE.md "Writes").

Modules: catatan (catatan harian), realisasi (realisasi and bukti dukung), umpan_balik (feedback and
invitations), tindak_lanjut (responses to progress, ambil alih), pembinaan (bimbingan, B.1.8-B.1.10,
konseling).
"""
