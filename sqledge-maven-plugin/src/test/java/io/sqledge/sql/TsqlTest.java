package io.sqledge.sql;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sqledge.sql.TsqlTokens.Token;
import io.sqledge.sql.TsqlTokens.Type;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Names and texts as they enter a script: read back by a T-SQL lexer, they hold what was given. */
class TsqlTest {

  /** Names a hostile or careless user could give a database. */
  static final List<String> HOSTILE_NAMES = List.of(
      "sales", "a]b", "]", "[", "a]]", "[x]", "it's", "N'x'", "a\"b", "a;DROP DATABASE master;--",
      "a/*b", "x' + (SELECT 1) + '", "Größe", "数据库", "база", "emoji 🦆 name", "a%b_c",
      "$name", "GO", ":r x", "a".repeat(128));

  @Test
  void quoteNameFollowsQuotenamesRules() {
    assertEquals("[a]]b]", Tsql.quoteName("a]b"));
    assertEquals("[it's]", Tsql.quoteName("it's"));
    assertEquals("[[x]]]", Tsql.quoteName("[x]"));
    for (String name : HOSTILE_NAMES) {
      List<Token> tokens = TsqlTokens.of(Tsql.quoteName(name));
      assertEquals(1, tokens.size(), name);
      assertEquals(Type.NAME, tokens.get(0).type(), name);
      assertEquals(name, tokens.get(0).value(), "QUOTENAME keeps the name whole: " + name);
    }
  }

  @Test
  void quoteNameRefusesWhatQuotenameOrSqlcmdCannotCarry() {
    // QUOTENAME returns NULL beyond 128 characters; sqlcmd reads lines and $(variables).
    assertAll(
        () -> assertThrows(IllegalArgumentException.class, () -> Tsql.quoteName("")),
        () -> assertThrows(IllegalArgumentException.class, () -> Tsql.quoteName("a".repeat(129))),
        () -> assertThrows(IllegalArgumentException.class, () -> Tsql.quoteName("a\nb")),
        () -> assertThrows(IllegalArgumentException.class, () -> Tsql.quoteName("a$(b)")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "plain", "it's", "''", "a\nb", "a\r\nGO\r\n", "x\n:!! rm -rf /",
      "$(SQLCMDPASSWORD)", "$$((", "\u0000nul", "tab\there", "line\u2028separator",
      "emoji 🦆", "Größe", "N'x' + NCHAR(10)", "]'\"[", "end$"})
  void aLiteralHoldsTheTextAndNothingSqlcmdReads(String text) {
    String literal = Tsql.literal(text);
    assertEquals(text, TsqlTokens.evaluate(TsqlTokens.of(literal)), literal);
    assertFalse(literal.contains("$("), "no scripting variable: " + literal);
    assertFalse(literal.chars().anyMatch(c -> c < 0x20 || c == 0x2028),
        "no line break, so no sqlcmd command can start inside it: " + literal);
  }

  @Test
  void hostileNamesSurviveAsLiterals() {
    for (String name : HOSTILE_NAMES) {
      assertEquals(name, TsqlTokens.evaluate(TsqlTokens.of(Tsql.literal(name))), name);
    }
  }
}
