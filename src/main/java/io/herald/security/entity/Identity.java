package io.herald.security.entity;

import java.util.Set;

/** Who is on the other end of a connection or a request. */
public record Identity(String subject, Set<String> groups, boolean anonymous) {

    public static final Identity ANONYMOUS = new Identity("anonymous", Set.of(), true);
}
