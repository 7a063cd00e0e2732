package io.herald.redis.control;

import io.herald.channel.entity.ChannelName;

/** Names of everything Herald keeps in Redis (docs/redis.md lists them with their sizes and expiry). */
record Keys(String prefix) {

    String meta(ChannelName channel) {
        return prefix + "{" + channel + "}:meta";
    }

    String stream(ChannelName channel) {
        return prefix + "{" + channel + "}:stream";
    }

    String idempotency(ChannelName channel, String key) {
        return prefix + "{" + channel + "}:idem:" + key;
    }

    String pubsub(ChannelName channel) {
        return prefix + "pub:" + channel;
    }

    /** A device's record (hash: token hash, groups, created). All device keys share one hash tag. */
    String device(String id) {
        return devicePrefix() + id;
    }

    /** The prefix of {@link #device}, for the scripts that name a device key they read from another key. */
    String devicePrefix() {
        return prefix + "{devices}:device:";
    }

    /** The id of the device whose current token has this SHA-256. */
    String deviceToken(String tokenHash) {
        return deviceTokenPrefix() + tokenHash;
    }

    String deviceTokenPrefix() {
        return prefix + "{devices}:token:";
    }

    /** The set of every device id, for listing. */
    String deviceIds() {
        return prefix + "{devices}:ids";
    }

    /** The channel a pub/sub message arrived on, or null for one that is not a publication channel. */
    ChannelName channelOf(String pubsubChannel) {
        String head = prefix + "pub:";
        if (!pubsubChannel.startsWith(head)) {
            return null;
        }
        String name = pubsubChannel.substring(head.length());
        int colon = name.indexOf(':');
        return new ChannelName(name.substring(0, colon), name.substring(colon + 1));
    }
}
