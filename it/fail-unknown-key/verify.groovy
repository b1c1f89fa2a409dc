def m = evaluate(new File(sharedDir, 'manifests.groovy'))
m.assertFailedWith(basedir, [
  'sqledge: 1 error in src/main/sqledge/sqledge.yaml:',
  'src/main/sqledge/sqledge.yaml:3:1: unknown key `storge` at the top level; did you mean `storage`?',
  'fix: rename it to `storage`',
])
