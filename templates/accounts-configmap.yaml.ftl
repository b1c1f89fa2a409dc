<#--
  What the accounts job runs: accounts.sh (templates/accounts.sh) and the T-SQL of the declared
  databases and logins (accounts.sql, made by io.sqledge.sql.AccountScript), which holds no
  password: the job puts each in place from its Secret. The tests read the same texts from this
  ConfigMap.
-->
<#if accounts.enabled>
apiVersion: v1
kind: ConfigMap
metadata:
  name: ${accounts.name}
<#if namespace?has_content>
  namespace: ${namespace}
</#if>
  labels:
<#list accounts.labels as key, value>
    ${key}: ${value}
</#list>
<#if annotations?has_content>
  annotations:
<#list annotations as key, value>
    ${key}: ${value}
</#list>
</#if>
data:
<#list accounts.files as file, text>
  ${file}: ${text}
</#list>
</#if>
