#!/bin/bash
# A streaming replica of the `db` service (docker-compose.yml, profile `replicas`): on an empty
# volume it copies the primary with pg_basebackup -R (which writes standby.signal and the
# primary_conninfo), then runs PostgreSQL as a hot standby. Failover is PostgreSQL's own
# (`pg_ctl promote` / `SELECT pg_promote()`), decided by an operator or a tool built for it,
# never by the app (docs/operations.md, "Several replicas").
set -euo pipefail
: "${PGDATA:=/var/lib/postgresql/data}"
: "${PRIMARY_HOST:=db}"
mkdir -p "$PGDATA"
chown postgres:postgres "$PGDATA"
chmod 700 "$PGDATA"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  echo "replica: copying the primary ${PRIMARY_HOST} with pg_basebackup"
  until PGPASSWORD="$SCHAKEL_REPLICATION_PASSWORD" gosu postgres pg_basebackup -h "$PRIMARY_HOST" -U replicator -D "$PGDATA" -R -X stream -c fast; do
    echo "replica: the primary is not ready for a base backup yet; again in 3 s"
    rm -rf "${PGDATA:?}"/*
    sleep 3
  done
fi
exec gosu postgres postgres -D "$PGDATA" -c hot_standby=on
