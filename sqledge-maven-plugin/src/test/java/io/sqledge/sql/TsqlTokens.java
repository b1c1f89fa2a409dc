package io.sqledge.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;

/**
 * A T-SQL lexer for the tests, after "Transact-SQL syntax conventions" and the lexical rules of
 * the reference: words, numbers, {@code N'…'} and {@code '…'} literals with a doubled quote,
 * {@code […]} identifiers with a doubled closing bracket, {@code --} comments, and symbols. It
 * reads a script the way SQL Server's parser splits it, so a test can assert the tokens a
 * statement is made of, and what text a quoted name or literal really holds, instead of
 * comparing strings.
 */
final class TsqlTokens {

  enum Type { WORD, NUMBER, TEXT, NAME, SYMBOL }

  /** One token: its type, its value (a literal's or a name's unquoted text) and its source. */
  record Token(Type type, String value, String source) {
    boolean is(String word) {
      return (type == Type.WORD || type == Type.SYMBOL) && value.equalsIgnoreCase(word);
    }

    @Override
    public String toString() {
      return source;
    }
  }

  private TsqlTokens() {}

  static List<Token> of(String script) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < script.length()) {
      char c = script.charAt(i);
      int start = i;
      if (Character.isWhitespace(c)) {
        i++;
      } else if (script.startsWith("--", i)) {
        while (i < script.length() && script.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '\'' || ((c == 'N' || c == 'n') && i + 1 < script.length()
          && script.charAt(i + 1) == '\'')) {
        i = c == '\'' ? i + 1 : i + 2;
        StringBuilder text = new StringBuilder();
        while (true) {
          if (i >= script.length()) {
            fail("a literal is not closed: " + script.substring(start));
          }
          if (script.charAt(i) == '\'') {
            if (i + 1 < script.length() && script.charAt(i + 1) == '\'') {
              text.append('\'');
              i += 2;
              continue;
            }
            i++;
            break;
          }
          text.append(script.charAt(i++));
        }
        tokens.add(new Token(Type.TEXT, text.toString(), script.substring(start, i)));
      } else if (c == '[') {
        i++;
        StringBuilder name = new StringBuilder();
        while (true) {
          if (i >= script.length()) {
            fail("a quoted name is not closed: " + script.substring(start));
          }
          if (script.charAt(i) == ']') {
            if (i + 1 < script.length() && script.charAt(i + 1) == ']') {
              name.append(']');
              i += 2;
              continue;
            }
            i++;
            break;
          }
          name.append(script.charAt(i++));
        }
        tokens.add(new Token(Type.NAME, name.toString(), script.substring(start, i)));
      } else if (Character.isLetter(c) || c == '_' || c == '@' || c == '#') {
        while (i < script.length() && (Character.isLetterOrDigit(script.charAt(i))
            || "_@#$".indexOf(script.charAt(i)) >= 0)) {
          i++;
        }
        tokens.add(new Token(Type.WORD, script.substring(start, i), script.substring(start, i)));
      } else if (Character.isDigit(c)) {
        while (i < script.length() && Character.isDigit(script.charAt(i))) {
          i++;
        }
        tokens.add(new Token(Type.NUMBER, script.substring(start, i), script.substring(start, i)));
      } else if (script.startsWith("<>", i)) {
        i += 2;
        tokens.add(new Token(Type.SYMBOL, "<>", "<>"));
      } else if ("(),;=+.%<>*/:".indexOf(c) >= 0 && !script.startsWith("/*", i)) {
        i++;
        tokens.add(new Token(Type.SYMBOL, String.valueOf(c), String.valueOf(c)));
      } else {
        fail("no T-SQL token starts with '" + c + "' in: " + script.substring(start,
            Math.min(script.length(), start + 40)));
      }
    }
    return tokens;
  }

  /**
   * The text that an expression of literals holds: {@code N'a' + NCHAR(10) + N'b'} is "a\nb".
   * Fails on anything else, so a test sees when a name was pasted in rather than quoted.
   */
  static String evaluate(List<Token> expression) {
    StringBuilder text = new StringBuilder();
    int i = 0;
    while (i < expression.size()) {
      Token token = expression.get(i);
      if (token.type() == Type.TEXT && token.source().startsWith("N'")) {
        text.append(token.value());
        i++;
      } else if (token.is("NCHAR") && expression.get(i + 1).is("(")
          && expression.get(i + 2).type() == Type.NUMBER && expression.get(i + 3).is(")")) {
        text.append((char) Integer.parseInt(expression.get(i + 2).value()));
        i += 4;
      } else {
        fail("not a Unicode literal or NCHAR(n): " + token);
      }
      if (i < expression.size()) {
        assertEquals("+", expression.get(i).value(), "literals are joined by +");
        i++;
      }
    }
    return text.toString();
  }

  /** The statement's words and symbols, upper-cased, as the syntax diagrams write them. */
  static List<String> shape(List<Token> tokens) {
    return tokens.stream().map(t -> switch (t.type()) {
      case WORD -> t.value().startsWith("@") ? t.value() : t.value().toUpperCase();
      case TEXT -> "'…'";
      case NAME -> "[…]";
      default -> t.value();
    }).toList();
  }
}
