/**
 * Who may ask for which capability, and on what terms: the ACL {@code {subject -> allowed
 * scopes}} of seed 004's cryptod, a policy per scope (maximum token lifetime, whether fresh
 * attested evidence is required and the castellan-attestation {@link
 * dev.castellan.attestation.policy.AppraisalPolicy} it must meet), and {@link
 * dev.castellan.authority.acl.AccessPolicy#decide}, which grants or denies a request by default
 * and names the rule of every denial. File formats and defaults: {@code docs/authority.md}.
 */
package dev.castellan.authority.acl;
