/**
 * Engine families by name ({@code cpu}, {@code opencl}, {@code aparapi}, {@code all}): the {@link
 * dev.bitmsg.pow.engines.EngineProvider} SPI found through {@link java.util.ServiceLoader}, the
 * probes that say which devices passed their self-test and why others did not, and the CPU family.
 * Depends on pow-cpu and the JDK only; the device families implement the SPI in their own packages.
 */
package dev.bitmsg.pow.engines;
