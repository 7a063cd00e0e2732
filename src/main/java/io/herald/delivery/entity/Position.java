package io.herald.delivery.entity;

/**
 * Where a client stands in a channel: the offset of the last publication it saw and the epoch of the
 * history that offset belongs to. The same value resumes on every transport.
 */
public record Position(long offset, String epoch) {}
