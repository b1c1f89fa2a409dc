<#--
  Who may reach the database (network.policy, on by default). The policy selects the database's
  pods and admits its peers on the SQL port only; every other connection to the pods is refused,
  wherever the cluster's network plugin enforces NetworkPolicies. The peers are network.allowFrom,
  else the clients the Service is for: the pods of this namespace and, behind a load balancer or a
  node port, any address. Those arrive from the nodes after kube-proxy's source NAT (the Service's
  externalTrafficPolicy is Cluster), so the load balancer, not this policy, chooses them.
-->
<#if network.policy>
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
<#if network.allowFrom?has_content>
<#list network.allowFrom as peer>
        - ${toYaml(peer)}
</#list>
<#else>
        - podSelector: {}
<#if service.type != "ClusterIP">
        - ipBlock:
            cidr: 0.0.0.0/0
        - ipBlock:
            cidr: ::/0
</#if>
</#if>
<#if backups.enabled>
        <#-- The backup jobs connect through the Service too. -->
        - podSelector:
            matchLabels:
<#list backups.selectorLabels as key, value>
              ${key}: ${value}
</#list>
</#if>
<#if accounts.enabled>
        <#-- So does the job that makes the databases and logins. -->
        - podSelector:
            matchLabels:
<#list accounts.selectorLabels as key, value>
              ${key}: ${value}
</#list>
</#if>
      ports:
        - protocol: TCP
          port: ${engine.tcpPort}
<#if metricsExporter.enabled>
    <#-- The metrics port: metrics.allowFrom, else pods of any namespace (never outside). -->
    - from:
<#if metrics.allowFrom?has_content>
<#list metrics.allowFrom as peer>
        - ${toYaml(peer)}
</#list>
<#else>
        - namespaceSelector: {}
</#if>
      ports:
        - protocol: TCP
          port: ${metrics.port}
</#if>
</#if>
