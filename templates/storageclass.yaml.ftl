<#--
  The StorageClass of the database disk. It is cluster-wide, so it carries no instance label.
  Rendered only when storage.createClass is true; otherwise the claim names an existing class.
-->
<#if storage.createClass>
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: ${storage.className}
  labels:
    app.kubernetes.io/managed-by: ${labels["app.kubernetes.io/managed-by"]}
<#if annotations?has_content>
  annotations:
<#list annotations as key, value>
    ${key}: ${value}
</#list>
</#if>
provisioner: ${storage.provisioner}
<#if storage.parameters?has_content>
parameters:
<#list storage.parameters as key, value>
  ${key}: ${value}
</#list>
</#if>
reclaimPolicy: ${storage.reclaimPolicy}
volumeBindingMode: ${storage.volumeBindingMode}
allowVolumeExpansion: ${yaml.bool(storage.allowVolumeExpansion)}
</#if>
