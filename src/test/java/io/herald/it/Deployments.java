package io.herald.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jboss.shrinkwrap.api.importer.ZipImporter;

/**
 * The WAR the build produced ({@code mvn package}), as a user deploys it, with settings for tests
 * layered on top: short heartbeats, small limits and a few namespaces with particular histories.
 */
public final class Deployments {

    /** Test settings; the defaults of the real WAR are documented in docs/configuration.md. */
    public static final String TEST_SETTINGS = """
            herald.channel.namespaces=demo,news,alerts,tiny,quiet
            herald.channel.namespace.demo.client-publish=true
            herald.channel.namespace.tiny.history-size=3
            herald.channel.namespace.quiet.history-size=0
            herald.connection.heartbeat-interval=PT1S
            herald.connection.idle-timeout=PT3S
            herald.connection.outbox-max-bytes=262144
            herald.connection.max-channels=8
            herald.connection.max-message-bytes=16384
            herald.channel.anonymous=true
            herald.publish.anonymous=true
            """;

    private Deployments() {
    }

    public static WebArchive herald() {
        return herald(TEST_SETTINGS);
    }

    /** The WAR with {@code settings} as its whole embedded configuration (for example a test's JWT key). */
    public static WebArchive herald(String settings) {
        File war = new File(System.getProperty("herald.war", "target/herald.war"));
        if (!war.isFile()) {
            throw new IllegalStateException(war + " is missing: run the tests with 'mvn verify'");
        }
        WebArchive archive = ShrinkWrap.create(ZipImporter.class, "herald.war").importFrom(war).as(WebArchive.class);
        archive.delete("WEB-INF/classes/META-INF/microprofile-config.properties");
        archive.addAsResource(new StringAsset(settings), "META-INF/microprofile-config.properties");
        return archive;
    }
}
