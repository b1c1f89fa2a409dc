#!/bin/sh
# The backup job of sqledge-maven-plugin (one CronJob per kind of backup runs it): sends the
# kind's T-SQL (backup-<kind>.sql, beside this file) to SQL Server through sqlcmd, and once that
# succeeded deletes the backup files that fell out of the retention window. The restore job
# (sqledge:restore) runs it with `restore`: restore.sql, and no retention; a restore drill
# (-Dsqledge.restore.into) with `drill`: restore-plan.sql on this instance finds the chain, and
# restore-head.sql, the plan's lines and restore-apply.sql restore it on the copy
# (SQLEDGE_COPY_HOST, SQLEDGE_COPY_PORT). See docs/backups.md.
#
#   backup.sh full|differential|log|restore|drill
#
# Environment: SQLEDGE_HOST and SQLEDGE_PORT (the instance's Service; with drill, also
# SQLEDGE_COPY_HOST and SQLEDGE_COPY_PORT, the copy's), SQLEDGE_LOGIN and
# SQLCMDPASSWORD (sqlcmd reads the password from it, so it is on no command line),
# SQLEDGE_RETENTION_DAYS, SQLEDGE_BACKUP_TARGET (claim, s3 or azure-blob); with s3,
# SQLEDGE_S3_ACCESS_KEY_ID and SQLEDGE_S3_SECRET_ACCESS_KEY; with azure-blob, SQLEDGE_AZURE_SAS_TOKEN;
# SQLEDGE_BACKUP_DIR, SQLEDGE_SCRIPTS and TMPDIR for the tests.
#
# POSIX sh and the tools every image with sqlcmd has (ls, grep, awk, sed, date, rm), so that the
# same file runs in SQL Server's image, in another client image, and under BusyBox in the tests.
set -eu

kind=${1:-}
dir=${SQLEDGE_BACKUP_DIR:-/var/opt/mssql/backup}
scripts=${SQLEDGE_SCRIPTS:-/opt/sqledge}
days=${SQLEDGE_RETENTION_DAYS:-}
tmp=${TMPDIR:-/tmp}

target=${SQLEDGE_BACKUP_TARGET:-claim}

# say and run_sqlcmd
# shellcheck source=sqlcmd.sh
. "$scripts/sqlcmd.sh"

case $kind in
  full|differential|log|restore|drill) ;;
  *) say "usage: backup.sh full|differential|log|restore|drill (not '$kind')" >&2; exit 2 ;;
esac
case $days in
  ''|*[!0-9]*) say "SQLEDGE_RETENTION_DAYS must be a whole number of days" >&2; exit 2 ;;
esac

# Deletes, per database, every backup file older than the newest full backup taken before the
# window began: the files left are the window's, and the chain that its first differential and
# log backups build on. Without a full backup before the window, nothing of that database goes.
# File names (BackupFiles): <yyyymmddThhmmssZ>_<kind>_<database id>_<label>.bak, so a listing is
# one safe name a line, and times compare as text.
retention() {
  now=$(date -u +%s)
  cutoff=$(date -u -d "@$((now - days * 86400))" +%Y%m%dT%H%M%SZ)
  # shellcheck disable=SC2012 # the names are checked against the pattern below
  ls -1 "$dir" \
    | grep -E '^([0-9]{8}T[0-9]{6}Z)_(full|differential|log)_([0-9]+)_([A-Za-z0-9._-]{1,64})\.bak$' \
    > "$tmp/sqledge-backups" || true
  awk -F_ -v cutoff="$cutoff" '
    NR == FNR { if ($2 == "full" && $1 <= cutoff && $1 > base[$3]) base[$3] = $1; next }
    ($3 in base) && $1 < base[$3] { print }
  ' "$tmp/sqledge-backups" "$tmp/sqledge-backups" > "$tmp/sqledge-expired"
  deleted=0
  while read -r file; do
    rm -f -- "$dir/$file"
    say "deleted $file"
    deleted=$((deleted + 1))
  done < "$tmp/sqledge-expired"
  kept=$(( $(wc -l < "$tmp/sqledge-backups") - deleted ))
  say "retention: $kept backup files kept, $deleted deleted (older than $days days and needed by none)"
}

