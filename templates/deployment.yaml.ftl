<#--
  The single replica that runs the database. Kubernetes replaces the pod when the process, the pod
  or the node fails, and the new pod re-attaches the same claim.

  strategy Recreate: with a ReadWriteOnce disk, a rolling update would start the new pod while the
  old one still holds the disk (a Multi-Attach error on another node, two SQL Server processes on
  the same files on the same node).

  Rendered when ha.workload is Deployment (the default); the pod template is _podtemplate.ftl.
-->
<#if ha.workload == "Deployment">
apiVersion: apps/v1
kind: Deployment
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
  strategy:
    type: Recreate
  selector:
    matchLabels:
<#list selectorLabels as key, value>
      ${key}: ${value}
</#list>
<#include "_podtemplate.ftl">
</#if>
