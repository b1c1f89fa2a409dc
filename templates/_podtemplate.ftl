<#--
  The pod template of the database, shared by the Deployment and the StatefulSet: included at
  the indentation of a workload's spec.template.

  tolerations: Kubernetes adds the two NoExecute ones with 300 seconds to every pod; stating them
  with ha.failoverSeconds makes a pod on a dead node get replaced that much sooner.

  automountServiceAccountToken false: SQL Server never calls the Kubernetes API, and a mounted
  token would only serve someone who gets code running in the container.

  securityContext: the Pod Security Standards' "restricted" profile. SQL Server's images run as
  the non-root user mssql (uid 10001), which owns the volume through fsGroup.
-->
  template:
    metadata:
      labels:
<#list labels as key, value>
        ${key}: ${value}
</#list>
<#if pod.annotations?has_content || mssqlConf.enabled>
      annotations:
<#list pod.annotations as key, value>
        ${key}: ${value}
</#list>
<#if mssqlConf.enabled>
        <#-- A changed mssql.conf restarts SQL Server, which reads it at start only. -->
        sqledge.io/mssql-conf-checksum: ${mssqlConf.checksum}
</#if>
</#if>
    spec:
      terminationGracePeriodSeconds: ${pod.terminationGracePeriodSeconds}
      automountServiceAccountToken: false
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        runAsGroup: 10001
        fsGroup: ${pod.fsGroup}
        fsGroupChangePolicy: OnRootMismatch
        seccompProfile:
          type: RuntimeDefault
<#if pod.priorityClassName?has_content>
      priorityClassName: ${pod.priorityClassName}
</#if>
<#if pod.nodeSelector?has_content>
      nodeSelector:
<#list pod.nodeSelector as key, value>
        ${key}: ${value}
</#list>
</#if>
<#if pod.affinity?has_content>
      affinity: ${toYaml(pod.affinity)}
</#if>
<#if pod.imagePullSecrets?has_content>
      imagePullSecrets:
<#list pod.imagePullSecrets as secret>
        - name: ${secret}
</#list>
</#if>
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
<#if mssqlConf.enabled>
      initContainers:
        <#--
          mssql.conf onto the data disk before SQL Server starts, from the ConfigMap: the engine's
          own image (it is on the node already, and has a shell), as the database's own user.
        -->
        - name: mssql-conf
          image: ${engine.image}
<#if engine.imagePullPolicy?has_content>
          imagePullPolicy: ${engine.imagePullPolicy}
</#if>
          command:
            - /bin/sh
            - -c
            - ${mssqlConf.copy}
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            runAsNonRoot: true
            capabilities:
              drop:
                - ALL
          resources:
            requests:
              cpu: 10m
              memory: 32Mi
              ephemeral-storage: 16Mi
            limits:
              cpu: 100m
              memory: 32Mi
              ephemeral-storage: 16Mi
          volumeMounts:
            - name: <#if ha.workload == "StatefulSet">${storage.claimName}<#else>mssql-data</#if>
              mountPath: /var/opt/mssql
            - name: mssql-conf
              mountPath: ${mssqlConf.directory}
              readOnly: true
</#if>
      containers:
        - name: mssql
          image: ${engine.image}
<#if engine.imagePullPolicy?has_content>
          imagePullPolicy: ${engine.imagePullPolicy}
</#if>
          securityContext:
            allowPrivilegeEscalation: false
            runAsNonRoot: true
            capabilities:
              drop:
                - ALL
          ports:
            - name: mssql
              containerPort: ${engine.tcpPort}
              protocol: TCP
          resources:
            requests:
              cpu: ${resources.requests.cpu}
              memory: ${resources.requests.memory}
              ephemeral-storage: ${resources.requests.ephemeralStorage}
            limits:
              cpu: ${resources.limits.cpu}
              memory: ${resources.limits.memory}
              ephemeral-storage: ${resources.limits.ephemeralStorage}
          startupProbe:
            tcpSocket:
              port: mssql
            periodSeconds: ${probes.startup.periodSeconds}
            failureThreshold: ${probes.startup.failureThreshold}
            timeoutSeconds: ${probes.startup.timeoutSeconds}
          readinessProbe:
            tcpSocket:
              port: mssql
            periodSeconds: ${probes.readiness.periodSeconds}
            failureThreshold: ${probes.readiness.failureThreshold}
            timeoutSeconds: ${probes.readiness.timeoutSeconds}
          <#-- Not the readiness probe again: a busy server is taken out of the Service, not
               restarted (ListenerProbe). -->
          livenessProbe:
            exec:
              command:
                - /bin/sh
                - -c
                - ${probes.liveness.command}
            periodSeconds: ${probes.liveness.periodSeconds}
            failureThreshold: ${probes.liveness.failureThreshold}
            timeoutSeconds: ${probes.liveness.timeoutSeconds}
          env:
            - name: ACCEPT_EULA
              value: ${engine.acceptEula?then("Y", "N")}
            - name: MSSQL_PID
              value: ${engine.edition}
            - name: MSSQL_AGENT_ENABLED
              value: ${engine.agentEnabled?c}
            - name: MSSQL_COLLATION
              value: ${engine.collation}
            - name: MSSQL_LCID
              value: ${engine.lcid?c}
            - name: MSSQL_TCP_PORT
              value: ${engine.tcpPort?c}
            - name: MSSQL_MEMORY_LIMIT_MB
              value: ${engine.memoryLimitMb?c}
            - name: MSSQL_SA_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: ${engine.saPassword.secretName}
                  key: ${engine.saPassword.secretKey}
