# The two commands of the README:
#   make run   - install into .venv, migrate, seed the demo, serve http://127.0.0.1:8000 (SQLite, tasks in-process)
#   make test  - install into .venv and run the whole suite (SQLite unless DATABASE_URL is set)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_PEGAWAI ?= 300
# WeasyPrint needs Pango; documents use Liberation fonts; browser tests use Debian's chromium.
SYSTEM_PACKAGES_RUN := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation2
SYSTEM_PACKAGES_TEST := $(SYSTEM_PACKAGES_RUN) chromium poppler-utils
# The benchmark suite drives the API with wrk and reads PDFs with poppler.
SYSTEM_PACKAGES_BENCH := $(SYSTEM_PACKAGES_RUN) wrk poppler-utils postgresql-client redis-tools
BENCH_ARGS ?=

.PHONY: run test bench install system-run system-test system-bench migrate seed lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

define apt_install
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else echo "Paket sistem belum terpasang:$$missing (pasang dengan: sudo apt-get install$$missing)"; fi; \
	fi
endef

system-run:
	$(call apt_install,$(SYSTEM_PACKAGES_RUN))

system-test:
	$(call apt_install,$(SYSTEM_PACKAGES_TEST))

system-bench:
	$(call apt_install,$(SYSTEM_PACKAGES_BENCH))

migrate: install
	mkdir -p var
	DEBUG=1 $(BIN)/python manage.py migrate --noinput

seed: migrate
	DEBUG=1 $(BIN)/python manage.py seed_demo --pegawai $(DEMO_PEGAWAI)

run: system-run seed
	DEBUG=1 $(BIN)/python manage.py seed_demo_pelaksanaan
	DEBUG=1 $(BIN)/python manage.py seed_demo_evaluasi
	@echo "Akun demo: DEBUG=1 $(BIN)/python manage.py demo_accounts"
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:8000

test: system-test install
	$(BIN)/python -m pytest -q tests $(PYTEST_ARGS)

# The benchmark suite of issue 7 on PostgreSQL and Redis (bench/semua.py): about an hour in full,
# a few minutes with BENCH_ARGS=--cepat.
bench: system-bench install
	$(BIN)/python bench/semua.py $(BENCH_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) var
