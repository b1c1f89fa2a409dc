<#--
  What the backup jobs run: backup.sh (templates/backup.sh) and the T-SQL of each scheduled kind
  (backup-<kind>.sql, made by io.sqledge.sql.BackupScript). The tests read the same texts from
  this ConfigMap.
-->
<#if backups.enabled>
apiVersion: v1
kind: ConfigMap
metadata:
  name: ${backups.name}
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
data:
<#list backups.files as file, text>
  ${file}: ${text}
</#list>
</#if>
