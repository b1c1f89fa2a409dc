<#--
  What the failover guard may do in the instance's namespace: read the database's pods and claims
  (a claim names the volume whose attachment it watches) and record Events on the pods. It reads
  no Secret and creates no pod.
-->
<#if ha.automaticFailover == "guard">
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: ${failoverGuard.name}
<#if namespace?has_content>
  namespace: ${namespace}
</#if>
  labels:
<#list failoverGuard.labels as key, value>
    ${key}: ${value}
</#list>
<#if annotations?has_content>
  annotations:
<#list annotations as key, value>
    ${key}: ${value}
</#list>
</#if>
rules:
  - apiGroups:
      - ""
    resources:
      - pods
      - persistentvolumeclaims
    verbs:
      - get
      - list
      - watch
  - apiGroups:
      - ""
    resources:
      - events
    verbs:
      - create
</#if>
