<#--
  The certificate cert-manager issues and renews for SQL Server (tls.certManager.issuerRef), into
  the Secret the database's pod mounts (io.sqledge.render.CertificateModel). Before the pod, so
  that cert-manager starts issuing while the rest is applied: the pod waits for the Secret. The
  Secret carries the instance's labels. See docs/tls.md.
-->
<#if certificate.enabled>
apiVersion: cert-manager.io/v1
kind: Certificate
metadata:
  name: ${certificate.name}
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
  secretName: ${certificate.secretName}
  secretTemplate:
    labels:
<#list labels as key, value>
      ${key}: ${value}
</#list>
  issuerRef:
    name: ${certificate.issuerRef.name}
    kind: ${certificate.issuerRef.kind}
    group: ${certificate.issuerRef.group}
  dnsNames:
<#list certificate.dnsNames as dnsName>
    - ${dnsName}
</#list>
<#if certificate.ipAddresses?has_content>
  ipAddresses:
<#list certificate.ipAddresses as address>
    - ${address}
</#list>
</#if>
  privateKey:
    algorithm: RSA
    size: 2048
    rotationPolicy: Always
  usages:
    - server auth
    - digital signature
    - key encipherment
</#if>
