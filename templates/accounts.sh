#!/bin/sh
# The accounts job of sqledge-maven-plugin: waits until SQL Server accepts connections, puts each
# login's password into accounts.sql (beside this file) and sends it through sqlcmd, which makes
# the declared databases and logins or brings them back to the declaration. Each line SQL Server
# prints about a change starts with "sqledge: ". See docs/databases-and-logins.md.
#
#   accounts.sh
#
# Environment: SQLEDGE_HOST and SQLEDGE_PORT (the instance's Service), SQLEDGE_LOGIN and
# SQLCMDPASSWORD (sqlcmd reads the password from it, so it is on no command line),
# SQLEDGE_PASSWORD_<i> (the password of the login whose token is {{SQLEDGE_PASSWORD_<i>}}), and
# SQLEDGE_WAIT_SECONDS, SQLEDGE_SCRIPTS and TMPDIR for the tests.
#
# POSIX sh and the tools every image with sqlcmd has (awk, grep, sort, sleep, rm).
set -eu

scripts=${SQLEDGE_SCRIPTS:-/opt/sqledge}
tmp=${TMPDIR:-/tmp}
wait_seconds=${SQLEDGE_WAIT_SECONDS:-600}

# say and run_sqlcmd
# shellcheck source=sqlcmd.sh
. "$scripts/sqlcmd.sh"

server="tcp:$SQLEDGE_HOST,$SQLEDGE_PORT"

# Every password the script names must be set and hold no control character: a line break would end the literal's line for sqlcmd, which reads
# GO and its commands at the start of a line. Any other character is fine: quotes are doubled
# below, and sqlcmd runs with -x, so $( in a password is no scripting variable.
for token in $(grep -o '{{SQLEDGE_PASSWORD_[0-9]*}}' "$scripts/accounts.sql" | sort -u); do
  variable=${token#\{\{}
  variable=${variable%\}\}}
  eval "value=\${$variable:-}" # the name is SQLEDGE_PASSWORD_ and digits, as grep found it
  if [ -z "$value" ]; then
    say "$variable is not set: the login's Secret has no password" >&2
    exit 2
  fi
  case $value in
    *[[:cntrl:]]*)
      say "the password in $variable holds a control character (a line break?), which cannot be sent to SQL Server in a script" >&2
      exit 2 ;;
  esac
done

# SQL Server may still be starting, or coming back on another node: wait until it answers.
waited=0
until run_sqlcmd -S "$server" -U "$SQLEDGE_LOGIN" -C -b -l 5 -Q "SET NOCOUNT ON; SELECT 1" >/dev/null 2>&1; do
  if [ "$waited" -ge "$wait_seconds" ]; then
    say "$SQLEDGE_HOST:$SQLEDGE_PORT did not accept a connection as $SQLEDGE_LOGIN within ${wait_seconds}s" >&2
    run_sqlcmd -S "$server" -U "$SQLEDGE_LOGIN" -C -b -l 5 -Q "SELECT 1" >&2 || true
    exit 1
  fi
  sleep 5
  waited=$((waited + 5))
done
say "databases and logins of $SQLEDGE_HOST:$SQLEDGE_PORT, as $SQLEDGE_LOGIN"

# awk puts each password in as plain text (sub and gsub would read & in it), with its quotes
# doubled, from the environment, so it is on no command line; the filled script lives in the
# in-memory /tmp for the one sqlcmd call.
filled="$tmp/sqledge-accounts.sql"
(umask 077 && awk '
  {
    line = $0
    out = ""
    while (match(line, /\{\{SQLEDGE_PASSWORD_[0-9]+\}\}/)) {
      value = ENVIRON[substr(line, RSTART + 2, RLENGTH - 4)]
      quoted = ""
      while ((at = index(value, "\047")) > 0) {
        quoted = quoted substr(value, 1, at) "\047"
        value = substr(value, at + 1)
      }
      out = out substr(line, 1, RSTART - 1) quoted value
      line = substr(line, RSTART + RLENGTH)
    }
    print out line
  }' "$scripts/accounts.sql" > "$filled")
status=0
# -b: an error fails sqlcmd, and so the job. -x: no scripting variables. -C: trust the server's
# certificate (SQL Server's own self-signed one, until TLS is configured). -f i:65001: UTF-8.
run_sqlcmd -S "$server" -U "$SQLEDGE_LOGIN" -C -b -x -f i:65001 -i "$filled" || status=$?
rm -f -- "$filled"
exit "$status"
