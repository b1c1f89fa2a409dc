#!/bin/sh
# Starts the metrics exporter (sql_exporter, metrics.enabled) beside SQL Server, in the database's
# pod: it connects to SQL Server on the pod's loopback address as SQLEDGE_METRICS_USER with
# SQLEDGE_METRICS_PASSWORD, both from Secrets. sql_exporter takes the login inside its data source
# name, a URL: every byte of the name and the password is percent-encoded, so no character of
# theirs can change the URL, and the URL reaches sql_exporter in its environment
# (SQLEXPORTER_TARGET_DSN, which overrides the configuration's credential-less one), never on a
# command line or in a file. The connection does not leave the pod, so it encrypts without
# checking the certificate, which names the Service, not 127.0.0.1. See docs/monitoring.md.
set -eu

# Percent-encodes every byte of $1 (od and sed as BusyBox and GNU have them).
encode() {
  printf '%s' "$1" | od -An -v -tx1 | tr -d ' \n' | sed 's/../%&/g'
}

SQLEXPORTER_TARGET_DSN="sqlserver://$(encode "$SQLEDGE_METRICS_USER"):$(encode "$SQLEDGE_METRICS_PASSWORD")@127.0.0.1:${SQLEDGE_SQL_PORT}?encrypt=true&TrustServerCertificate=true"
export SQLEXPORTER_TARGET_DSN
unset SQLEDGE_METRICS_PASSWORD
exec sql_exporter -config.file="$(dirname "$0")/sql_exporter.yml" \
  -web.listen-address=":${SQLEDGE_METRICS_PORT}"
