/**
 * The Aparapi engine family ({@code aparapi}): the same nonce search written in Aparapi's Java
 * subset, run on OpenCL devices only (Aparapi's Java-thread fallback is refused), admitted and
 * re-checked like the JOCL scanners. Depends on pow-cpu, the engines SPI, the opencl package's
 * shared host loop and admission, Aparapi and SLF4J.
 */
package dev.bitmsg.pow.aparapi;
