FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation2 \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md ./
COPY kinerja kinerja
COPY skp skp
COPY dokumen dokumen
COPY umpanbalik umpanbalik
COPY evaluasi evaluasi
COPY tenggat tenggat
COPY cetak cetak
RUN pip install --no-cache-dir .
COPY . .
RUN SECRET_KEY=build python manage.py collectstatic --noinput
RUN useradd --create-home kinerja && mkdir -p /app/var/media && chown -R kinerja /app/var
USER kinerja
EXPOSE 8000
CMD ["gunicorn", "-c", "gunicorn.conf.py", "kinerja.wsgi:application"]
