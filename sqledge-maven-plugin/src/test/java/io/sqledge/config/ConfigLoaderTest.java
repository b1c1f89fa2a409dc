package io.sqledge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqledge.TestConfigs;
import io.sqledge.diagnostic.Origin;
import io.sqledge.diagnostic.Problem;
import io.sqledge.diagnostic.Problems;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @TempDir Path dir;

  @Test
  void embeddedDefaultDescribesTheDocumentedTopology() {
    Problems problems = new Problems();
    InstanceConfig config = ConfigLoader.load(Optional.empty(), Map.of(), problems).orElseThrow();

    assertFalse(problems.hasErrors(), problems.all()::toString);
    assertEquals("sqledge/v1", config.apiVersion());
    assertEquals("sqledge", config.name());
    assertEquals("mcr.microsoft.com/azure-sql-edge:1.0.7", config.engine().image());
    assertEquals("Developer", config.engine().edition());
    assertTrue(config.engine().agentEnabled());
    assertEquals("SQL_Latin1_General_CP1_CI_AS", config.engine().collation());
    assertEquals(1033, config.engine().lcid());
    assertEquals("mssql", config.engine().saPassword().secretName());
    assertEquals("MSSQL_SA_PASSWORD", config.engine().saPassword().secretKey());
    assertEquals("disk.csi.azure.com", config.storage().provisioner());
    assertEquals("mssql-data", config.storage().claimName());
    assertEquals("8Gi", config.storage().size());
    assertEquals("ReadWriteOnce", config.storage().accessMode());
    assertEquals("LoadBalancer", config.service().type());
    assertEquals(1433, config.service().port());
    assertEquals(10001, config.pod().fsGroup());
  }

  @Test
  void userFileIsMergedOverTheDefaultsFieldByField() {
    Problems problems = new Problems();
    InstanceConfig config =
        TestConfigs.load(dir, """
            apiVersion: sqledge/v1
            name: orders
            storage:
              size: 32Gi
            service:
              port: 1434
            """, problems).orElseThrow();

    assertFalse(problems.hasErrors(), problems.all()::toString);
    assertEquals("orders", config.name());
    assertEquals("32Gi", config.storage().size());
    assertEquals("mssql-data", config.storage().claimName(), "unset keys keep their default");
    assertEquals(1434, config.service().port());
    assertEquals("LoadBalancer", config.service().type());
    assertEquals(Origin.file(TestConfigs.FILE_NAME, 4, 9), config.sources().at("storage.size"));
    assertEquals(Origin.Kind.DEFAULT, config.sources().at("storage.claimName").kind());
  }

  @Test
  void freeFormMapsReplaceTheDefaultMapInsteadOfMergingIntoIt() {
    Problems problems = new Problems();
    InstanceConfig config =
        TestConfigs.load(dir, """
            storage:
              provisioner: ebs.csi.aws.com
              parameters:
                type: gp3
            """, problems).orElseThrow();

    assertEquals(Map.of("type", "gp3"), config.storage().parameters());
  }

  @Test
  void unknownKeyNamesItsPositionAndTheClosestValidKey() {
    Problems problems = new Problems();
    TestConfigs.load(dir, """
        name: orders
        storge:
          size: 8Gi
        service:
          prot: 1433
        """, problems);

    List<Problem> errors = problems.errors();
    assertEquals(2, errors.size(), errors::toString);
    assertEquals(Origin.file(TestConfigs.FILE_NAME, 2, 1), errors.get(0).origin());
    assertEquals("unknown key `storge` at the top level; did you mean `storage`?",
        errors.get(0).message());
    assertEquals(Origin.file(TestConfigs.FILE_NAME, 5, 3), errors.get(1).origin());
    assertEquals("unknown key `prot` in `service`; did you mean `port`?", errors.get(1).message());
    assertEquals("sqledge.yaml:5:3: unknown key `prot` in `service`; did you mean `port`?\n"
        + "    fix: rename it to `port`", errors.get(1).render());
  }

  @Test
  void unknownKeyWithoutACloseMatchListsTheValidKeys() {
    Problems problems = new Problems();
    TestConfigs.load(dir, "service:\n  zzzzzzzz: 1\n", problems);

    Problem error = problems.errors().get(0);
    assertEquals("unknown key `zzzzzzzz` in `service`", error.message());
    assertEquals("valid keys here: type, port, annotations, internal, internalAnnotations,"
        + " loadBalancerSourceRanges, loadBalancerIP", error.fix());
  }

  @Test
  void wrongTypesAreErrorsWithTheFix() {
    Problems problems = new Problems();
    TestConfigs.load(dir, """
        engine:
          lcid: "1033"
          agentEnabled: maybe
          image: [a, b]
        service:
          port: abc
        storage: 8Gi
        """, problems);

    List<String> messages = problems.errors().stream().map(Problem::render).toList();
    assertEquals(5, messages.size(), messages::toString);
    assertEquals("sqledge.yaml:2:9: `engine.lcid` must be a whole number, but it is the text `1033`\n"
        + "    fix: remove the quotes: `lcid: 1033`", messages.get(0));
    assertTrue(messages.get(1).startsWith(
        "sqledge.yaml:3:17: `engine.agentEnabled` must be true or false, but it is the text `maybe`"),
        messages.get(1));
    assertTrue(messages.get(2).startsWith(
        "sqledge.yaml:4:10: `engine.image` must be a text value, but it is a list"), messages.get(2));
    assertTrue(messages.stream().anyMatch(m -> m.startsWith(
        "sqledge.yaml:6:9: `service.port` must be a whole number, but it is the text `abc`")));
    assertTrue(messages.stream().anyMatch(m -> m.startsWith(
        "sqledge.yaml:7:10: `storage` must be a map of settings, but it is a single value (3 characters, not shown)")));
  }

  @Test
  void inlinePasswordIsRefusedWithoutEchoingIt() {
    String secret = "Sup3r-Secret!Pw";
    for (String yaml : List.of(
        "engine:\n  saPassword: " + secret + "\n",
        "password: " + secret + "\n",
        "engine:\n  saPasswordValue: " + secret + "\n")) {
      Problems problems = new Problems();
      TestConfigs.load(dir, yaml, problems);

      assertTrue(problems.hasErrors(), yaml);
      for (Problem problem : problems.all()) {
        assertFalse(problem.render().contains(secret), problem::render);
        assertTrue(problem.message().contains("password must not be written"), problem::render);
        assertTrue(problem.fix().contains("kubectl create secret generic"), problem::render);
      }
    }
  }

  @Test
  void duplicateKeysAreErrors() {
    Problems problems = new Problems();
    TestConfigs.load(dir, "name: a\nname: b\n", problems);

    assertEquals(1, problems.errors().size(), problems.all()::toString);
    assertEquals(Origin.file(TestConfigs.FILE_NAME, 2, 1), problems.errors().get(0).origin());
    assertTrue(problems.errors().get(0).message().contains("appears twice"));
  }

  @Test
  void yamlSyntaxErrorNamesLineAndColumn() {
    Problems problems = new Problems();
    Optional<InstanceConfig> config =
        TestConfigs.load(dir, "name: orders\nservice:\n  port: 1433\n   type: [ClusterIP\n", problems);

    assertTrue(config.isEmpty());
    Problem error = problems.errors().get(0);
    assertEquals(TestConfigs.FILE_NAME, error.origin().file());
    assertTrue(error.origin().line() >= 3, error::render);
    assertTrue(error.message().startsWith("invalid YAML: "), error::render);
  }

  @Test
  void tabsAreExplained() {
    Problems problems = new Problems();
    TestConfigs.load(dir, "service:\n\tport: 1433\n", problems);

    Problem error = problems.errors().get(0);
    assertEquals(2, error.origin().line(), error::render);
    assertTrue(error.fix().contains("spaces"), error::render);
  }

  @Test
  void aliasBombIsRefusedBeforeItExpands() {
    StringBuilder yaml = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for (char c = 'b'; c <= 'j'; c++) {
      char prev = (char) (c - 1);
      yaml.append(c).append(": &").append(c).append(" [");
      yaml.append(("*" + prev + ", ").repeat(9)).append('*').append(prev).append("]\n");
    }
    Problems problems = new Problems();

    assertTrue(TestConfigs.load(dir, yaml.toString(), problems).isEmpty());
    assertTrue(problems.errors().get(0).message().contains("alias"), problems.all()::toString);
  }

  @Test
  void invalidUtf8NamesThePosition() throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.write(file, new byte[] {'n', 'a', 'm', 'e', ':', ' ', 'a', '\n', 'x', (byte) 0xC3, 0x28});
    Problems problems = new Problems();

    ConfigLoader.load(Optional.of(new ConfigSource(file, "bad.yaml")), Map.of(), problems);

    assertEquals(Origin.file("bad.yaml", 2, 2), problems.errors().get(0).origin());
    assertTrue(problems.errors().get(0).message().contains("UTF-8"));
  }

  @Test
  void emptyFileMeansTheDefaultsWithAWarning() {
    Problems problems = new Problems();
    InstanceConfig config = TestConfigs.load(dir, "# nothing yet\n", problems).orElseThrow();

    assertFalse(problems.hasErrors());
    assertEquals("sqledge", config.name());
    assertTrue(problems.warnings().get(0).message().contains("empty"));
  }

  @Test
  void aListAtTheTopIsNotAConfiguration() {
    Problems problems = new Problems();
    assertTrue(TestConfigs.load(dir, "- a\n- b\n", problems).isEmpty());
    assertTrue(problems.errors().get(0).message().contains("must be a map"));
  }

  @Test
  void propertiesOverrideTheFileAndNameThemselvesAsOrigin() {
    Problems problems = new Problems();
    InstanceConfig config =
        ConfigLoader.load(
                Optional.of(TestConfigs.write(dir, "service:\n  port: 1434\n")),
                Map.of("service.port", "1500", "name", "fromprop"),
                problems)
            .orElseThrow();

    assertEquals(1500, config.service().port());
    assertEquals("fromprop", config.name());
    assertEquals(Origin.property("sqledge.service.port"), config.sources().at("service.port"));
    assertFalse(problems.hasErrors(), "an overridden key is still a known key: " + problems.all());
  }

  @Test
  void aPropertyThatMatchesNoPathIsAWarningWithTheClosestPath() {
    Problems problems = new Problems();
    ConfigLoader.load(Optional.empty(), Map.of("servce.port", "1500"), problems);

    assertFalse(problems.hasErrors());
    Problem warning = problems.warnings().get(0);
    assertEquals(Origin.property("sqledge.servce.port"), warning.origin());
    assertEquals("did you mean -Dsqledge.service.port?", warning.fix());
  }

  @Test
  void oversizedFileIsRefusedUnread() throws Exception {
    Path file = dir.resolve("big.yaml");
    Files.write(file, ("# " + "x".repeat(100) + "\n").repeat(20_000).getBytes(StandardCharsets.UTF_8));
    Problems problems = new Problems();

    assertTrue(ConfigLoader.load(Optional.of(new ConfigSource(file, "big.yaml")), Map.of(), problems)
        .isEmpty());
    assertTrue(problems.errors().get(0).message().contains("larger than"));
  }
}
