package dev.cognitowa.otp.sender.support;

import java.io.IOException;

/** Thrown by {@link Json#read}: the problem and where, line and column counted from 1. */
public class JsonParseException extends IOException {
  private static final long serialVersionUID = 1L;
  private final Problem problem;
  private final int line;
  private final int column;

  JsonParseException(Problem problem, int line, int column) {
    super(problem.description() + " at line " + line + ", column " + column);
    this.problem = problem;
    this.line = line;
    this.column = column;
  }

  public Problem problem() {
    return problem;
  }

  public int line() {
    return line;
  }

  /** The byte (not character) in the line where reading stopped. */
  public int column() {
    return column;
  }

  /** What went wrong in {@link Json#read}; the message never quotes the input. */
  public enum Problem {
    NO_CONTENT("no content"),
    END_OF_INPUT("unexpected end of input"),
    UNEXPECTED_CHARACTER("unexpected character"),
    INVALID_NUMBER("invalid number"),
    INVALID_ESCAPE("invalid escape"),
    UNPAIRED_SURROGATE("unpaired surrogate escape in a field name"),
    CONTROL_CHARACTER("unescaped control character in a string"),
    INVALID_UTF8("invalid UTF-8"),
    DUPLICATE_FIELD("duplicate field"),
    TOO_DEEP("nested deeper than " + Json.MAX_NESTING_DEPTH + " levels"),
    NUMBER_TOO_LONG("a number longer than the parser allows"),
    NAME_TOO_LONG("a field name longer than the parser allows"),
    TRAILING_CONTENT("content after the JSON value");

    private final String description;

    Problem(String description) {
      this.description = description;
    }

    /** A few words, fit for a one-line error, e.g. "duplicate field". */
    public String description() {
      return description;
    }
  }

  /** Thrown by {@link Json#read} when something follows the JSON value. */
  public static final class TrailingContent extends JsonParseException {
    private static final long serialVersionUID = 1L;

    TrailingContent(int line, int column) {
      super(Problem.TRAILING_CONTENT, line, column);
    }
  }
}
