<#--
  The databases and logins (databases, logins): a Job that runs accounts.sh once the database
  accepts connections. Its name ends with a digest of what it runs, so a changed declaration
  makes a new Job and an unchanged one finds the Job that already ran (see AccountsModel). See
  docs/databases-and-logins.md.

  backoffLimit 3, with the script waiting up to 10 minutes for the server: a database that is
  still starting is waited for, a script SQL Server refuses fails the job, which apply reports.
  ttlSecondsAfterFinished: a week, then Kubernetes removes the Job and its pod; the next apply
  makes it again, and it runs and changes nothing.
  The pod: _sqlcmdpod.ftl, without the backup claim; each login's password reaches it from the
  login's Secret only.
-->
<#if accounts.enabled>
apiVersion: batch/v1
kind: Job
metadata:
  name: ${accounts.jobName}
<#if namespace?has_content>
  namespace: ${namespace}
</#if>
  labels:
<#list accounts.labels as key, value>
    ${key}: ${value}
</#list>
<#if annotations?has_content>
  annotations:
<#list annotations as key, value>
    ${key}: ${value}
</#list>
</#if>
spec:
  backoffLimit: 3
  activeDeadlineSeconds: 1800
  ttlSecondsAfterFinished: 604800
  template:
    metadata:
      labels:
<#list accounts.labels as key, value>
        ${key}: ${value}
</#list>
    spec:
<#assign sqlcmd = {"container": "accounts", "args": ["/opt/sqledge/accounts.sh"],
  "env": accounts.env, "scripts": accounts.name, "claim": false}>
<#assign podSpec><#include "_sqlcmdpod.ftl"></#assign>
      ${podSpec?markup_string?trim?replace("\n", "\n      ")?no_esc}
</#if>
