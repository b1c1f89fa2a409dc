<#--
  The backups' own disk (backup.claim), mounted in the database pod at /var/opt/mssql/backup:
  SQL Server writes BACKUP ... TO DISK on its own file system, so the disk must be where it runs.
  A disk of its own, so that losing or deleting the data's claim leaves the backups. The backup
  jobs mount it too, on the same node (ReadWriteOnce allows every pod of one node), to delete
  what retention lets go. None when the backups go to object storage (backup.url).
-->
<#if backups.enabled && backups.claim>
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ${backups.claimName}
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
<#if backups.className?has_content>
  storageClassName: ${backups.className}
</#if>
  accessModes:
    - ReadWriteOnce
  resources:
    requests:
      storage: ${backup.claim.size}
</#if>
