package io.herald.security.entity;

/**
 * The answer to provisioning a device: its record and its token, which is shown this once and never
 * stored (Herald keeps only its SHA-256).
 */
public record Provisioned(Device device, String token) {

    @Override
    public String toString() {
        // a record's toString would print the token into any log that prints this value
        return "Provisioned[" + device + "]";
    }
}
