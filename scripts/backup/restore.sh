#!/usr/bin/env bash
# Restores a backup made by backup.sh into the databases named by the same variables the service reads
# (ORCHESTRATOR_DATABASE_URL or ORCHESTRATOR_DB_*, MONITORING_DATABASE_URL or MONITORING_DB_*; see common.sh).
#
# Usage: scripts/backup/restore.sh [--env-file .env] [--compose] [--force] BACKUP_DIR
#   BACKUP_DIR   a dated folder written by backup.sh (holding orchestrator.dump and monitoring.dump)
#   --force      restore into databases that already hold tables (their objects are dropped and replaced);
#                without it only empty databases are restored into
#   --env-file, --compose   as for backup.sh
#
# Stop every instance first (docker compose stop moolai-orchestrator, or scale the Deployment to 0), restore, then
# start them: at start-up an instance runs any migrations newer than the backup. Each database is restored in one
# transaction, so a failed restore leaves it as it was. Redis needs nothing: the cache refills itself; you may
# empty it (DELETE /api/v1/cache, or FLUSHDB) so that no answer cached after the backup is served.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=common.sh
. "$HERE/common.sh"

usage() { sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; }

ENV_FILE=
DIR=
FORCE=0
while [ $# -gt 0 ]; do
  case "$1" in
    --compose) COMPOSE=1 ;;
    --force) FORCE=1 ;;
    --env-file) ENV_FILE=${2:?--env-file needs a file}; shift ;;
    --env-file=*) ENV_FILE=${1#*=} ;;
    -h | --help) usage; exit 0 ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) [ -z "$DIR" ] || die "one BACKUP_DIR only"; DIR=$1 ;;
  esac
  shift
done
[ -n "$DIR" ] || { usage >&2; exit 2; }
[ -f "$DIR/orchestrator.dump" ] || die "$DIR/orchestrator.dump not found"
[ -z "$ENV_FILE" ] || load_env_file "$ENV_FILE"
[ "$COMPOSE" = 1 ] || command -v pg_restore >/dev/null || die "pg_restore not found (apt-get install postgresql-client, or use --compose)"

if [ -f "$DIR/MANIFEST" ] && command -v sha256sum >/dev/null; then
  while read -r line; do
    case "$line" in file=*) ;; *) continue ;; esac
    f=$(echo "$line" | sed -E 's/^file=([^ ]+) .*/\1/')
    want=$(echo "$line" | sed -E 's/.* sha256=([0-9a-f]+).*/\1/')
    got=$(sha256sum "$DIR/$f" | cut -d' ' -f1)
    [ "$got" = "$want" ] || die "$DIR/$f does not match its MANIFEST checksum"
  done <"$DIR/MANIFEST"
fi

restore() {
  local which=$1 file=$2 tables
  tables=$(pg_run "$which" psql -X -A -t -q -c "select count(*) from pg_tables where schemaname not in ('pg_catalog', 'information_schema')")
  if [ "${tables:-0}" != 0 ] && [ "$FORCE" != 1 ]; then
    die "$(db_target "$which") already holds $tables tables; restore into an empty database, or pass --force to replace them"
  fi
  echo "restore: $DIR/$file -> $(db_target "$which")"
  # Through stdin, so --compose needs no file inside the container.
  pg_run "$which" pg_restore --clean --if-exists --no-owner --no-acl --single-transaction --exit-on-error <"$DIR/$file"
}

restore ORCHESTRATOR orchestrator.dump
if [ -f "$DIR/monitoring.dump" ]; then
  restore MONITORING monitoring.dump
elif grep -q '^same_database=true' "$DIR/MANIFEST" 2>/dev/null; then
  echo "restore: the backup holds one database for both (same_database=true in MANIFEST)"
else
  die "$DIR/monitoring.dump not found"
fi
echo "restore: done; start the instances"
