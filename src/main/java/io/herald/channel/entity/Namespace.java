package io.herald.channel.entity;

import java.time.Duration;

/**
 * The options every channel of a namespace shares.
 *
 * @param historySize   publications kept per channel for resume (0: no history; only a client already at the newest offset resumes)
 * @param historyTtl    how long a publication stays resumable
 * @param clientPublish whether connected clients may publish (otherwise only the REST API and CDI events)
 * @param access        who may subscribe and publish
 */
public record Namespace(String name, int historySize, Duration historyTtl, boolean clientPublish, Access access) {}
