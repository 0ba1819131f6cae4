from django.db import migrations

PNS = [
    ("I/a", "Juru Muda"),
    ("I/b", "Juru Muda Tingkat I"),
    ("I/c", "Juru"),
    ("I/d", "Juru Tingkat I"),
    ("II/a", "Pengatur Muda"),
    ("II/b", "Pengatur Muda Tingkat I"),
    ("II/c", "Pengatur"),
    ("II/d", "Pengatur Tingkat I"),
    ("III/a", "Penata Muda"),
    ("III/b", "Penata Muda Tingkat I"),
    ("III/c", "Penata"),
    ("III/d", "Penata Tingkat I"),
    ("IV/a", "Pembina"),
    ("IV/b", "Pembina Tingkat I"),
    ("IV/c", "Pembina Utama Muda"),
    ("IV/d", "Pembina Utama Madya"),
    ("IV/e", "Pembina Utama"),
]
PPPK = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII"]


def isi(apps, schema_editor):
    Golongan = apps.get_model("kinerja", "Golongan")
    rows = [Golongan(kode=k, pangkat=p, jenis_asn="PNS", urutan=i) for i, (k, p) in enumerate(PNS, 1)]
    rows += [Golongan(kode=k, pangkat="", jenis_asn="PPPK", urutan=i) for i, k in enumerate(PPPK, 1)]
    Golongan.objects.bulk_create(rows)


def kosongkan(apps, schema_editor):
    apps.get_model("kinerja", "Golongan").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("kinerja", "0001_initial")]
    operations = [migrations.RunPython(isi, kosongkan)]
