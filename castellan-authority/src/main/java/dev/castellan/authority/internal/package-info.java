/**
 * Implementation shared by the authority's packages (strict configuration JSON, the threads that
 * serve a listener's connections); not API.
 * Depends on the JDK, Jackson and castellan-transport only.
 */
package dev.castellan.authority.internal;
