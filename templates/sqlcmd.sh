# What the jobs of sqledge-maven-plugin that talk to SQL Server share (backup.sh and accounts.sh
# source it from the same directory): how they report, and where they find sqlcmd.
#
# POSIX sh and the tools every image with sqlcmd has, so that the same file runs in SQL Server's
# image, in another client image, and under BusyBox in the tests.

say() {
  echo "sqledge: $*"
}

# sqlcmd: where SQL Server's images put it (mssql-tools18 since 2022; mssql-tools in older 2019
# images), else on the PATH.
run_sqlcmd() {
  for candidate in /opt/mssql-tools18/bin/sqlcmd /opt/mssql-tools/bin/sqlcmd; do
    if [ -x "$candidate" ]; then
      "$candidate" "$@"
      return
    fi
  done
  if command -v sqlcmd >/dev/null 2>&1; then
    sqlcmd "$@"
    return
  fi
  say "this image has no sqlcmd: set engine.clientImage to one that has" >&2
  return 127
}
