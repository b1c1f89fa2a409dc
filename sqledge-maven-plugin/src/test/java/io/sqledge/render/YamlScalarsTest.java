package io.sqledge.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

class YamlScalarsTest {

  @ParameterizedTest
  @ValueSource(strings = {
    "plain",
    "with: colon",
    "# comment",
    "a #b",
    "\"quoted\"",
    "'single'",
    "back\\slash",
    "line\nbreak",
    "tab\there",
    "\r\n",
    "---",
    "--- \nkind: Secret",
    "...",
    "*alias",
    "&anchor",
    "!tag",
    "- item",
    "? key",
    "{{ template }}",
    "${dollar}",
    "[flow]",
    "{a: b}",
    "%YAML",
    "@at",
    "`tick`",
    "|",
    ">",
    "true",
    "Y",
    "null",
    "~",
    "1433",
    "0x1F",
    "1e3",
    " leading and trailing ",
    "",
    "\u0000nul\u0007bell\u001bescape\u007fdel",
    "\u0085next\u2028line\u2029para\u00a0nbsp\ufeffbom",
    "emoji \uD83D\uDE00 and ü and 漢字",
  })
  void anyStringBecomesOneScalarThatReadsBackUnchanged(String value) {
    String document = "key: " + YamlScalars.quote(value) + "\nother: fixed\n";
    Object parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(document);

    assertEquals(Map.of("key", value, "other", "fixed"), parsed);
  }
}
