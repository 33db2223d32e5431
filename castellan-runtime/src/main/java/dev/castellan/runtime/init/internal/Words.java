package dev.castellan.runtime.init.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an {@code ExecStart} line into words as a POSIX shell would, without running one:
 * blanks separate words, {@code '...'} is literal, {@code "..."} honours {@code \"} and
 * {@code \\}, a backslash outside quotes escapes the next character. No variables, globs or
 * operators: a unit that wants a shell says {@code /bin/sh -c '...'}.
 */
public final class Words {
  private Words() {}

  /** The words of {@code line}; throws IllegalArgumentException on an unterminated quote. */
  public static List<String> split(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n') {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
        continue;
      }
      inWord = true;
      if (c == '\'') {
        int end = line.indexOf('\'', i + 1);
        if (end < 0) {
          throw new IllegalArgumentException("unterminated ' quote");
        }
        word.append(line, i + 1, end);
        i = end;
      } else if (c == '"') {
        i++;
        while (i < line.length() && line.charAt(i) != '"') {
          if (line.charAt(i) == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
            i++;
          }
          word.append(line.charAt(i++));
        }
        if (i >= line.length()) {
          throw new IllegalArgumentException("unterminated \" quote");
        }
      } else if (c == '\\' && i + 1 < line.length()) {
        word.append(line.charAt(++i));
      } else {
        word.append(c);
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }
}
