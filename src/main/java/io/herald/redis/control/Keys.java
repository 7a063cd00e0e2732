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
