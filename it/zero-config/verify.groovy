// The embedded default: Microsoft's HA topology, with a CSI provisioner and Recreate strategy.
def m = evaluate(new File(sharedDir, 'manifests.groovy'))
def out = new File(basedir, 'target/sqledge')

def all = m.loadAll(new File(out, 'manifests.yaml'))
assert all*.kind == ['StorageClass', 'PersistentVolumeClaim', 'NetworkPolicy', 'Deployment', 'Service',
    'ConfigMap', 'Job']
// The application database and its owner login, made by a job; their password is no file's.
assert all[5].data['accounts.sql'].contains('CREATE DATABASE [app];')
assert all[6].spec.template.spec.containers[0].env.find { it.name == 'SQLEDGE_PASSWORD_0' }
    .valueFrom.secretKeyRef == [name: 'sqledge-app', key: 'password']
assert all[6].spec.template.spec.containers[0].image ==
    'mcr.microsoft.com/mssql/server:2022-CU16-ubuntu-22.04' : 'Azure SQL Edge ships no sqlcmd'
assert !all.any { it.kind == 'Secret' }

def storageClass = m.load(new File(out, 'sqledge/01-storageclass.yaml'))
assert storageClass == all[0]
assert storageClass.provisioner == 'disk.csi.azure.com'
assert storageClass.provisioner != 'kubernetes.io/azure-disk'

def claim = m.load(new File(out, 'sqledge/02-persistentvolumeclaim.yaml'))
assert claim.metadata.name == 'mssql-data'
assert claim.spec.accessModes == ['ReadWriteOnce']
assert claim.spec.resources.requests.storage == '8Gi'
assert claim.spec.storageClassName == storageClass.metadata.name
assert !claim.metadata.annotations?.containsKey('volume.beta.kubernetes.io/storage-class')

def deployment = m.load(new File(out, 'sqledge/04-deployment.yaml'))
assert deployment.metadata.name == 'sqledge'
assert deployment.spec.replicas == 1
assert deployment.spec.strategy.type == 'Recreate'
assert deployment.spec.template.spec.securityContext.fsGroup == 10001
def container = deployment.spec.template.spec.containers[0]
assert container.image == 'mcr.microsoft.com/azure-sql-edge:1.0.7'
def env = m.env(deployment)
assert env.ACCEPT_EULA.value == 'Y'
assert env.MSSQL_PID.value == 'Developer'
assert env.MSSQL_AGENT_ENABLED.value == 'true'
assert env.MSSQL_COLLATION.value == 'SQL_Latin1_General_CP1_CI_AS'
assert env.MSSQL_LCID.value == '1033'
assert env.MSSQL_SA_PASSWORD.value == null
assert env.MSSQL_SA_PASSWORD.valueFrom.secretKeyRef == [name: 'mssql', key: 'MSSQL_SA_PASSWORD']
assert container.volumeMounts[0].mountPath == '/var/opt/mssql'
// High availability and the restricted Pod Security profile.
def podSpec = deployment.spec.template.spec
assert podSpec.tolerations.collect { [it.key, it.effect, it.tolerationSeconds] } == [
    ['node.kubernetes.io/not-ready', 'NoExecute', 30], ['node.kubernetes.io/unreachable', 'NoExecute', 30]]
assert podSpec.terminationGracePeriodSeconds == 120
assert podSpec.securityContext.runAsNonRoot == true
assert podSpec.securityContext.runAsUser == 10001
assert podSpec.securityContext.seccompProfile.type == 'RuntimeDefault'
assert container.securityContext.allowPrivilegeEscalation == false
assert container.securityContext.capabilities.drop == ['ALL']
assert container.resources.limits.memory == '4Gi'
assert env.MSSQL_MEMORY_LIMIT_MB.value == '3276'
assert container.startupProbe.tcpSocket.port == 'mssql'
assert container.startupProbe.periodSeconds * container.startupProbe.failureThreshold == 600
assert container.readinessProbe.tcpSocket.port == 'mssql'
assert container.livenessProbe.exec.command[0..1] == ['/bin/sh', '-c']
assert container.livenessProbe.exec.command[2].contains(':0599 ') : 'the listener on 1433'
assert container.resources.limits['ephemeral-storage'] == '2Gi'
assert deployment.spec.template.spec.volumes[0].persistentVolumeClaim.claimName == 'mssql-data'

def service = m.load(new File(out, 'sqledge/05-service.yaml'))
assert service.spec.type == 'LoadBalancer'
assert service.spec.ports[0].port == 1433
assert service.spec.selector == deployment.spec.selector.matchLabels

// The log lists each file, the EULA and the retirement warning.
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('sqledge: no src/main/sqledge/sqledge.yaml; using the embedded default configuration')
assert log.contains('sqledge: wrote target/sqledge/manifests.yaml (7 resources)')
assert log.contains('sqledge: wrote target/sqledge/sqledge/04-deployment.yaml (Deployment/sqledge)')
assert log.contains('ACCEPT_EULA=Y')
assert log.contains('[WARNING] sqledge: <embedded default>: Azure SQL Edge was retired on 2025-09-30')

// install published the attached manifests.
def installed = new File(localRepositoryPath, 'io/sqledge/it/zero-config/1.0/zero-config-1.0-sqledge.yaml')
assert installed.isFile() : "not installed: ${installed}"
assert m.loadAll(installed) == all

// The plugin's own POM, as Maven resolves it for every build that uses the plugin, is flattened:
// no parent and no imported BOMs to read, and nothing to resolve beyond the jar, which carries
// its libraries (only Maven's own API, provided, and test dependencies are listed).
def pluginPoms = new File(localRepositoryPath, 'io/sqledge/sqledge-maven-plugin').listFiles()
    .findAll { it.isDirectory() }
    .collectMany { it.listFiles().findAll { it.name.endsWith('.pom') } as List }
assert pluginPoms : 'the plugin is not in the ITs\' local repository'
pluginPoms.each { file ->
  def root = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
      .parse(file).documentElement
  def children = { element, name ->
    (0..<element.childNodes.length).collect { element.childNodes.item(it) }
        .findAll { it.nodeName == name }
  }
  assert children(root, 'parent').isEmpty() : "${file.name} has a parent"
  assert children(root, 'dependencyManagement').isEmpty() : "${file.name} imports BOMs"
  def resolved = children(root, 'dependencies').collectMany { children(it, 'dependency') }
      .findAll { dependency ->
        !(children(dependency, 'scope')*.textContent.join() in ['provided', 'test'])
      }
  assert resolved.isEmpty() :
      "${file.name} has dependencies to resolve: ${resolved*.textContent*.trim()}"
  // What Maven Central requires of a published POM survives the flattening.
  def text = { String name -> children(root, name)*.textContent.join().trim() }
  ['name', 'description', 'url'].each { assert text(it) : "${file.name} has no ${it}" }
  assert text('url') == 'https://github.com/sqledge/sqledge-maven-plugin'
  assert children(root, 'licenses').collectMany { children(it, 'license') }
      .collectMany { children(it, 'name') }*.textContent == ['Apache-2.0']
  assert children(root, 'developers').collectMany { children(it, 'developer') }
  def scm = children(root, 'scm')
  assert scm && children(scm[0], 'connection')*.textContent ==
      ['scm:git:https://github.com/sqledge/sqledge-maven-plugin.git']
}

// The same project runs under the wrapper's Maven 3.9 and under Maven 3.8.7 (see the plugin POM).
assert log.contains("Apache Maven ${mavenVersion}") : "expected Maven ${mavenVersion} in build.log"
println "zero-config verified with Maven ${mavenVersion}"
