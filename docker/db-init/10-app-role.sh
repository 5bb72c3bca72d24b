#!/bin/sh
# Runs once, when the postgres container initialises an empty volume (docker-entrypoint-initdb.d).
# POSTGRES_USER (schakel) owns the schema and runs the migrations; requests connect as
# schakel_app, which owns nothing and gets its grants from the app at every start
# (api/src/db/privileges.ts, docs/operations.md "Database roles").
set -eu
if [ -z "${SCHAKEL_APP_PASSWORD:-}" ]; then
  echo "SCHAKEL_APP_PASSWORD is not set: cannot create the schakel_app role" >&2
  exit 1
fi
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" -v app_password="$SCHAKEL_APP_PASSWORD" <<'SQL'
CREATE ROLE schakel_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'app_password';
-- PostgreSQL ≥ 15 no longer lets every role create in schema public; say so explicitly all the same.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
SQL
