package dev.castellan.authority.service;

/** A peer ACL file was refused; the message gives the JSON path and the rule, never the bad value. */
public final class PeerAclFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  public PeerAclFormatException(String where, String rule) {
    super(where + ": " + rule);
  }
}
