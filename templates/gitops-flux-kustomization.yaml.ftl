<#--
  Flux: the Kustomization that applies one site's directory of the output, for the site's own Flux
  (each site's cluster pulls its directory). Rendered once per site when gitops.flux is true.
  No pruning: a site or an instance removed from the repository keeps its objects, its claim (the
  database files) among them, as `mvn sqledge:delete` keeps the data. Flux waits for what it
  applied to be ready, as `mvn sqledge:apply` does.
-->
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: ${gitops.name + "-" + site}
  namespace: ${gitops.fluxNamespace}
  labels:
    app.kubernetes.io/managed-by: sqledge-maven-plugin
spec:
  interval: ${gitops.interval}
  path: ${"./" + gitops.path + "/" + site}
  prune: false
  wait: true
  timeout: 10m
  sourceRef:
    kind: GitRepository
    name: ${gitops.fluxSource}
