"""PostgreSQL: refuse, in the database itself, changes to issued documents, so that raw SQL and
QuerySet.update() cannot make them either: the content of any version, and everything of a final one (its
PDF, seal, signers and signatures). SQLite relies on the services and save() (dokumen/models.py)."""

from django.db import migrations

PEMICU = r"""
CREATE OR REPLACE FUNCTION dokumen_dokumen_beku() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'dokumen %: dokumen yang sudah diterbitkan tidak dapat dihapus', OLD.id;
  END IF;
  -- The content: fixed at issue.
  IF NEW.pemda_id IS DISTINCT FROM OLD.pemda_id OR NEW.format_kode IS DISTINCT FROM OLD.format_kode
     OR NEW.judul IS DISTINCT FROM OLD.judul OR NEW.objek_jenis IS DISTINCT FROM OLD.objek_jenis
     OR NEW.objek_id IS DISTINCT FROM OLD.objek_id OR NEW.versi IS DISTINCT FROM OLD.versi
     OR NEW.html IS DISTINCT FROM OLD.html OR NEW.html_sha256 IS DISTINCT FROM OLD.html_sha256
     OR NEW.token IS DISTINCT FROM OLD.token OR NEW.diterbitkan_oleh_id IS DISTINCT FROM OLD.diterbitkan_oleh_id
     OR NEW.diterbitkan_pada IS DISTINCT FROM OLD.diterbitkan_pada THEN
    RAISE EXCEPTION 'dokumen %: isi dokumen yang sudah diterbitkan tidak dapat diubah', OLD.id;
  END IF;
  -- The final PDF and its seal: fixed once the document is final.
  IF OLD.status <> 'menunggu_tanda_tangan' AND (
       NEW.pdf IS DISTINCT FROM OLD.pdf OR NEW.pdf_sha256 IS DISTINCT FROM OLD.pdf_sha256
    OR NEW.sertifikat_id IS DISTINCT FROM OLD.sertifikat_id
    OR NEW.ditandatangani_pada IS DISTINCT FROM OLD.ditandatangani_pada) THEN
    RAISE EXCEPTION 'dokumen %: PDF final dokumen tidak dapat diubah', OLD.id;
  END IF;
  IF OLD.status = 'digantikan' AND OLD.diganti_oleh_id IS NOT NULL
     AND NEW.diganti_oleh_id IS DISTINCT FROM OLD.diganti_oleh_id THEN
    RAISE EXCEPTION 'dokumen %: pengganti dokumen tidak dapat diubah', OLD.id;
  END IF;
  IF NEW.status IS DISTINCT FROM OLD.status AND NOT (
       (OLD.status = 'menunggu_tanda_tangan' AND NEW.status IN ('ditandatangani', 'digantikan'))
    OR (OLD.status = 'ditandatangani' AND NEW.status = 'digantikan')) THEN
    RAISE EXCEPTION 'dokumen %: status tidak dapat berubah dari % menjadi %', OLD.id, OLD.status, NEW.status;
  END IF;
  RETURN NEW;
END $$;

-- Signers and signatures of a final (signed or superseded) document. While a document awaits signatures
-- the services and save() guard these rows.
CREATE OR REPLACE FUNCTION dokumen_baris_beku() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM dokumen_dokumen d WHERE d.id = OLD.dokumen_id
             AND d.status <> 'menunggu_tanda_tangan') THEN
    RAISE EXCEPTION '%: tanda tangan dokumen yang sudah final tidak dapat diubah atau dihapus', TG_TABLE_NAME;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
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
