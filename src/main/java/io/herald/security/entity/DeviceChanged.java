package io.herald.security.entity;

/**
 * A device's credential was revoked or replaced on this node (CDI event): its live connections here that
 * still use the old one are closed at once; other nodes notice at their next re-check.
 */
public record DeviceChanged(String id) {}
