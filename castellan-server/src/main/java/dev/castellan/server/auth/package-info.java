/**
 * Authorization of the endpoints that sign, release or append: the bearer credential of a
 * request, the {@link dev.castellan.server.auth.Authorizer} that turns it into a grant for
 * a scope, and per-credential rate limits. Depends on the server's HTTP layer; capability
 * tokens are verified with castellan-tokens.
 */
package dev.castellan.server.auth;
