<#--
  The pod of a job that talks to SQL Server through sqlcmd (a backup CronJob's jobs, the accounts
  Job), written at indentation 0 for the including template to indent: set sqlcmd to a hash of
  container (the container's name), args (the script and its arguments), env (a list of
  {name, value} or {name, secret, key}), scripts (the ConfigMap of the scripts) and claim (true
  to mount the backup claim, and then to run on the database's node), then include this file.

  securityContext: the "restricted" profile, as SQL Server's own user (10001), which owns the
  backup files SQL Server writes; read-only root with an emptyDir /tmp (in memory when no claim
  is mounted: the scripts put a secret there for one sqlcmd call); no ServiceAccount token.
  affinity: with the claim, on the database's node (required), where the ReadWriteOnce backup
  claim is attached; the node selection and tolerations are the database's, so the job can go
  wherever the database went.
  resources: one sqlcmd client (estimated, not measured: no sqlcmd runs here); memory requested
  as limited, so the job is never evicted for using what it may.
-->
restartPolicy: Never
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
<#if pod.imagePullSecrets?has_content>
imagePullSecrets:
<#list pod.imagePullSecrets as secret>
  - name: ${secret}
</#list>
</#if>
<#if sqlcmd.claim>
affinity:
  podAffinity:
    requiredDuringSchedulingIgnoredDuringExecution:
      - topologyKey: kubernetes.io/hostname
        labelSelector:
          matchLabels:
<#list selectorLabels as key, value>
            ${key}: ${value}
</#list>
</#if>
<#if pod.tolerations?has_content>
tolerations:
<#list pod.tolerations as toleration>
  - ${toYaml(toleration)}
</#list>
</#if>
containers:
  - name: ${sqlcmd.container}
    image: ${engine.jobImage}
    imagePullPolicy: IfNotPresent
    command:
      - /bin/sh
<#list sqlcmd.args as arg>
      - ${arg}
</#list>
    env:
      - name: SQLEDGE_HOST
        value: ${connection.host}
      - name: SQLEDGE_PORT
        value: ${connection.port}
      - name: SQLEDGE_LOGIN
        value: sa
      - name: SQLCMDPASSWORD
        valueFrom:
          secretKeyRef:
            name: ${engine.saPassword.secretName}
            key: ${engine.saPassword.secretKey}
<#list sqlcmd.env as variable>
      - name: ${variable.name}
<#if variable.secret??>
        valueFrom:
          secretKeyRef:
            name: ${variable.secret}
            key: ${variable.key}
<#else>
        value: ${variable.value}
</#if>
</#list>
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
        memory: 256Mi
        ephemeral-storage: 16Mi
      limits:
        cpu: 500m
        memory: 256Mi
        ephemeral-storage: 64Mi
    volumeMounts:
      - name: scripts
        mountPath: /opt/sqledge
        readOnly: true
<#if sqlcmd.claim>
      - name: backups
        mountPath: ${backups.directory}
</#if>
      - name: tmp
        mountPath: /tmp
volumes:
  - name: scripts
    configMap:
      name: ${sqlcmd.scripts}
      defaultMode: 292
<#if sqlcmd.claim>
  - name: backups
    persistentVolumeClaim:
      claimName: ${backups.claimName}
</#if>
  - name: tmp
    emptyDir:
<#if !sqlcmd.claim>
      medium: Memory
</#if>
      sizeLimit: 64Mi
