/**
 * Profiling a running Herald: {@code mvn -Pprofile test-compile exec:java -Dprofile.pid=<pid> …} attaches
 * async-profiler (from Maven Central, its native library unpacked from the jar) to the server for a number of
 * seconds, records CPU and allocation samples in one JFR recording, and writes a CPU and an allocation flame
 * graph plus a text summary of the top frames (docs/performance.md, "Profiling").
 *
 * <p>Attaching to a process that already runs (rather than starting the server with {@code -agentpath}) lets
 * the same server be warmed up and profiled only inside the window that matters, e.g. the measured window of a
 * load-tool run. One recording holds both events so that the two graphs describe the same seconds. Rejected:
 * shelling out to {@code asprof}/{@code jfrconv} (not on Maven Central; a helper would have to fetch them by
 * hand) and JFR's own method sampling (it samples only Java frames at 20 ms and misses the native and kernel
 * part of a socket write).
 */
package io.herald.profile;
