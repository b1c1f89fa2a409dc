// No skipped goal contacted the cluster or wrote a file; the control build, with the same
// goals and no skip flag, did contact its recorder.
def recorders = System.getProperties().remove('sqledge.it.recorders.' + basedir.name + '.' + mavenVersion)
try {
  def log = new File(basedir, 'build.log').getText('UTF-8')
  def goals = ['generate', 'apply', 'diff', 'status', 'failover', 'delete']
  goals.each { goal ->
    assert log.contains("sqledge: ${goal} skipped (sqledge.skip=true)".toString())
    assert log.contains("sqledge: ${goal} skipped (sqledge.${goal}.skip=true)".toString())
  }
  assert !new File(basedir, 'target/sqledge').exists()
  assert recorders.skipped.requests.isEmpty() : "requests with a skip flag: ${recorders.skipped.requests}"
  assert !recorders.control.requests.isEmpty() : 'the control build made no request: the recorder hears nothing'
} finally {
  recorders.values().each { it.server.stop(0) }
}
