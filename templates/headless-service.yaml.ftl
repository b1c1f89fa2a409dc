<#--
  The headless Service a StatefulSet needs for its pods' stable DNS names
  (<name>-0.<name>-headless.<namespace>.svc). Clients use the main Service.
-->
<#if ha.workload == "StatefulSet">
apiVersion: v1
kind: Service
metadata:
  name: ${name + "-headless"}
<#if namespace?has_content>
  namespace: ${namespace}
</#if>
  labels:
<#list labels as key, value>
    ${key}: ${value}
</#list>
spec:
  clusterIP: None
  selector:
<#list selectorLabels as key, value>
    ${key}: ${value}
</#list>
  ports:
    - name: mssql
      protocol: TCP
      port: ${engine.tcpPort}
      targetPort: mssql
</#if>
