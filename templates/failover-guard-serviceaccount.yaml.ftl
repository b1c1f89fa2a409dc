<#--
  The failover guard's identity (ha.automaticFailover: guard). Its token is mounted in the guard's
  pod only: the account itself mounts none into any other pod that might name it.
-->
<#if ha.automaticFailover == "guard">
apiVersion: v1
kind: ServiceAccount
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
automountServiceAccountToken: false
</#if>
