<#--
  The metrics exporter's files (metrics.enabled; io.sqledge.render.MetricsModel): its
  configuration, the collector with the plugin's queries (io.sqledge.sql.MetricQueries) and its
  start script. The pod mounts them read-only; none holds a login. See docs/monitoring.md.
-->
<#if metricsExporter.enabled>
apiVersion: v1
kind: ConfigMap
metadata:
  name: ${metricsExporter.name}
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
data:
<#list metricsExporter.files as file, text>
  ${file}: ${text}
</#list>
</#if>
