package dev.shepherd.yaml;

/** YAML that cannot be read, with the file line where reading stopped. */
public final class YamlException extends RuntimeException {
  private final int line;

  public YamlException(int line, String message, Throwable cause) {
    super(message, cause);
    this.line = line;
  }

  public int line() {
    return line;
  }
}
