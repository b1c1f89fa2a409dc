<#--
  The CronJob of one kind of backup (kind: full, differential or log), included by
  backup-cronjob-<kind>.yaml.ftl. See docs/backups.md.

  concurrencyPolicy Forbid: a backup still running when the next is due is not doubled.
  startingDeadlineSeconds: a run the controller could not start in time (the controller away, or
  the last run still going) is skipped, not started late in a burst.
  affinity: on the database's node (required), where the ReadWriteOnce backup claim is attached,
  so that the job can delete expired files; the job's node selection and tolerations are the
  database's, so it can go wherever the database went. With backup.url there is no claim, and the
  job runs anywhere the database could; the bucket's keys or the container's SAS token reach it
  from their Secret only, and its /tmp, where it writes the credential's script for a moment, is
  in memory.
  securityContext: the "restricted" profile, as SQL Server's own user (10001), which owns the
  backup files SQL Server writes; read-only root with an emptyDir /tmp; no ServiceAccount token.
  resources: one sqlcmd client and a directory listing (estimated, not measured: no sqlcmd runs
  here); memory requested as limited, so the job is never evicted for using what it may.
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
          restartPolicy: Never
          automountServiceAccountToken: false
          securityContext:
            runAsNonRoot: true
            runAsUser: 10001
            runAsGroup: 10001
            fsGroup: ${pod.fsGroup}
            fsGroupChangePolicy: OnRootMismatch
            seccompProfile:
              type: RuntimeDefault
<#if pod.priorityClassName?has_content>
          priorityClassName: ${pod.priorityClassName}
</#if>
<#if pod.nodeSelector?has_content>
          nodeSelector:
<#list pod.nodeSelector as key, value>
            ${key}: ${value}
</#list>
</#if>
<#if pod.imagePullSecrets?has_content>
          imagePullSecrets:
<#list pod.imagePullSecrets as secret>
            - name: ${secret}
</#list>
</#if>
<#if backups.claim>
          affinity:
            podAffinity:
              requiredDuringSchedulingIgnoredDuringExecution:
                - topologyKey: kubernetes.io/hostname
                  labelSelector:
                    matchLabels:
<#list selectorLabels as key, value>
                      ${key}: ${value}
</#list>
</#if>
<#if pod.tolerations?has_content>
          tolerations:
<#list pod.tolerations as toleration>
            - ${toYaml(toleration)}
</#list>
</#if>
          containers:
            - name: backup
              image: ${backups.image}
              imagePullPolicy: IfNotPresent
              command:
                - /bin/sh
                - /opt/sqledge/backup.sh
                - ${kind}
              env:
                - name: SQLEDGE_HOST
                  value: ${connection.host}
                - name: SQLEDGE_PORT
                  value: ${connection.port}
                - name: SQLEDGE_LOGIN
                  value: sa
                - name: SQLCMDPASSWORD
                  valueFrom:
                    secretKeyRef:
                      name: ${engine.saPassword.secretName}
                      key: ${engine.saPassword.secretKey}
                - name: SQLEDGE_RETENTION_DAYS
                  value: ${backup.retentionDays?c}
                - name: SQLEDGE_BACKUP_TARGET
                  value: ${backups.target}
<#if backups.target == "s3">
                - name: SQLEDGE_S3_ACCESS_KEY_ID
                  valueFrom:
                    secretKeyRef:
                      name: ${backup.credentialSecret}
                      key: accessKeyId
                - name: SQLEDGE_S3_SECRET_ACCESS_KEY
                  valueFrom:
                    secretKeyRef:
                      name: ${backup.credentialSecret}
                      key: secretAccessKey
<#elseif backups.target == "azure-blob">
                - name: SQLEDGE_AZURE_SAS_TOKEN
                  valueFrom:
                    secretKeyRef:
                      name: ${backup.credentialSecret}
                      key: sasToken
</#if>
                - name: HOME
                  value: /tmp
              securityContext:
                allowPrivilegeEscalation: false
                readOnlyRootFilesystem: true
                runAsNonRoot: true
                capabilities:
                  drop:
                    - ALL
              resources:
                requests:
                  cpu: 50m
                  memory: 256Mi
                  ephemeral-storage: 16Mi
                limits:
                  cpu: 500m
                  memory: 256Mi
                  ephemeral-storage: 64Mi
              volumeMounts:
                - name: scripts
                  mountPath: /opt/sqledge
                  readOnly: true
<#if backups.claim>
                - name: backups
                  mountPath: ${backups.directory}
</#if>
                - name: tmp
                  mountPath: /tmp
          volumes:
            - name: scripts
              configMap:
                name: ${backups.name}
                defaultMode: 292
<#if backups.claim>
            - name: backups
              persistentVolumeClaim:
                claimName: ${backups.claimName}
</#if>
            - name: tmp
              emptyDir:
<#if !backups.claim>
                medium: Memory
</#if>
                sizeLimit: 64Mi
