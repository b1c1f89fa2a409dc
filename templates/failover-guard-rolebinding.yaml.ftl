<#-- The failover guard's Role, granted to its ServiceAccount. -->
<#if ha.automaticFailover == "guard">
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
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
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: ${failoverGuard.name}
subjects:
  - kind: ServiceAccount
    name: ${failoverGuard.name}
    namespace: ${namespace}
</#if>
