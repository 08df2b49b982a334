package io.tandem.cluster.internal;

import com.hazelcast.config.ClassFilter;
import com.hazelcast.config.Config;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/*
 * The Hazelcast configuration every Tandem process uses, in one place.
 *
 * Membership. TCP-IP join to the given addresses (no multicast); heartbeats every second and a member that
 * has not answered for `detection` is removed (Hazelcast's default is 60 s); a member cut off and back
 * (SIGSTOP, a partition) tries to merge back after 5 s. Submitters are lite members (they own no
 * partitions); workers are full members.
 *
 * Network. Bind to one interface (127.0.0.1 unless told), never to all; without a configured secret,
 * only loopback addresses are allowed, to bind and to join.
 *
 * Serialization. Tandem's only message (Envelope) is IdentifiedDataSerializable; Java serialization is
 * limited by Hazelcast's filter to its own defaults (Hazelcast's internal classes and basic JDK types),
 * so no class of an application, and no gadget, is ever deserialized by Hazelcast. Task payloads travel
 * inside sealed envelopes and are decoded by Tandem's codec, behind its own filter.
 */
final class HazelcastSetup {
    private static final Logger HAZELCAST_LOGGER = Logger.getLogger("com.hazelcast");
    // held strongly: a logger's level is lost when it is garbage collected
    private static final List<Logger> QUIET = List.of(
            Logger.getLogger("com.hazelcast.instance.impl.HazelcastInstanceFactory"), // "add --add-opens for speed"
            Logger.getLogger("com.hazelcast.internal.server.tcp"),                   // a peer that left: reconnect attempts
            Logger.getLogger("com.hazelcast.internal.cluster.impl"));                // membership changes Tandem reports itself

    static {
        if (HAZELCAST_LOGGER.getLevel() == null && System.getProperty("java.util.logging.config.file") == null
                && System.getenv("TANDEM_HAZELCAST_LOG") == null) {
            HAZELCAST_LOGGER.setLevel(Level.WARNING); // its INFO lines (banner, members, partitions) are noise here
            QUIET.forEach(l -> l.setLevel(Level.SEVERE));
        }
    }

    private HazelcastSetup() {
    }

    record Options(String clusterName, String bind, int port, List<String> join, boolean lite, Duration detection,
                   String announcement, Envelope.Endpoint endpoint, boolean secretConfigured, String instanceName) {
    }

    static HazelcastInstance start(Options o) {
        if (!o.secretConfigured()) {
            requireLoopback(o.bind(), "bind to");
            for (String j : o.join()) {
                requireLoopback(host(j), "join");
            }
        }
        Config c = new Config();
        c.setClusterName(o.clusterName());
        c.setInstanceName(o.instanceName());
        c.setLiteMember(o.lite());
        long detect = Math.max(1, o.detection().toSeconds());
        c.setProperty("hazelcast.logging.type", "jdk");
        c.setProperty("hazelcast.phone.home.enabled", "false");
        c.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        c.setProperty("hazelcast.max.no.heartbeat.seconds", Long.toString(detect));
        c.setProperty("hazelcast.wait.seconds.before.join", "0");
        c.setProperty("hazelcast.max.wait.seconds.before.join", "0");
        c.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
        c.setProperty("hazelcast.merge.next.run.delay.seconds", "5");
        c.setProperty("hazelcast.socket.bind.any", "false");
        c.setProperty("hazelcast.shutdownhook.enabled", "false");
        c.setProperty("hazelcast.graceful.shutdown.max.wait", "10");
        c.setProperty("hazelcast.partition.count", "23");
        c.setProperty("hazelcast.health.monitoring.level", "OFF");
        c.setProperty("hazelcast.operation.call.timeout.millis", Long.toString(Math.max(5000, detect * 2000)));
        c.getMetricsConfig().setEnabled(false);
        c.getJetConfig().setEnabled(false);
        c.getMemberAttributeConfig().setAttribute(MemberInfo.ATTRIBUTE, o.announcement());
        c.getExecutorConfig(ClusterNames.EXECUTOR).setPoolSize(Math.max(4, Runtime.getRuntime().availableProcessors() * 2))
                .setStatisticsEnabled(false);
        c.getUserContext().put(Envelope.ENDPOINT_KEY, o.endpoint());
        c.getSerializationConfig().addDataSerializableFactory(Envelope.FACTORY_ID, Envelope.factory());
        c.getSerializationConfig().setJavaSerializationFilterConfig(serializationFilter());

        NetworkConfig n = c.getNetworkConfig();
        // port 0: a free port of our choosing for a process that joins nobody (a local cluster's submitter,
        // a test's first member), else 5701 and up; an explicit port is tried first, then the next free ones
        int port = o.port() > 0 ? o.port() : o.join().isEmpty() ? freePort(o.bind()) : 5701;
        n.setPort(port).setPortAutoIncrement(o.port() > 0 || !o.join().isEmpty()).setPortCount(200);
        n.getInterfaces().setEnabled(true).addInterface(o.bind());
        n.getRestApiConfig().setEnabled(false);
        JoinConfig j = n.getJoin();
        j.getMulticastConfig().setEnabled(false);
        j.getAutoDetectionConfig().setEnabled(false);
        j.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(2);
        for (String m : o.join()) {
            j.getTcpIpConfig().addMember(m);
        }
        if (o.join().isEmpty()) {
            // the first process of a cluster: its own address only, so it starts alone without probing others
            j.getTcpIpConfig().addMember(o.bind() + ":" + n.getPort());
        }
        return Hazelcast.newHazelcastInstance(c);
    }

    private static int freePort(String bind) {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getByName(bind))) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            return 5701;
        }
    }

    /*
     * Hazelcast's default allow list (its own classes, basic JDK types) with its gadget deny list, and Tandem's
     * classes and the usual gadget roots denied on top: Tandem never sends anything by Java serialization.
     */
    static JavaSerializationFilterConfig serializationFilter() {
        return new JavaSerializationFilterConfig().setDefaultsDisabled(false)
                .setBlacklist(new ClassFilter().addPrefixes("io.tandem.", "javax.", "org.", "net.", "sun."));
    }

    static String host(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return colon < 0 ? hostPort : hostPort.substring(0, colon);
    }

    private static void requireLoopback(String host, String what) {
        try {
            if (!InetAddress.getByName(host).isLoopbackAddress()) {
                throw new IllegalStateException("no cluster secret is configured, so this process may only " + what
                        + " loopback addresses, not " + host + ": set " + Secret.ENV + " (or " + Secret.FILE_ENV
                        + ") to the same secret on every machine");
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host '" + host + "'", e);
        }
    }
}
