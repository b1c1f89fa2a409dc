#!/usr/bin/env python3
"""Times whole Maven runs of the plugin against baselines measured in the same run.

Called by benchmarks/run once the plugin is installed and the benchmark classes are built. Each
comparison alternates its two commands, RUNS times, and reports medians: wall time and the peak
resident memory of the Maven JVM (rusage of the child, which Maven's scripts exec into).
Prints a Markdown table and writes it to benchmarks/target/results.md.
"""

import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Where the benchmark projects live. A fleet's time is mostly file creation, which on a virtual
# disk varies tenfold from minute to minute: WORK_DIR=/dev/shm/… measures the plugin instead.
WORK = Path(os.environ.get("WORK_DIR", str(ROOT / "benchmarks" / "target" / "work")))
# The Maven that runs the benchmark projects: the wrapper's, or another (MAVEN=mvn for the
# machine's own) to compare Maven versions.
MAVEN = os.environ.get("MAVEN", str(ROOT / "mvnw"))
RUNS = int(os.environ.get("RUNS", "7"))
FLEETS = [int(n) for n in os.environ.get("FLEETS", "1 10 100 1000 10000").split()]
SECTIONS = os.environ.get("SECTIONS", "generate fleets apply sites jmh ha").split()
KUBE_DIR = os.environ.get("KUBE_BINARIES", str(Path.home() / ".cache/sqledge/kube"))
VERSION = os.environ.get("PLUGIN_VERSION", "0.1.0-SNAPSHOT")
# The peer a Maven user would pick instead of sqledge:apply (see apply_against_kubectl).
JKUBE_VERSION = os.environ.get("JKUBE_VERSION", "1.18.1")

POM = """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>{name}</artifactId><version>1.0</version>
  <packaging>pom</packaging>
  <build><plugins><plugin>
    <groupId>io.sqledge</groupId><artifactId>sqledge-maven-plugin</artifactId>
    <version>{version}</version>
  </plugin></plugins></build>
</project>
"""


def run(command, cwd, env=None):
    """Runs a command; returns (seconds, peak RSS in MiB). Fails loudly on a non-zero exit."""
    start = time.monotonic()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT,
                               env=None if env is None else dict(os.environ, **env))
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.monotonic() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.stderr.write(output.decode(errors="replace"))
        raise SystemExit(f"failed ({process.returncode}): {' '.join(command)} in {cwd}")
    return seconds, usage.ru_maxrss / 1024


JKUBE_POM = """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>{name}</artifactId><version>1.0</version>
  <packaging>pom</packaging>
  <build><plugins><plugin>
    <groupId>org.eclipse.jkube</groupId><artifactId>kubernetes-maven-plugin</artifactId>
    <version>{version}</version>
  </plugin></plugins></build>
</project>
"""


def project(name, config=None, pom=POM, version=VERSION):
    directory = WORK / name
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    (directory / "pom.xml").write_text(pom.format(name=name, version=version))
    if config is not None:
        (directory / "src/main/sqledge").mkdir(parents=True)
        (directory / "src/main/sqledge/sqledge.yaml").write_text(config)
    return directory


def fleet(size):
    lines = ["apiVersion: sqledge/v1", "platform: aks", "namespace: stores", "service:",
             "  internal: true", "instances:"]
    lines += [f"  - name: store-{i:05d}" for i in range(size)]
    return "\n".join(lines) + "\n"


def mvn(*args):
    return [MAVEN, "-q", "-B", *args]


def clean(directory):
    shutil.rmtree(directory / "target", ignore_errors=True)


def paired(directory, first, second, before_second=None):
    """Alternates two commands RUNS times; returns their (time, memory) samples."""
    samples = ([], [])
    for _ in range(RUNS):
        samples[0].append(run(first, directory))
        if before_second:
            before_second()
        samples[1].append(run(second, directory))
    return samples


def median(samples, which):
    return statistics.median(sample[which] for sample in samples)


