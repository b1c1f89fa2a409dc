<#--
  SQL Server's mssql.conf when the instance has a certificate of its own (tls.secretName): the
  [network] section that points SQL Server at it (io.sqledge.render.TlsModel). The database pod's
  init container copies it to /var/opt/mssql/mssql.conf before each start, and its checksum on
  the pod template restarts SQL Server when it changes. See docs/tls.md.
-->
<#if mssqlConf.enabled>
apiVersion: v1
kind: ConfigMap
metadata:
  name: ${mssqlConf.name}
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
  mssql.conf: ${mssqlConf.text}
</#if>
