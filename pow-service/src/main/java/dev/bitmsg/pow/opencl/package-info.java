/**
 * The OpenCL engine family ({@code opencl}) on JOCL: device discovery, the host loop every OpenCL
 * scanner shares ({@link dev.bitmsg.pow.opencl.LaunchingScanner}: job tables, two launches in
 * flight, a CPU re-check of every device answer), the compiler's register/spill report ({@link
 * dev.bitmsg.pow.opencl.KernelBuildInfo}), admission of a device after its known-answer self-test
 * and calibration ({@link dev.bitmsg.pow.opencl.DeviceAdmission}, also used by the Aparapi family),
 * kernel sources from the classpath, and the {@code bm bench devices} command with its {@code
 * --sweep} over nonces per item and work-group size. Depends on pow-cpu, the engines SPI, JOCL,
 * SLF4J and picocli.
 */
package dev.bitmsg.pow.opencl;
