<#--
  For the Prometheus operator (metrics.serviceMonitor): scrape the metrics Service's port every
  metrics.interval. The cluster must serve monitoring.coreos.com/v1 ServiceMonitor; apply checks.
-->
<#if metricsExporter.serviceMonitor>
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: ${name}
<#if namespace?has_content>
  namespace: ${namespace}
</#if>
  labels:
<#list metricsExporter.labels as key, value>
    ${key}: ${value}
</#list>
<#if annotations?has_content>
  annotations:
<#list annotations as key, value>
    ${key}: ${value}
</#list>
</#if>
spec:
  selector:
    matchLabels:
<#list metricsExporter.selectorLabels as key, value>
      ${key}: ${value}
</#list>
  endpoints:
    - port: metrics
      path: /metrics
      interval: ${metrics.interval}
      scrapeTimeout: 10s
</#if>
