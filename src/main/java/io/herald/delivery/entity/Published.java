package io.herald.delivery.entity;

/** The outcome of a publish: the publication, and whether it had been published before under the same key. */
public record Published(Publication publication, boolean duplicate) {}