def pair_ratio(baseline, samples, which):
    """The median of each pair's ratio: the two ran back to back, so the machine's drift over
    the minutes of a run (10 to 20 % here) cancels, where a ratio of medians would carry it."""
    return statistics.median(sample[which] / base[which] for base, sample in zip(baseline, samples))


def main():
    WORK.mkdir(parents=True, exist_ok=True)
    rows = []

    if "generate" in SECTIONS:
        generate_section(rows)
    fleet_rows = fleet_section() if "fleets" in SECTIONS else []
    apply_rows = apply_against_kubectl() if "apply" in SECTIONS else None
    site_rows = apply_to_sites() if "sites" in SECTIONS else None
    jmh = run_jmh() if "jmh" in SECTIONS else {}
    drill = ha_drill() if "ha" in SECTIONS else ""
    print_report(rows, fleet_rows, apply_rows, site_rows, jmh, drill)


def generate_section(rows):
    """The zero-config project: clean generate against validate, then the incremental case."""
    zero = project("zero-config")
    run(mvn("sqledge:generate"), zero)  # one untimed run: the local repository's caches
    validate, generate = paired(zero, mvn("validate"), mvn("sqledge:generate"),
                                before_second=lambda: clean(zero))
    validate_again, again = paired(zero, mvn("validate"), mvn("sqledge:generate"))
    baseline = validate + validate_again
    rows.append(("`mvn validate` (baseline)", median(baseline, 0), median(baseline, 1), 1.0, 1.0, "-"))
    for label, base, samples, target in (
            ("`mvn sqledge:generate`, clean", validate, generate, "≤ 1.3× time, ≤ 1.5× memory"),
            ("`mvn sqledge:generate`, inputs unchanged", validate_again, again,
             "≤ 1.15× time (skips the work)")):
        rows.append((label, median(samples, 0), median(samples, 1), pair_ratio(base, samples, 0),
                     pair_ratio(base, samples, 1), target))


