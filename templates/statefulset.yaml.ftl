<#--
  The StatefulSet alternative to Deployment + PersistentVolumeClaim, which Microsoft now recommends
  for SQL Server (ha.workload: StatefulSet). Its volumeClaimTemplate makes the claim
  <claimName>-<name>-0, kept when the StatefulSet is deleted or scaled down. A StatefulSet never
  runs two pods of one ordinal at once, so its rolling update is safe on a ReadWriteOnce disk.

  The claim template carries the labels of every other object. Kubernetes refuses any change to
  volumeClaimTemplates of an existing StatefulSet (422); the README ("Upgrading") gives the way.
-->
<#if ha.workload == "StatefulSet">
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ${name}
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
  replicas: 1
  serviceName: ${name + "-headless"}
  podManagementPolicy: OrderedReady
  updateStrategy:
    type: RollingUpdate
  persistentVolumeClaimRetentionPolicy:
    whenDeleted: Retain
    whenScaled: Retain
  selector:
    matchLabels:
<#list selectorLabels as key, value>
      ${key}: ${value}
</#list>
<#include "_podtemplate.ftl">
  volumeClaimTemplates:
    - metadata:
        name: ${storage.claimName}
        labels:
<#list labels as key, value>
          ${key}: ${value}
</#list>
      spec:
<#if storage.className?has_content>
        storageClassName: ${storage.className}
</#if>
        accessModes:
          - ${storage.accessMode}
        resources:
          requests:
            storage: ${storage.size}
</#if>
