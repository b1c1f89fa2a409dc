def m = evaluate(new File(sharedDir, 'manifests.groovy'))
def all = m.loadAll(new File(basedir, 'target/sqledge/manifests.yaml'))
assert all*.kind == ['PersistentVolumeClaim', 'NetworkPolicy', 'Deployment', 'Service', 'ConfigMap', 'Job']
assert !all[0].spec.containsKey('storageClassName') : 'the cluster default class'
assert all[3].spec.type == 'ClusterIP'