# With backup.url: SQL Server's credential for the bucket or container, from credential.sql with
# the secret put in place of SQLEDGE_CREDENTIAL_SECRET: <access key id>:<secret access key> for
# S3, the SAS token without its leading ? for Azure Blob storage. S3 keys hold letters, digits and
# + / = . _ - only (AWS's and the S3-compatible stores' alphabet), a SAS token a URL's query
# (letters, digits, % & + - . / : = _), so nothing in them can leave the T-SQL literal. awk puts
# the secret in as plain text (sed and awk's gsub would read & in it), from its environment, so it
# is on no command line; the filled script lives in the in-memory /tmp for the one sqlcmd call.
credential() {
  host=$1
  port=$2
  case $target in
    s3)
      id=${SQLEDGE_S3_ACCESS_KEY_ID:-}
      key=${SQLEDGE_S3_SECRET_ACCESS_KEY:-}
      for part in "$id" "$key"; do
        case $part in
          ''|*[!A-Za-z0-9+/=._-]*)
            say "the bucket's accessKeyId and secretAccessKey must be set, in letters, digits and + / = . _ - only" >&2
            exit 2 ;;
        esac
      done
      secret="$id:$key" ;;
    azure-blob)
      secret=${SQLEDGE_AZURE_SAS_TOKEN:-}
      secret=${secret#\?}
      case $secret in
        ''|*[!A-Za-z0-9%\&+./:=_-]*)
          say "the container's sasToken must be set, as Azure writes it (letters, digits and % & + - . / : = _)" >&2
          exit 2 ;;
      esac ;;
  esac
  filled="$tmp/sqledge-credential.sql"
  (umask 077 && SQLEDGE_SECRET=$secret awk '{
      at = index($0, "SQLEDGE_CREDENTIAL_SECRET")
      if (at > 0) $0 = substr($0, 1, at - 1) ENVIRON["SQLEDGE_SECRET"] substr($0, at + 25)
      print
    }' "$scripts/credential.sql" > "$filled")
  status=0
  run_sqlcmd -S "tcp:$host,$port" -U "$SQLEDGE_LOGIN" -C -b -f i:65001 -i "$filled" \
    || status=$?
  rm -f -- "$filled"
  [ "$status" -eq 0 ] || exit "$status"
}

case $target in
  claim) ;;
  s3|azure-blob) ;;
  *) say "SQLEDGE_BACKUP_TARGET must be claim, s3 or azure-blob (not '$target')" >&2; exit 2 ;;
esac

# A restore drill: the chain from this instance's backup history, restored into the copy, which
# reads the same files (the claim, mounted read-only, or the object store), then checked. The
# plan's lines that are not steps (its errors among them) go to the log; only lines that start
# as a step reach the copy's script, whose one batch holds the steps as a table.
if [ "$kind" = drill ]; then
  say "restore drill: the chain of $SQLEDGE_HOST:$SQLEDGE_PORT, restored into $SQLEDGE_COPY_HOST:$SQLEDGE_COPY_PORT"
  plan="$tmp/sqledge-plan.out"
  status=0
  run_sqlcmd -S "tcp:$SQLEDGE_HOST,$SQLEDGE_PORT" -U "$SQLEDGE_LOGIN" -C -b -f 65001 \
    -i "$scripts/restore-plan.sql" > "$plan" || status=$?
  grep -v "^INSERT INTO @steps " "$plan" || true
  [ "$status" -eq 0 ] || exit "$status"
  restore="$tmp/sqledge-restore.sql"
  { cat "$scripts/restore-head.sql"; grep "^INSERT INTO @steps " "$plan" || true
    cat "$scripts/restore-apply.sql"; } > "$restore"
  say "$(grep -c "^INSERT INTO @steps " "$plan" || true) backup files to restore"
  [ "$target" = claim ] || credential "$SQLEDGE_COPY_HOST" "$SQLEDGE_COPY_PORT"
  run_sqlcmd -S "tcp:$SQLEDGE_COPY_HOST,$SQLEDGE_COPY_PORT" -U "$SQLEDGE_LOGIN" -C -b \
    -f i:65001 -i "$restore"
  exit 0
fi

[ "$target" = claim ] || credential "$SQLEDGE_HOST" "$SQLEDGE_PORT"

if [ "$kind" = restore ]; then
  say "restore on $SQLEDGE_HOST:$SQLEDGE_PORT as $SQLEDGE_LOGIN"
  run_sqlcmd -S "tcp:$SQLEDGE_HOST,$SQLEDGE_PORT" -U "$SQLEDGE_LOGIN" -C -b -f i:65001 \
    -i "$scripts/restore.sql"
  exit 0
fi
say "$kind backup of $SQLEDGE_HOST:$SQLEDGE_PORT as $SQLEDGE_LOGIN"
# -b: an error fails sqlcmd, and so the job. -C: trust the server's certificate (SQL Server's own
# self-signed one, until TLS is configured). -f i:65001: the script is UTF-8.
run_sqlcmd -S "tcp:$SQLEDGE_HOST,$SQLEDGE_PORT" -U "$SQLEDGE_LOGIN" -C -b -f i:65001 \
  -i "$scripts/backup-$kind.sql"
if [ "$target" = claim ]; then
  retention
else
  say "retention: the store's lifecycle rule deletes old backups (docs/backups.md)"
fi
