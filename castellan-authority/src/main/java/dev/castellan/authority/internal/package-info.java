/**
 * Implementation shared by the authority's packages (strict configuration JSON); not API.
 * Depends on the JDK and Jackson only.
 */
package dev.castellan.authority.internal;
