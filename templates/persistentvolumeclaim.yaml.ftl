<#--
  The claim on the disk that holds /var/opt/mssql. It outlives the pods: a replacement pod, on this
  node or another, mounts the same claim and finds the databases where the last one left them.
  With ha.workload StatefulSet, the StatefulSet's volumeClaimTemplates make the claim instead.
-->
<#if ha.workload == "Deployment">
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ${storage.claimName}
<#if namespace?has_content>
  namespace: ${namespace}
</#if>
  labels:
<#list labels as key, value>
    ${key}: ${value}
</#list>
<#if annotations?has_content>
  annotations:
<#list annotations as key, value>
    ${key}: ${value}
</#list>
</#if>
spec:
<#-- No class name: the cluster's default StorageClass (platform generic). -->
<#if storage.className?has_content>
  storageClassName: ${storage.className}
</#if>
  accessModes:
    - ${storage.accessMode}
  resources:
    requests:
      storage: ${storage.size}
</#if>
