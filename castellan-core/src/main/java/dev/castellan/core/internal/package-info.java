/** Implementation details of castellan-core. Not exported: nothing outside this module may depend on it. */
package dev.castellan.core.internal;
