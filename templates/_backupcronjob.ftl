<#--
  The CronJob of one kind of backup (kind: full, differential or log), included by
  backup-cronjob-<kind>.yaml.ftl. See docs/backups.md.

  concurrencyPolicy Forbid: a backup still running when the next is due is not doubled.
  startingDeadlineSeconds: a run the controller could not start in time (the controller away, or
  the last run still going) is skipped, not started late in a burst.
  The pod: _sqlcmdpod.ftl. With the claim, on the database's node, so that the job can delete
  expired files; with backup.url there is no claim, and the job runs anywhere the database could;
  the bucket's keys or the container's SAS token reach it from their Secret only.
-->
<#assign job = backups.jobs[kind]>
apiVersion: batch/v1
kind: CronJob
metadata:
  name: ${job.name}
<#if namespace?has_content>
  namespace: ${namespace}
</#if>
  labels:
<#list backups.labels as key, value>
    ${key}: ${value}
</#list>
<#if annotations?has_content>
  annotations:
<#list annotations as key, value>
    ${key}: ${value}
</#list>
</#if>
spec:
  schedule: ${job.schedule}
  timeZone: ${backup.timeZone}
  concurrencyPolicy: Forbid
  startingDeadlineSeconds: ${backup.startingDeadlineSeconds}
  successfulJobsHistoryLimit: 3
  failedJobsHistoryLimit: 3
  jobTemplate:
    metadata:
      labels:
<#list backups.labels as key, value>
        ${key}: ${value}
</#list>
        ${backups.kindLabel}: ${kind}
    spec:
      backoffLimit: ${backup.backoffLimit}
      activeDeadlineSeconds: ${backup.activeDeadlineSeconds}
      template:
        metadata:
          labels:
<#list backups.labels as key, value>
            ${key}: ${value}
</#list>
            ${backups.kindLabel}: ${kind}
        spec:
<#assign env = [
  {"name": "SQLEDGE_RETENTION_DAYS", "value": backup.retentionDays?c},
  {"name": "SQLEDGE_BACKUP_TARGET", "value": backups.target}]>
<#if backups.target == "s3">
<#assign env = env + [
  {"name": "SQLEDGE_S3_ACCESS_KEY_ID", "secret": backup.credentialSecret, "key": "accessKeyId"},
  {"name": "SQLEDGE_S3_SECRET_ACCESS_KEY", "secret": backup.credentialSecret,
    "key": "secretAccessKey"}]>
<#elseif backups.target == "azure-blob">
<#assign env = env + [
  {"name": "SQLEDGE_AZURE_SAS_TOKEN", "secret": backup.credentialSecret, "key": "sasToken"}]>
</#if>
<#assign sqlcmd = {"container": "backup", "args": ["/opt/sqledge/backup.sh", kind],
  "env": env, "scripts": backups.name, "claim": backups.claim}>
<#assign podSpec><#include "_sqlcmdpod.ftl"></#assign>
          ${podSpec?markup_string?trim?replace("\n", "\n          ")?no_esc}
