package io.herald.problem.control;

import jakarta.json.spi.JsonProvider;

/**
 * The JSON-P provider, looked up once. Every {@code jakarta.json.Json.createX} call looks the provider up
 * again, and on Payara that lookup scans the application's class path for a service file (a quarter of
 * the CPU of a 404 answered with Herald's error body, docs/performance.md). Use {@link #PROVIDER} instead.
 */
public final class Jsonp {

    /** Thread-safe: providers, factories and builders they create are independent of each other. */
    public static final JsonProvider PROVIDER = JsonProvider.provider();

    private Jsonp() {}
}
