package io.sqledge.diagnostic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

  private static final List<String> KEYS = List.of("engine", "storage", "service", "pod", "name");

  @Test
  void findsTyposTranspositionsAndCase() {
    assertEquals(Optional.of("storage"), Suggestions.closest("storge", KEYS));
    assertEquals(Optional.of("service"), Suggestions.closest("sevrice", KEYS));
    assertEquals(Optional.of("engine"), Suggestions.closest("Engine", KEYS));
  }

  @Test
  void doesNotSuggestUnrelatedKeys() {
    assertEquals(Optional.empty(), Suggestions.closest("replicas", KEYS));
  }
}
