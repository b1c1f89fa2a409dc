// Helpers for the verify scripts, loaded with evaluate(): they parse what the plugin wrote,
// never compare strings only.
import org.yaml.snakeyaml.LoaderOptions
import org.yaml.snakeyaml.Yaml
import org.yaml.snakeyaml.constructor.SafeConstructor

def loadAll = { File file ->
  assert file.isFile() : "missing ${file}"
  def yaml = new Yaml(new SafeConstructor(new LoaderOptions()))
  yaml.loadAll(file.getText('UTF-8')).findAll { it != null }.collect { it as Map }
}

def load = { File file ->
  def documents = loadAll(file)
  assert documents.size() == 1 : "${file} should hold one document, holds ${documents.size()}"
  documents[0]
}

def env = { Map deployment ->
  deployment.spec.template.spec.containers[0].env.collectEntries { [(it.name): it] }
}

// A failed build: the log names the problem, shows no stack trace, and nothing was written.
def assertFailedWith = { File basedir, List<String> expected ->
  def log = new File(basedir, 'build.log').getText('UTF-8')
  assert log.contains('BUILD FAILURE')
  expected.each { line -> assert log.contains(line) : "build.log lacks: ${line}" }
  assert !log.contains('\tat io.sqledge') : 'a stack trace was shown without -e'
  assert !new File(basedir, 'target/sqledge').exists() : 'something was written despite the error'
}

return [loadAll: loadAll, load: load, env: env, assertFailedWith: assertFailedWith]
