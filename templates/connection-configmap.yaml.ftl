<#--
  How applications in the cluster reach the database: rendered when connection.configMap is true.
  An application takes these with envFrom (configMapRef) and its password from the SA password
  Secret (or its own login's), which this ConfigMap never holds.
-->
<#if connection.configMap>
apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name + "-connection"}
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
data:
  SQLEDGE_HOST: ${connection.host}
  SQLEDGE_PORT: ${connection.port}
  SQLEDGE_JDBC_URL: ${connection.jdbcUrl}
<#if connection.database?has_content>
  SQLEDGE_DATABASE: ${connection.database}
</#if>
</#if>
