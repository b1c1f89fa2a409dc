// Every configuration field reaches the manifests, typed, with the exact value written.
def m = evaluate(new File(sharedDir, 'manifests.groovy'))
def out = new File(basedir, 'target/sqledge')
def all = m.loadAll(new File(out, 'manifests.yaml'))
assert all*.kind == ['StorageClass', 'PersistentVolumeClaim', 'NetworkPolicy', 'Deployment', 'Service',
    'ConfigMap', 'Job']
def (storageClass, claim, policy, deployment, service, accounts, job) = all
assert policy.spec.podSelector.matchLabels == deployment.spec.selector.matchLabels

assert storageClass.metadata.name == 'orders-gp3'
assert storageClass.metadata.namespace == null
assert storageClass.provisioner == 'ebs.csi.aws.com'
assert storageClass.parameters == [type: 'gp3', iops: '4000']
assert storageClass.reclaimPolicy == 'Delete'
assert storageClass.volumeBindingMode == 'Immediate'
assert storageClass.allowVolumeExpansion == false

assert claim.metadata == m.load(new File(out, 'orders-db/02-persistentvolumeclaim.yaml')).metadata
assert claim.metadata.name == 'orders-data'
assert claim.metadata.namespace == 'data'
assert claim.spec.storageClassName == 'orders-gp3'
assert claim.spec.accessModes == ['ReadWriteOncePod']
assert claim.spec.resources.requests.storage == '64Gi'

assert deployment.metadata.name == 'orders-db'
assert deployment.metadata.namespace == 'data'
assert deployment.spec.selector.matchLabels == ['app.kubernetes.io/name': 'mssql', 'app.kubernetes.io/instance': 'orders-db']
assert deployment.spec.template.spec.securityContext.fsGroup == 20001
def container = deployment.spec.template.spec.containers[0]
assert container.image == 'mcr.microsoft.com/mssql/server:2022-CU20-ubuntu-22.04'
def env = m.env(deployment)
assert env.MSSQL_PID.value == 'Standard'
assert env.MSSQL_AGENT_ENABLED.value == 'false'
assert env.MSSQL_COLLATION.value == 'Latin1_General_100_CI_AS_SC_UTF8'
assert env.MSSQL_LCID.value == '1031'
assert env.MSSQL_MEMORY_LIMIT_MB.value == '6000'
assert env.TZ.value == 'Europe/Berlin'
assert env.MSSQL_SA_PASSWORD.valueFrom.secretKeyRef == [name: 'orders-sa', key: 'password']
assert deployment.spec.template.spec.volumes[0].persistentVolumeClaim.claimName == 'orders-data'
def podSpec = deployment.spec.template.spec
assert podSpec.terminationGracePeriodSeconds == 300
assert deployment.metadata.labels['example.com/team'] == 'orders'
assert deployment.metadata.annotations == ['example.com/runbook': 'https://wiki.example.com/orders-db']
assert claim.metadata.labels['example.com/team'] == 'orders'
assert deployment.spec.template.metadata.annotations == ['backup.example.com/enabled': 'true']
assert podSpec.nodeSelector == ['kubernetes.io/arch': 'amd64', 'kubernetes.io/os': 'linux']
assert podSpec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight == 100
assert podSpec.tolerations[2] == [key: 'dedicated', operator: 'Equal', value: 'database', effect: 'NoSchedule']
assert podSpec.priorityClassName == 'database-critical'
assert podSpec.imagePullSecrets == [[name: 'registry-creds']]
assert container.ports[0].containerPort == 1500
assert env.MSSQL_TCP_PORT.value == '1500'

assert podSpec.tolerations*.tolerationSeconds == [15, 15, null]
assert container.resources == [requests: [cpu: '500m', memory: '3Gi', 'ephemeral-storage': '512Mi'],
    limits: [cpu: '4', memory: '8Gi', 'ephemeral-storage': '4Gi']]
assert container.startupProbe.subMap(['periodSeconds', 'failureThreshold', 'timeoutSeconds']) == [periodSeconds: 5, failureThreshold: 120, timeoutSeconds: 3]
assert container.readinessProbe.subMap(['periodSeconds', 'failureThreshold', 'timeoutSeconds']) == [periodSeconds: 7, failureThreshold: 2, timeoutSeconds: 4]
assert container.livenessProbe.subMap(['periodSeconds', 'failureThreshold', 'timeoutSeconds']) == [periodSeconds: 30, failureThreshold: 4, timeoutSeconds: 6]
assert container.livenessProbe.exec.command[2].contains(':05DC ') : 'the listener on engine.tcpPort 1500'

assert service.metadata.namespace == 'data'
assert service.metadata.annotations == ['example.com/runbook': 'https://wiki.example.com/orders-db',
    'example.com/owner': 'team: orders # not a comment']
assert service.spec.type == 'ClusterIP'
assert service.spec.ports[0].port == 14330

// The databases and logins: their T-SQL in the ConfigMap, each password from its login's Secret.
assert accounts.metadata.name == 'orders-db-accounts'
def sql = accounts.data['accounts.sql']
assert sql.contains('CREATE DATABASE [orders] COLLATE Latin1_General_100_CI_AS_SC_UTF8;')
assert sql.contains('ALTER DATABASE [orders] SET RECOVERY SIMPLE;')
assert sql.contains('ALTER AUTHORIZATION ON DATABASE::[orders] TO [orders_app];')
assert sql.contains('CREATE ROLE [reporting];')
assert sql.contains('ALTER ROLE [reporting] ADD MEMBER [reports];')
assert sql.contains('ALTER SERVER ROLE [processadmin] ADD MEMBER [reports];')
assert job.metadata.name ==~ /orders-db-accounts-[0-9a-f]{10}/
def jobPod = job.spec.template.spec
assert jobPod.containers[0].image == 'mcr.microsoft.com/mssql/server:2022-CU20-ubuntu-22.04'
assert jobPod.containers[0].env.findAll { it.valueFrom?.secretKeyRef }.collectEntries {
    [(it.name): it.valueFrom.secretKeyRef.name + '/' + it.valueFrom.secretKeyRef.key] } ==
    [SQLCMDPASSWORD: 'orders-sa/password', SQLEDGE_PASSWORD_0: 'orders-db-orders-app/password',
     SQLEDGE_PASSWORD_1: 'orders-db-reports/password']
assert jobPod.tolerations == [[key: 'dedicated', operator: 'Equal', value: 'database', effect: 'NoSchedule']]
assert jobPod.imagePullSecrets == [[name: 'registry-creds']]
assert policy.spec.ingress[0].from.podSelector.matchLabels.contains(
    ['app.kubernetes.io/name': 'sqledge-accounts', 'app.kubernetes.io/instance': 'orders-db'])
assert !all.any { it.kind == 'Secret' } : 'no password is rendered'

def log = new File(basedir, 'build.log').getText('UTF-8')
assert !log.contains('retired') : 'SQL Server 2022 is not retired'
assert log.contains('sqledge: wrote target/sqledge/orders-db/05-service.yaml (Service/orders-db)')
