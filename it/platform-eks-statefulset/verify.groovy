def m = evaluate(new File(sharedDir, 'manifests.groovy'))
def all = m.loadAll(new File(basedir, 'target/sqledge/manifests.yaml'))
assert all*.kind == ['StorageClass', 'NetworkPolicy', 'StatefulSet', 'Service', 'Service', 'ConfigMap', 'Job']
def (storageClass, policy, statefulSet, headless, service) = all
assert policy.spec.podSelector.matchLabels == statefulSet.spec.selector.matchLabels
assert storageClass.provisioner == 'ebs.csi.aws.com'
assert storageClass.parameters == [type: 'gp3']
assert statefulSet.spec.serviceName == 'inventory-headless'
assert statefulSet.spec.volumeClaimTemplates[0].spec.storageClassName == storageClass.metadata.name
assert statefulSet.spec.template.spec.securityContext.seccompProfile.type == 'RuntimeDefault'
assert m.env(statefulSet).MSSQL_PID.value == 'StandardDeveloper'
assert headless.spec.clusterIP == 'None'
assert service.spec.type == 'LoadBalancer'
assert service.spec.loadBalancerSourceRanges == ['10.20.0.0/16']
assert service.spec.loadBalancerIP == '10.20.0.15'
assert service.metadata.annotations['service.beta.kubernetes.io/aws-load-balancer-scheme'] == 'internal'
assert service.metadata.annotations['service.beta.kubernetes.io/aws-load-balancer-internal'] == 'true'
def log = new File(basedir, 'build.log').getText('UTF-8')
assert !log.contains('to the whole internet')
assert log.contains('sqledge: wrote target/sqledge/inventory/03-statefulset.yaml (StatefulSet/inventory)')
