<#--
  Who may reach the database: rendered only when network.allowFrom names peers. The policy selects
  the database's pods and admits those peers on the SQL port only; every other connection to the
  pods is refused, wherever the cluster's network plugin enforces NetworkPolicies.
-->
<#if network.allowFrom?has_content>
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
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
  podSelector:
    matchLabels:
<#list selectorLabels as key, value>
      ${key}: ${value}
</#list>
  policyTypes:
    - Ingress
  ingress:
    - from:
<#list network.allowFrom as peer>
        - ${toYaml(peer)}
</#list>
<#if backups.enabled>
        <#-- The backup jobs connect through the Service too. -->
        - podSelector:
            matchLabels:
<#list backups.selectorLabels as key, value>
              ${key}: ${value}
</#list>
</#if>
      ports:
        - protocol: TCP
          port: ${engine.tcpPort}
</#if>
