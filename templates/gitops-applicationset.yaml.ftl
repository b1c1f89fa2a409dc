<#--
  Argo CD: one Application per site directory of the output, made by the ApplicationSet's git
  directory generator, each synced to the cluster Argo CD knows by the site's name. Rendered once
  for the fleet when gitops.argocd is true.
  Automated sync, but no pruning: a site or an instance removed from the repository keeps its
  objects, its claim (the database files) among them, as `mvn sqledge:delete` keeps the data.
  Server-side apply, as sqledge applies, so both can own their fields.
-->
apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: ${gitops.name}
  namespace: ${gitops.argocdNamespace}
  labels:
    app.kubernetes.io/managed-by: sqledge-maven-plugin
spec:
  goTemplate: true
  goTemplateOptions:
    - missingkey=error
  generators:
    - git:
        repoURL: ${gitops.repoURL}
        revision: ${gitops.revision}
        directories:
          - path: ${gitops.path + "/*"}
          - path: ${gitops.path + "/" + gitops.directory}
            exclude: true
  template:
    metadata:
      name: '${gitops.name}-{{.path.basename}}'
      labels:
        app.kubernetes.io/managed-by: sqledge-maven-plugin
    spec:
      project: ${gitops.argocdProject}
      source:
        repoURL: ${gitops.repoURL}
        targetRevision: ${gitops.revision}
        path: '{{.path.path}}'
      destination:
        name: '{{.path.basename}}'
      syncPolicy:
        automated:
          prune: false
          selfHeal: true
        syncOptions:
          - ServerSideApply=true
