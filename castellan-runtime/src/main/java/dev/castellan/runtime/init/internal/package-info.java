/** Implementation of the service manager: the TOML subset, word splitting, log files, processes, the reaper. Not API. */
package dev.castellan.runtime.init.internal;