<#list engine.env as key, value>
            - name: ${key}
              value: ${value}
</#list>
          volumeMounts:
            <#-- A StatefulSet's pods mount its volumeClaimTemplate by the template's name. -->
            - name: <#if ha.workload == "StatefulSet">${storage.claimName}<#else>mssql-data</#if>
              mountPath: /var/opt/mssql
<#if backups.enabled && backups.claim>
            <#-- SQL Server writes BACKUP ... TO DISK here: the backups' own claim. -->
            - name: mssql-backup
              mountPath: ${backups.directory}
</#if>
<#if mssqlConf.enabled>
            <#-- The certificate and key mssql.conf names, readable by SQL Server's group only. -->
            - name: tls
              mountPath: ${mssqlConf.certificateDirectory}
              readOnly: true
</#if>
<#if metricsExporter.enabled>
        <#--
          The metrics exporter (metrics.enabled): sql_exporter, started by metrics-exporter.sh
          with its login from Secrets, on SQL Server's loopback address. It is part of the pod: a
          container that cannot start keeps the pod from being ready, so apply checks its Secret
          first. No readiness probe of its own: a pod is ready only when every container's
          readiness probe passes, so one on the exporter would let a stuck exporter take SQL
          Server out of its Service. Its liveness probe restarts this container alone. Memory
          requested as limited, like SQL Server's.
        -->
        - name: metrics
          image: ${metrics.image}
          command:
            - /bin/sh
            - ${metricsExporter.command}
          securityContext:
            allowPrivilegeEscalation: false
            runAsNonRoot: true
            readOnlyRootFilesystem: true
            capabilities:
              drop:
                - ALL
          ports:
            - name: metrics
              containerPort: ${metrics.port}
              protocol: TCP
          resources:
            requests:
              cpu: 10m
              memory: 128Mi
              ephemeral-storage: 16Mi
            limits:
              cpu: 200m
              memory: 128Mi
              ephemeral-storage: 64Mi
          livenessProbe:
            httpGet:
              path: /healthz
              port: metrics
            periodSeconds: 30
            failureThreshold: 3
            timeoutSeconds: 5
          env:
            - name: SQLEDGE_SQL_PORT
              value: ${engine.tcpPort?c}
            - name: SQLEDGE_METRICS_PORT
              value: ${metrics.port?c}
            - name: SQLEDGE_METRICS_USER
<#if metricsExporter.user.value??>
              value: ${metricsExporter.user.value}
<#else>
              valueFrom:
                secretKeyRef:
                  name: ${metricsExporter.user.secretName}
                  key: ${metricsExporter.user.key}
</#if>
            - name: SQLEDGE_METRICS_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: ${metricsExporter.password.secretName}
                  key: ${metricsExporter.password.key}
          volumeMounts:
            - name: metrics
              mountPath: ${metricsExporter.directory}
              readOnly: true
</#if>
<#if ha.workload == "Deployment" || (backups.enabled && backups.claim) || mssqlConf.enabled
    || metricsExporter.enabled>
      volumes:
</#if>
<#if ha.workload == "Deployment">
        - name: mssql-data
          persistentVolumeClaim:
            claimName: ${storage.claimName}
</#if>
<#if backups.enabled && backups.claim>
        - name: mssql-backup
          persistentVolumeClaim:
            claimName: ${backups.claimName}
</#if>
<#if mssqlConf.enabled>
        - name: tls
          secret:
            secretName: ${mssqlConf.secretName}
            defaultMode: 288
            items:
              - key: tls.crt
                path: tls.crt
              - key: tls.key
                path: tls.key
        - name: mssql-conf
          configMap:
            name: ${mssqlConf.name}
            defaultMode: 292
</#if>
<#if metricsExporter.enabled>
        - name: metrics
          configMap:
            name: ${metricsExporter.name}
            defaultMode: 292
</#if>
