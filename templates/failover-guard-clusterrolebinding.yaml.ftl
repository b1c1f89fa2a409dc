<#-- The failover guard's ClusterRole, granted to its ServiceAccount (which needs a namespace). -->
<#if ha.automaticFailover == "guard">
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: ${failoverGuard.clusterRoleName}
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
  kind: ClusterRole
  name: ${failoverGuard.clusterRoleName}
subjects:
  - kind: ServiceAccount
    name: ${failoverGuard.name}
    namespace: ${namespace}
</#if>
