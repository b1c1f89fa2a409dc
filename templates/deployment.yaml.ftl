<#--
  The single replica that runs the database. Kubernetes replaces the pod when the process, the pod
  or the node fails, and the new pod re-attaches the same claim.

  strategy Recreate: with a ReadWriteOnce disk, a rolling update would start the new pod while the
  old one still holds the disk (a Multi-Attach error on another node, two SQL Server processes on
  the same files on the same node).
-->
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
<#if namespace?has_content>
  namespace: ${namespace}
</#if>
  labels:
<#list labels as key, value>
    ${key}: ${value}
</#list>
spec:
  replicas: 1
  strategy:
    type: Recreate
  selector:
    matchLabels:
<#list selectorLabels as key, value>
      ${key}: ${value}
</#list>
  template:
    metadata:
      labels:
<#list labels as key, value>
        ${key}: ${value}
</#list>
    spec:
      securityContext:
        fsGroup: ${pod.fsGroup}
      containers:
        - name: mssql
          image: ${engine.image}
          ports:
            - name: mssql
              containerPort: 1433
              protocol: TCP
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
            - name: mssql-data
              mountPath: /var/opt/mssql
      volumes:
        - name: mssql-data
          persistentVolumeClaim:
            claimName: ${storage.claimName}
