<#--
  The failover guard (ha.automaticFailover: guard): one pod that runs failover-guard.sh, which
  looks at the instance's pods, disk and nodes every few seconds and, when fencing is confirmed,
  puts the out-of-service taint on a dead node that holds them. See docs/automatic-failover.md.

  affinity: never on the database's node, so that one node's death never takes both. Required
  anti-affinity is symmetric: the database's replacement will not start on the guard's node
  either, so the database needs a third node to move to.
  tolerations: as the database's, so that a guard on a dead node is replaced as fast.
  securityContext: the "restricted" profile, read-only root, a user of no one (65534).
  The script's checksum restarts the guard when the script changes.
  resources: a round is two kubectl calls, about 0.2 s of CPU and 50 MB at most (measured), every
  5 s: about 45m on average.
  /tmp: kubectl's cache, and the times the probes read: ready once a round has read everything it
  needs (within the last minute), alive while rounds start (within two minutes).
-->
<#if ha.automaticFailover == "guard">
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${failoverGuard.name}
<#if namespace?has_content>
  namespace: ${namespace}
</#if>
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
spec:
  replicas: 1
  strategy:
    type: Recreate
  selector:
    matchLabels:
<#list failoverGuard.selectorLabels as key, value>
      ${key}: ${value}
</#list>
  template:
    metadata:
      labels:
<#list failoverGuard.labels as key, value>
        ${key}: ${value}
</#list>
      annotations:
        sqledge.io/script-sha256: ${failoverGuard.scriptChecksum}
    spec:
      serviceAccountName: ${failoverGuard.name}
      automountServiceAccountToken: true
      securityContext:
        runAsNonRoot: true
        runAsUser: 65534
        runAsGroup: 65534
        seccompProfile:
          type: RuntimeDefault
<#if pod.priorityClassName?has_content>
      priorityClassName: ${pod.priorityClassName}
</#if>
<#if failoverGuard.nodeSelector?has_content>
      nodeSelector:
<#list failoverGuard.nodeSelector as key, value>
        ${key}: ${value}
</#list>
</#if>
<#if pod.imagePullSecrets?has_content>
      imagePullSecrets:
<#list pod.imagePullSecrets as secret>
        - name: ${secret}
</#list>
</#if>
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            - topologyKey: kubernetes.io/hostname
              labelSelector:
                matchLabels:
<#list selectorLabels as key, value>
                  ${key}: ${value}
</#list>
      tolerations:
        - key: node.kubernetes.io/not-ready
          operator: Exists
          effect: NoExecute
          tolerationSeconds: ${ha.failoverSeconds}
        - key: node.kubernetes.io/unreachable
          operator: Exists
          effect: NoExecute
          tolerationSeconds: ${ha.failoverSeconds}
<#list pod.tolerations as toleration>
        - ${toYaml(toleration)}
</#list>
      containers:
        - name: guard
          image: ${ha.guardImage}
          imagePullPolicy: IfNotPresent
          command:
            - /bin/sh
            - /opt/sqledge/failover-guard.sh
          env:
            - name: SQLEDGE_NAMESPACE
              valueFrom:
                fieldRef:
                  fieldPath: metadata.namespace
            - name: SQLEDGE_INSTANCE
              value: ${name}
            - name: SQLEDGE_SELECTOR
              value: ${failoverGuard.databaseSelector}
            - name: SQLEDGE_FENCING
              value: ${ha.fencing}
            - name: SQLEDGE_MINIMUM_DOWN_SECONDS
              value: ${ha.minimumDownSeconds?c}
            - name: SQLEDGE_POLL_SECONDS
              value: ${failoverGuard.pollSeconds?c}
            - name: HOME
              value: /tmp
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            runAsNonRoot: true
            capabilities:
              drop:
                - ALL
          resources:
            requests:
              cpu: 50m
              memory: 128Mi
              ephemeral-storage: 16Mi
            limits:
              cpu: 200m
              memory: 128Mi
              ephemeral-storage: 64Mi
          readinessProbe:
            exec:
              command:
                - /bin/sh
                - /opt/sqledge/failover-guard.sh
                - --ready
            periodSeconds: 10
            failureThreshold: 3
            timeoutSeconds: 5
          livenessProbe:
            exec:
              command:
                - /bin/sh
                - /opt/sqledge/failover-guard.sh
                - --alive
            periodSeconds: 30
            failureThreshold: 3
            timeoutSeconds: 5
          volumeMounts:
            - name: script
              mountPath: /opt/sqledge
              readOnly: true
            - name: tmp
              mountPath: /tmp
      volumes:
        - name: script
          configMap:
            name: ${failoverGuard.name}
            defaultMode: 292
        - name: tmp
          emptyDir:
            sizeLimit: 64Mi
</#if>
