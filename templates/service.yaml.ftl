<#--
  The Service clients connect to. Its address stays the same when the pod is replaced.
  service.annotations already holds the platform's internal-load-balancer annotation when
  service.internal is true.
-->
apiVersion: v1
kind: Service
metadata:
  name: ${name}
<#if namespace?has_content>
  namespace: ${namespace}
</#if>
  labels:
<#list labels as key, value>
    ${key}: ${value}
</#list>
<#if service.annotations?has_content>
  annotations:
<#list service.annotations as key, value>
    ${key}: ${value}
</#list>
</#if>
spec:
  type: ${service.type}
  selector:
<#list selectorLabels as key, value>
    ${key}: ${value}
</#list>
  ports:
    - name: mssql
      protocol: TCP
      port: ${service.port}
      targetPort: mssql
<#if service.type == "LoadBalancer" && service.loadBalancerIP?has_content>
  loadBalancerIP: ${service.loadBalancerIP}
</#if>
<#if service.type == "LoadBalancer" && service.loadBalancerSourceRanges?has_content>
  loadBalancerSourceRanges:
<#list service.loadBalancerSourceRanges as range>
    - ${range}
</#list>
</#if>
