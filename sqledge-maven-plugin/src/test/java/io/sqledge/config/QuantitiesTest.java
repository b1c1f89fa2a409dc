package io.sqledge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantitiesTest {

  @ParameterizedTest
  @CsvSource({
    "8Gi, 8589934592",
    "8G, 8000000000",
    "512Mi, 536870912",
    "1.5Gi, 1610612736",
    "1e9, 1000000000",
    "100, 100",
    "500m, 0.5"
  })
  void parsesKubernetesQuantities(String text, String expected) {
    assertEquals(0, new BigDecimal(expected).compareTo(Quantities.parse(text).orElseThrow()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"8Gb", "8GB", "8 Gi", "Gi", "", "eight", "8gi", "8Gi ", "0x10"})
  void refusesWhatTheApiServerRefuses(String text) {
    assertEquals(Optional.empty(), Quantities.parse(text));
  }

  @ParameterizedTest
  @CsvSource({"8Gb, 8Gi", "8GB, 8Gi", "8 GiB, 8Gi", "8g, 8Gi", "512mb, 512Mi", "1tb, 1Ti"})
  void suggestsTheBinaryUnitForCommonMistakes(String typo, String suggestion) {
    assertEquals(Optional.of(suggestion), Quantities.suggest(typo));
  }
}
