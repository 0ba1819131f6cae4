-- Runs once when the PostgreSQL volume is created. The owner role (POSTGRES_USER) runs migrations
-- and seeding; the web app and workers connect as kinerja_app, which owns no table and is subject to
-- Row-Level Security. kinerja/rls.py grants it DML rights after every migrate.
CREATE ROLE kinerja_app LOGIN PASSWORD 'kinerja_app' NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
