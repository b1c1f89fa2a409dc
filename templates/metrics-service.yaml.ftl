<#--
  The metrics port's own Service (metrics.enabled): cluster-internal, whatever the database's
  Service is, so that the metrics never reach a load balancer. The ServiceMonitor selects it by
  its component label.
-->
<#if metricsExporter.enabled>
apiVersion: v1
kind: Service
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
spec:
  type: ClusterIP
  selector:
<#list selectorLabels as key, value>
    ${key}: ${value}
</#list>
  ports:
    - name: metrics
      protocol: TCP
      port: ${metrics.port}
      targetPort: metrics
</#if>
