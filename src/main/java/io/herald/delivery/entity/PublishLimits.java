package io.herald.delivery.entity;

/** The bounds of one request to the publish API, from configuration (DeliveryConfig holds the defaults and why). */
public record PublishLimits(int maxBodyBytes, int maxBatch) {}
