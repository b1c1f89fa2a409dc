def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('sqledge: generate skipped (sqledge.skip=true)')
assert !new File(basedir, 'target/sqledge').exists()
