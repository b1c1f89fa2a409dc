<#--
  The failover guard's script (templates/failover-guard.sh), which the guard's pod runs with
  /bin/sh. The tests run the same text, taken from this ConfigMap.
-->
<#if ha.automaticFailover == "guard">
apiVersion: v1
kind: ConfigMap
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
data:
  failover-guard.sh: ${failoverGuard.script}
</#if>
