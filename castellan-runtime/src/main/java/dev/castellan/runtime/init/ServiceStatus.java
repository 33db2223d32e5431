package dev.castellan.runtime.init;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A snapshot of one service.
 *
 * @param name the unit's name
 * @param state where it is
 * @param enabled whether it starts with the manager ({@code ServiceEnable}, changed by ServiceEnable/ServiceDisable)
 * @param pid its running process, if any
 * @param restarts how often the policy restarted it since it was last started on purpose
 * @param lastExitCode the exit code of its last run (128 + signal for a signal), if it ran
 * @param startedAt when the current or last run began, if it ran
 * @param restart its policy
 * @param execStart its command
 */
public record ServiceStatus(String name, ServiceState state, boolean enabled, OptionalLong pid, int restarts,
    OptionalInt lastExitCode, Optional<Instant> startedAt, RestartPolicy restart, List<String> execStart) {}
