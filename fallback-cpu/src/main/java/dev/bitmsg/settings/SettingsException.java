package dev.bitmsg.settings;

/**
 * A user's configuration mistake: an unknown key, a malformed line or value, a missing or
 * unreadable file. The message is one line that names the key and, for a file, the file and line;
 * programs print it without a stack trace and exit with status 2.
 */
public final class SettingsException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public SettingsException(String message) {
    super(message);
  }
}
