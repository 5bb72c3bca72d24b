#!/bin/sh
# Runs once, when the primary initialises an empty volume: the role a streaming replica connects
# as (the `replicas` profile of docker-compose.yml, docs/operations.md "Several replicas"). Without
# SCHAKEL_REPLICATION_PASSWORD nothing is created: a single-database deployment has no replicas.
set -eu
if [ -z "${SCHAKEL_REPLICATION_PASSWORD:-}" ]; then
  echo "SCHAKEL_REPLICATION_PASSWORD is not set: no replication role (fine without the replicas profile)"
  exit 0
fi
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" -v password="$SCHAKEL_REPLICATION_PASSWORD" <<'SQL'
CREATE ROLE replicator LOGIN REPLICATION NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'password';
SQL
# Replication connections from the compose network only, with a password (scram-sha-256).
echo "host replication replicator samenet scram-sha-256" >> "$PGDATA/pg_hba.conf"
