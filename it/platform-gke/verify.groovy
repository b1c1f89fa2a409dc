def m = evaluate(new File(sharedDir, 'manifests.groovy'))
def all = m.loadAll(new File(basedir, 'target/sqledge/manifests.yaml'))
assert all*.kind == ['StorageClass', 'PersistentVolumeClaim', 'NetworkPolicy', 'Deployment', 'Service', 'ConfigMap', 'Job']
assert all[0].provisioner == 'pd.csi.storage.gke.io'
assert all[0].parameters == [type: 'pd-balanced']
assert all[4].metadata.annotations == ['networking.gke.io/load-balancer-type': 'Internal']
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('[WARNING] sqledge: src/main/sqledge/sqledge.yaml:5:10: the image `mcr.microsoft.com/mssql/server:2019-latest` is not pinned to a version')