def fleet_section():
    """Clean generate of fleets of 1 … 10,000 instances."""
    fleet_rows = []
    for size in FLEETS:
        directory = project(f"fleet-{size}", fleet(size))
        runs = RUNS if size <= 1000 else max(1, RUNS // 3)
        samples = []
        for _ in range(runs):
            clean(directory)
            samples.append(run(mvn("sqledge:generate"), directory))
        fleet_rows.append((size, median(samples, 0), median(samples, 1), runs))
    return fleet_rows


def apply_against_kubectl():
    """Apply of the same four resources to a real API server: kubectl, the plugin, and JKube.

    JKube gets the plugin's per-resource files as resource fragments with its `raw` profile (no
    enrichers): its default enrichers add labels to the Deployment's selector that its pod
    template lacks, which the API server refuses. Its re-apply is run once more, to record what it
    does to the claim.
    """
    kubectl = shutil.which("kubectl") or str(next(Path(KUBE_DIR).glob("k8s/*/kubectl")))
    kubeconfig = WORK / "kubeconfig"
    kubeconfig.unlink(missing_ok=True)
    classpath = (ROOT / "benchmarks/target/classpath.txt").read_text().strip()
    server = subprocess.Popen(["java", "-cp", f"{ROOT}/benchmarks/target/classes:{classpath}",
                               "io.sqledge.benchmarks.ApiServer", KUBE_DIR, str(kubeconfig)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(240):
            if kubeconfig.exists():
                break
            time.sleep(0.5)
        else:
            raise SystemExit("the kube-apiserver did not start")
        directory = project("apply")
        run(mvn("sqledge:generate"), directory)
        files = directory / "target/sqledge/manifests.yaml"
        jkube = project("jkube", pom=JKUBE_POM, version=JKUBE_VERSION)
        fragments = jkube / "src/main/jkube"
        fragments.mkdir(parents=True)
        for file in sorted((directory / "target/sqledge/sqledge").glob("0*.yaml")):
            shutil.copy(file, fragments / file.name)
        jkube_env = {"KUBECONFIG": str(kubeconfig)}
        k = [kubectl, f"--kubeconfig={kubeconfig}"]
        for i in range(RUNS + 1):
            for ns in (f"kubectl-{i}", f"sqledge-{i}", f"jkube-{i}"):
                run(k + ["create", "namespace", ns], directory)
                run(k + ["create", "secret", "generic", "mssql", "-n", ns,
                         "--from-literal=MSSQL_SA_PASSWORD=Bench-Passw0rd"], directory)
        # One untimed run each: the local repository's caches (JKube's first run resolves it).
        jkube_apply = mvn("k8s:resource", "k8s:apply", "-Djkube.profile=raw")
        run(jkube_apply + [f"-Djkube.namespace=jkube-{RUNS}"], jkube, jkube_env)
        kubectl_samples, apply_samples, generate_samples, jkube_samples = [], [], [], []
        for i in range(RUNS):
            kubectl_samples.append(run(k + ["apply", "--server-side", "--field-manager=bench",
                                            "-n", f"kubectl-{i}", "-f", str(files)], directory))
            apply_samples.append(run(mvn("sqledge:apply", f"-Dsqledge.namespace=sqledge-{i}",
                                         "-Dsqledge.wait=false", f"-Dsqledge.kubeconfig={kubeconfig}"),
                                     directory))
            generate_samples.append(run(mvn("sqledge:generate", "-Dsqledge.force=true"), directory))
            jkube_samples.append(run(jkube_apply + [f"-Djkube.namespace=jkube-{i}"], jkube, jkube_env))
        again = [run(mvn("sqledge:apply", f"-Dsqledge.namespace=sqledge-{i}", "-Dsqledge.wait=false",
                         f"-Dsqledge.kubeconfig={kubeconfig}"), directory) for i in range(RUNS)]
        claim = ["get", "pvc", "mssql-data", "-n", "jkube-0", "-o",
                 "jsonpath={.metadata.uid} {.metadata.deletionTimestamp}"]
        before = subprocess.run(k + claim, capture_output=True, text=True).stdout.split()
        reapply = subprocess.run(jkube_apply + ["-Djkube.namespace=jkube-0"], cwd=jkube,
                                 env=dict(os.environ, **jkube_env), capture_output=True, text=True)
        after = subprocess.run(k + claim, capture_output=True, text=True).stdout.split()
        jkube_reapply = (f"JKube {JKUBE_VERSION} re-apply of the same fragments: exit code"
                         f" {reapply.returncode}; the claim"
                         + (" was deleted (deletionTimestamp set)" if len(after) > 1
                            or after[:1] != before[:1] else " was left alone") + ".")
        return kubectl_samples, apply_samples, generate_samples, again, jkube_samples, jkube_reapply
    finally:
        server.terminate()
        server.wait(timeout=60)


def api_servers(count):
    """Starts `count` real API servers (io.sqledge.benchmarks.ApiServer); returns the processes
    and their kubeconfig files once every one is ready."""
    classpath = (ROOT / "benchmarks/target/classpath.txt").read_text().strip()
    servers, kubeconfigs = [], []
    for n in range(count):
        kubeconfig = WORK / f"site-{n}.kubeconfig"
        kubeconfig.unlink(missing_ok=True)
        kubeconfigs.append(kubeconfig)
        servers.append(subprocess.Popen(
            ["java", "-cp", f"{ROOT}/benchmarks/target/classes:{classpath}",
             "io.sqledge.benchmarks.ApiServer", KUBE_DIR, str(kubeconfig)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    for _ in range(480):
        if all(k.exists() for k in kubeconfigs):
            return servers, kubeconfigs
        time.sleep(0.5)
    stop(servers)
    raise SystemExit("the kube-apiservers did not start")


def stop(servers):
    for server in servers:
        server.terminate()
    for server in servers:
        server.wait(timeout=60)


def sites(kubeconfigs):
    """A fleet of one instance per site, each site a cluster of its own."""
    lines = ["apiVersion: sqledge/v1", "service:", "  type: ClusterIP", "instances:"]
    lines += [f"  - name: store\n    cluster: {{name: site-{n}, kubeconfig: {k}}}"
              for n, k in enumerate(kubeconfigs)]
    return "\n".join(lines) + "\n"


def apply_to_sites():
    """Apply to 1, 2 and 4 sites, each a real API server of its own: the sites are applied side
    by side (-Dsqledge.parallel, 4), so 4 sites should cost little more than 1. Each round
    applies the three fleets back to back, into namespaces of their own; the ratios are medians
    of each round's ratio against its own 1-site run."""
    servers, kubeconfigs = api_servers(4)
    try:
        projects = {count: project(f"sites-{count}", sites(kubeconfigs[:count]))
                    for count in (1, 2, 4)}
        env = {"MSSQL_SA_PASSWORD": "Bench-Passw0rd"}
        samples = {1: [], 2: [], 4: []}
        for i in range(RUNS + 1):
            for count, directory in projects.items():
                sample = run(mvn("sqledge:apply", f"-Dsqledge.namespace=sites-{count}-{i}",
                                 "-Dsqledge.createNamespace=true", "-Dsqledge.wait=false",
                                 "-Dsqledge.saPasswordFrom=env"), directory, env)
                if i > 0:  # the first round warms the local repository and the page cache
                    samples[count].append(sample)
        return samples
    finally:
        stop(servers)


def run_jmh():
    classpath = (ROOT / "benchmarks/target/classpath.txt").read_text().strip()
    result = WORK / "jmh.json"
    subprocess.run(["java", "-cp", f"{ROOT}/benchmarks/target/classes:{classpath}",
                    "org.openjdk.jmh.Main", "GenerateBenchmark", "-prof", "gc", "-rf", "json",
                    "-rff", str(result)],
                   check=True, stdout=subprocess.DEVNULL)
    return {entry["benchmark"].rsplit(".", 1)[1]: (
                entry["primaryMetric"]["score"], entry["primaryMetric"]["scoreError"],
                entry["secondaryMetrics"]["gc.alloc.rate.norm"]["score"])
            for entry in json.loads(result.read_text())}


def ha_drill():
    """The HA drill on the simulated cluster (io.sqledge.apply.HaDrill); returns its table."""
    result = WORK / "ha-drill.md"
    env = dict(os.environ, KUBE_API_TEST_DIR=KUBE_DIR)
    subprocess.run([MAVEN, "-q", "-B", "-pl", "sqledge-maven-plugin", "exec:java",
                    "-Dexec.classpathScope=test", "-Dexec.mainClass=io.sqledge.apply.HaDrill",
                    f"-Dexec.args={result}"], cwd=ROOT, env=env, check=True)
    return result.read_text()


def machine():
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = int(Path("/proc/meminfo").read_text().split()[1]) / 1024 / 1024
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    maven = subprocess.run([MAVEN, "-v", "-B"], capture_output=True, text=True).stdout.splitlines()[0]
    maven = re.sub(r"\x1b\[[0-9;]*m", "", maven)  # Maven 3.8 colours its version line even with -B
    return (f"{os.cpu_count()} × {cpu}, {memory:.0f} GiB, {platform.system()} {platform.release()},"
            f" {java}, {maven}")


def print_report(rows, fleet_rows, apply_rows, site_rows, jmh, drill):
    out = [f"Machine: {machine()}. Medians of {RUNS} runs each, pairs alternated; a ratio is the"
           " median of each pair's ratio.", ""]
    if rows:
        out += whole_run_table(rows)
    if fleet_rows:
        out += fleet_table(fleet_rows)
    if apply_rows:
        out += apply_table(apply_rows)
    if site_rows:
        out += sites_table(site_rows)
    if jmh:
        out += ["", "| JMH, warm, one instance | µs/op | allocated/op |", "|---|---:|---:|"]
        for name in ("loadAndCheck", "render", "verify", "renderAndVerify",
                     "renderAndVerifyWithBackups", "renderAndVerifyWithTlsAndMetrics"):
            score, error, allocated = jmh[name]
            out.append(f"| {name} | {score:.1f} ± {error:.1f} | {allocated / 1024:.0f} KiB |")
        base = jmh["renderAndVerify"]
        for label, name in (("backups", "renderAndVerifyWithBackups"),
                            ("cert-manager and metrics", "renderAndVerifyWithTlsAndMetrics")):
            other = jmh[name]
            out.append(f"| with {label} over without | {other[0] / base[0]:.2f}× |"
                       f" {other[2] / base[2]:.2f}× |")
    if drill:
        out += ["", "HA drill (simulated cluster; see the README's \"High availability\"):", "", drill]
    text = "\n".join(out) + "\n"
    print(text)
    (ROOT / "benchmarks/target/results.md").write_text(text)


def whole_run_table(rows):
    out = ["| Whole Maven run | Wall | Peak RSS | Time ratio | Memory ratio | Target |",
            "|---|---:|---:|---:|---:|---|"]
    for label, seconds, memory, time_ratio, memory_ratio, target in rows:
        out.append(f"| {label} | {seconds:.2f} s | {memory:.0f} MiB | {time_ratio:.2f}× |"
                   f" {memory_ratio:.2f}× | {target} |")
    return out


def fleet_table(fleet_rows):
    out = ["", "| Fleet (clean generate) | Wall | Over 1 instance | Per instance | Peak RSS |",
            "|---:|---:|---:|---:|---:|"]
    single = fleet_rows[0][1]
    for size, seconds, memory, runs in fleet_rows:
        extra = seconds - single
        per = f"{extra / (size - 1) * 1000:.2f} ms" if size > 1 else "-"
        out.append(f"| {size:,} ({runs} runs) | {seconds:.2f} s | +{extra:.2f} s | {per} | {memory:.0f} MiB |")
    return out


def sites_table(site_rows):
    one = site_rows[1]
    out = ["", "### Apply to sites, each a real API server", "",
           "| Sites | Wall time (median) | vs 1 site (median of paired ratios) | Peak RSS |",
           "|---|---|---|---|"]
    for count in (1, 2, 4):
        samples = site_rows[count]
        out.append(f"| {count} | {median(samples, 0):.2f} s | {pair_ratio(one, samples, 0):.2f}×"
                   f" | {median(samples, 1):.0f} MiB |")
    return out


def apply_table(apply_rows):
    kubectl_samples, apply_samples, generate_samples, again, jkube_samples, jkube_reapply = apply_rows
    kubectl_time = median(kubectl_samples, 0)
    generate_time = median(generate_samples, 0)
    # The baseline of each round: its own generate and kubectl, run next to its apply and JKube.
    baselines = [(g[0] + k[0],) for g, k in zip(generate_samples, kubectl_samples)]
    baseline = median(baselines, 0)
    apply_time = median(apply_samples, 0)
    jkube_time = median(jkube_samples, 0)
    out = ["", "| Apply (4 resources, real kube-apiserver, wait off) | Wall | Ratio | Target |",
           "|---|---:|---:|---|",
           f"| `kubectl apply --server-side -f manifests.yaml` | {kubectl_time:.2f} s | - | - |",
           f"| `mvn sqledge:generate -Dsqledge.force=true` | {generate_time:.2f} s | - | - |",
           f"| generate + kubectl (baseline) | {baseline:.2f} s | 1.00× | - |",
           f"| `mvn sqledge:apply` | {apply_time:.2f} s | {pair_ratio(baselines, apply_samples, 0):.2f}×"
           " | ≤ 1.5× |",
           # Run after the rounds, so against the rounds' median baseline.
           f"| `mvn sqledge:apply`, unchanged re-apply | {median(again, 0):.2f} s |"
           f" {median(again, 0) / baseline:.2f}× | - |",
           f"| JKube {JKUBE_VERSION} `mvn k8s:resource k8s:apply` (profile `raw`) | {jkube_time:.2f} s |"
           f" {pair_ratio(baselines, jkube_samples, 0):.2f}× | sqledge faster"
           f" ({pair_ratio(jkube_samples, apply_samples, 0):.2f}×) |",
           "", jkube_reapply]
    return out


if __name__ == "__main__":
    main()
