"""PostgreSQL: refuse, in the database itself, any change to an issued document that the ORM's save() would
refuse (dokumen/models.py), so raw SQL and QuerySet.update() cannot change it either. SQLite relies on
the services and save()."""

from django.db import migrations

PEMICU = r"""
CREATE OR REPLACE FUNCTION dokumen_dokumen_beku() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'dokumen %: dokumen yang sudah diterbitkan tidak dapat dihapus', OLD.id;
  END IF;
  IF NEW.pemda_id IS DISTINCT FROM OLD.pemda_id OR NEW.format_kode IS DISTINCT FROM OLD.format_kode
     OR NEW.judul IS DISTINCT FROM OLD.judul OR NEW.objek_jenis IS DISTINCT FROM OLD.objek_jenis
     OR NEW.objek_id IS DISTINCT FROM OLD.objek_id OR NEW.versi IS DISTINCT FROM OLD.versi
     OR NEW.html IS DISTINCT FROM OLD.html OR NEW.html_sha256 IS DISTINCT FROM OLD.html_sha256
     OR NEW.token IS DISTINCT FROM OLD.token OR NEW.diterbitkan_oleh_id IS DISTINCT FROM OLD.diterbitkan_oleh_id
     OR NEW.diterbitkan_pada IS DISTINCT FROM OLD.diterbitkan_pada THEN
    RAISE EXCEPTION 'dokumen %: isi dokumen yang sudah diterbitkan tidak dapat diubah', OLD.id;
  END IF;
  IF (OLD.pdf IS NOT NULL AND NEW.pdf IS DISTINCT FROM OLD.pdf)
     OR (OLD.pdf_sha256 <> '' AND NEW.pdf_sha256 IS DISTINCT FROM OLD.pdf_sha256)
     OR (OLD.sertifikat_id IS NOT NULL AND NEW.sertifikat_id IS DISTINCT FROM OLD.sertifikat_id)
     OR (OLD.ditandatangani_pada IS NOT NULL AND NEW.ditandatangani_pada IS DISTINCT FROM OLD.ditandatangani_pada)
     OR (OLD.diganti_oleh_id IS NOT NULL AND NEW.diganti_oleh_id IS DISTINCT FROM OLD.diganti_oleh_id) THEN
    RAISE EXCEPTION 'dokumen %: PDF final dan penggantinya tidak dapat diubah', OLD.id;
  END IF;
  IF NEW.status IS DISTINCT FROM OLD.status AND NOT (
       (OLD.status = 'menunggu_tanda_tangan' AND NEW.status IN ('ditandatangani', 'digantikan'))
    OR (OLD.status = 'ditandatangani' AND NEW.status = 'digantikan')) THEN
    RAISE EXCEPTION 'dokumen %: status tidak dapat berubah dari % menjadi %', OLD.id, OLD.status, NEW.status;
  END IF;
  RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION dokumen_baris_beku() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%: baris ini tidak dapat diubah atau dihapus', TG_TABLE_NAME;
END $$;

DROP TRIGGER IF EXISTS dokumen_beku ON dokumen_dokumen;
CREATE TRIGGER dokumen_beku BEFORE UPDATE OR DELETE ON dokumen_dokumen
  FOR EACH ROW EXECUTE FUNCTION dokumen_dokumen_beku();
DROP TRIGGER IF EXISTS penandatangan_beku ON dokumen_penandatangan;
CREATE TRIGGER penandatangan_beku BEFORE UPDATE OR DELETE ON dokumen_penandatangan
  FOR EACH ROW EXECUTE FUNCTION dokumen_baris_beku();
DROP TRIGGER IF EXISTS tandatangan_beku ON dokumen_tandatangan;
CREATE TRIGGER tandatangan_beku BEFORE UPDATE OR DELETE ON dokumen_tandatangan
  FOR EACH ROW EXECUTE FUNCTION dokumen_baris_beku();
"""

LEPAS = """
DROP TRIGGER IF EXISTS dokumen_beku ON dokumen_dokumen;
DROP TRIGGER IF EXISTS penandatangan_beku ON dokumen_penandatangan;
DROP TRIGGER IF EXISTS tandatangan_beku ON dokumen_tandatangan;
DROP FUNCTION IF EXISTS dokumen_dokumen_beku();
DROP FUNCTION IF EXISTS dokumen_baris_beku();
"""


def _jalankan(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("dokumen", "0001_initial")]

    operations = [migrations.RunPython(_jalankan(PEMICU), _jalankan(LEPAS))]
