<#--
  What the failover guard may do across the cluster: read nodes and VolumeAttachments, and patch
  nodes, to put the out-of-service taint on a dead node and take it off once the node is back (and
  the annotation that says the taint is this guard's). It never deletes a node. Nodes have no
  namespace, so this is a ClusterRole, named for the namespace and the instance.
-->
<#if ha.automaticFailover == "guard">
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: ${failoverGuard.clusterRoleName}
  labels:
<#list failoverGuard.labels as key, value>
    ${key}: ${value}
</#list>
<#if annotations?has_content>
  annotations:
<#list annotations as key, value>
    ${key}: ${value}
</#list>
</#if>
rules:
  - apiGroups:
      - ""
    resources:
      - nodes
    verbs:
      - get
      - list
      - watch
      - patch
  - apiGroups:
      - storage.k8s.io
    resources:
      - volumeattachments
    verbs:
      - get
      - list
      - watch
</#if>
