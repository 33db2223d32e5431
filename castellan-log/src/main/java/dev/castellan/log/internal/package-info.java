/** Implementation details of the log; not part of its API. */
package dev.castellan.log.internal;
