# The production image: the web server, the Celery worker and beat all run from it.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1

# Pango and HarfBuzz's subsetter for WeasyPrint (PDF reports), DejaVu for ä, ö and å.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
       libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml ./
RUN pip install .
COPY . .
# Settings refuse to load without these; collectstatic needs no real database or secret.
RUN DEBUG=0 SECRET_KEY=collectstatic-only-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyz \
    ALLOWED_HOSTS=build DATABASE_URL=postgres://build@localhost/build REDIS_URL=redis://build:6379/0 \
    python manage.py collectstatic --no-input -v 0

RUN useradd --system --uid 1000 --home-dir /app socialwork \
    && mkdir -p /data/media && chown socialwork /data/media
# Uploaded files: a volume in docker-compose.yml, backed up with the database.
ENV MEDIA_ROOT=/data/media
USER socialwork
EXPOSE 8000
CMD ["gunicorn", "socialwork.wsgi:application", "--bind", "0.0.0.0:8000"]
