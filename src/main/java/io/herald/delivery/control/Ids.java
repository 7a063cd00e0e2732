package io.herald.delivery.control;

import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/** Random, URL-safe identifiers for publications and epochs (96 bits: collisions are not a concern). */
final class Ids {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private Ids() {}

    static String next() {
        byte[] bytes = new byte[12];
        ThreadLocalRandom.current().nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }
}
