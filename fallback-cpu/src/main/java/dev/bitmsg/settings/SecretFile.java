package dev.bitmsg.settings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a secret (password, token, passphrase) from a file, so it is never on the command line
 * where {@code ps} shows it: the first line, without surrounding blanks. A missing, unreadable or
 * empty file is a {@link SettingsException} naming the option. Stateless.
 */
public final class SecretFile {
  private SecretFile() {}

  /**
   * The secret in {@code file}, given as option {@code option} (e.g. {@code api-password-file}).
   */
  public static String read(String option, Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new SettingsException(option + ": " + file + " does not exist");
    } catch (IOException e) {
      throw new SettingsException(option + ": cannot read " + file + ": " + SettingsFile.reason(e));
    }
    String secret = lines.isEmpty() ? "" : lines.get(0).strip();
    if (secret.isEmpty()) {
      throw new SettingsException(
          option + ": " + file + " is empty (the first line is the secret)");
    }
    return secret;
  }
}
