package dev.castellan.runtime.init;

import java.time.Duration;

/**
 * The manager as a whole.
 *
 * @param pid its own process id
 * @param pid1 whether it runs as PID 1 (and so reaps orphans)
 * @param uptime since it started
 * @param services units loaded
 * @param running services whose process is running
 * @param failed services that exited non-zero and were not restarted
 * @param processes ProcessStart processes still running
 * @param orphansReaped orphans reaped so far (0 unless PID 1)
 */
public record SystemStatus(long pid, boolean pid1, Duration uptime, int services, int running, int failed,
    int processes, long orphansReaped) {}
