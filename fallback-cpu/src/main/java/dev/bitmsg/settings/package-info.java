/**
 * Settings of the node and the PoW service, one loader for both: a value comes from the command
 * line, else the environment ({@code BM_<KEY>}), else the config file ({@code key = value} lines),
 * else the built-in default. Unknown keys and malformed lines are {@link SettingsException}s naming
 * the file and line. Also: secrets read from files ({@link SecretFile}), {@code HOST:PORT} syntax
 * ({@link HostPortSyntax}) and what the build recorded ({@link BuildInfo}). JDK only: each
 * application adapts it to its command-line parser.
 */
@NullMarked
package dev.bitmsg.settings;

import org.jspecify.annotations.NullMarked;
