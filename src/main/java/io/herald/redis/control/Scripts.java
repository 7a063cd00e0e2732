package io.herald.redis.control;

/**
 * The Lua scripts that make a publish and a recovery atomic in Redis. Keys carry the channel in a hash
 * tag ({@code herald:{news:a}:meta}) so that they would land on one slot of a Redis Cluster.
 */
final class Scripts {

    private Scripts() {}

    /**
     * KEYS: meta, stream, idempotency key (or ""). ARGV: the publication's id, ts, event as JSON, data as
     * JSON ({@link PublicationCodec#arguments}), epoch candidate, history size, history TTL ms, channel idle
     * TTL ms, idempotency window ms, pub/sub channel. Returns {duplicate 0|1, the publication message}. The
     * stream entry and the message are laid out by {@link PublicationCodec}, which also reads them back.
     * A meta hash created afresh means the history was lost (or never existed): the stream is dropped and
     * offsets restart under the new epoch.
     */
    static final String PUBLISH = """
            local meta, stream, idem = KEYS[1], KEYS[2], KEYS[3]
            if idem ~= '' then
              local seen = redis.call('GET', idem)
              if seen then return {1, seen} end
            end
            if redis.call('HSETNX', meta, 'epoch', ARGV[5]) == 1 then
              redis.call('HSET', meta, 'offset', 0)
              redis.call('DEL', stream)
            end
            local epoch = redis.call('HGET', meta, 'epoch')
            local offset = redis.call('HINCRBY', meta, 'offset', 1)
            redis.call('PEXPIRE', meta, ARGV[8])
            if tonumber(ARGV[6]) > 0 then
              redis.call('XADD', stream, 'MAXLEN', ARGV[6], offset .. '-1',
                %s)
              redis.call('PEXPIRE', stream, ARGV[7])
            end
            local message = %s
            redis.call('PUBLISH', ARGV[10], message)
            if idem ~= '' then redis.call('SET', idem, message, 'PX', ARGV[9]) end
            return {0, message}
            """.formatted(PublicationCodec.ENTRY_FIELDS, PublicationCodec.MESSAGE);

    /**
     * KEYS: meta, stream. ARGV: offset to read after (-1: none), epoch candidate, channel idle TTL ms.
     * Returns {epoch, top offset, entries after the offset}.
     */
    static final String RECOVER = """
            local meta, stream = KEYS[1], KEYS[2]
            if redis.call('HSETNX', meta, 'epoch', ARGV[2]) == 1 then
              redis.call('HSET', meta, 'offset', 0)
              redis.call('DEL', stream)
            end
            redis.call('PEXPIRE', meta, ARGV[3])
            local epoch = redis.call('HGET', meta, 'epoch')
            local offset = tonumber(redis.call('HGET', meta, 'offset'))
            local after = tonumber(ARGV[1])
            local entries = {}
            if after >= 0 and after < offset then
              entries = redis.call('XRANGE', stream, string.format('%d-0', after + 1), '+')
            end
            return {epoch, offset, entries}
            """;
}
