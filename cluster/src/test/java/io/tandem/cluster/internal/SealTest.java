package io.tandem.cluster.internal;

import com.hazelcast.internal.serialization.SerializationClassNameFilter;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a process without the secret can and cannot do, without a cluster. */
class SealTest {
    private static final UUID A = UUID.randomUUID();
    private static final UUID B = UUID.randomUUID();

    @Test
    void aSealedMessageOpensOnlyWithTheSameSecretKindSenderAndRecipient() throws Exception {
        Seal right = new Seal("the-cluster-secret".getBytes(StandardCharsets.UTF_8));
        byte[] plain = "task bytes".getBytes(StandardCharsets.UTF_8);
        byte[] sealed = right.seal(Envelope.TASKS, plain, A, B);
        assertArrayEquals(plain, right.open(Envelope.TASKS, sealed, A, B));
        Seal wrong = new Seal("another-secret".getBytes(StandardCharsets.UTF_8));
        Seal.SealException e = assertThrows(Seal.SealException.class, () -> wrong.open(Envelope.TASKS, sealed, A, B));
        assertTrue(e.getMessage().contains("TANDEM_CLUSTER_SECRET"), e.getMessage());
        assertThrows(Seal.SealException.class, () -> right.open(Envelope.ANSWERS, sealed, A, B)); // replayed as another kind
        assertThrows(Seal.SealException.class, () -> right.open(Envelope.TASKS, sealed, A, UUID.randomUUID())); // sent on
        byte[] altered = sealed.clone();
        altered[altered.length / 2] ^= 1;
        assertThrows(Seal.SealException.class, () -> right.open(Envelope.TASKS, altered, A, B));
        assertThrows(Seal.SealException.class, () -> right.open(Envelope.TASKS, new byte[3], A, B));
    }

    @Test
    void anAnnouncementCarriesCoresAndResourcesAndOpensOnlyWithTheSecret() throws Exception {
        Seal seal = new Seal("the-cluster-secret".getBytes(StandardCharsets.UTF_8));
        MemberInfo info = new MemberInfo(MemberInfo.WORKER, 8, 1L << 30, Map.of("gpu", 2, "ssd", 1), 1234, "10.0.0.5");
        assertEquals(info, MemberInfo.open(seal, info.seal(seal)));
        assertThrows(Seal.SealException.class,
                () -> MemberInfo.open(new Seal("x-secret-xx".getBytes(StandardCharsets.UTF_8)), info.seal(seal)));
        assertThrows(Seal.SealException.class, () -> MemberInfo.open(seal, null));
        assertEquals(Map.of("gpu", 1, "ssd", 2), MemberInfo.parseResources("gpu, ssd=2"));
        assertThrows(IllegalArgumentException.class, () -> MemberInfo.parseResources("gpu=0"));
        assertThrows(IllegalArgumentException.class, () -> MemberInfo.parseResources("g p u=1"));
    }

    @Test
    void hazelcastsJavaDeserializationAllowsNoApplicationOrTandemClass() {
        SerializationClassNameFilter f = new SerializationClassNameFilter(HazelcastSetup.serializationFilter());
        for (String denied : new String[] {"com.acme.Job", "io.tandem.cluster.internal.Envelope",
                "org.apache.commons.collections.functors.InvokerTransformer", "javax.management.BadAttributeValueExpException"}) {
            assertThrows(SecurityException.class, () -> f.filter(denied), denied);
        }
        f.filter("java.util.ArrayList");
        f.filter("com.hazelcast.core.HazelcastException");
    }

    @Test
    void withoutASecretOnlyLoopbackIsAllowed() {
        Secret none = Secret.resolve(null, null, Map.of());
        assertTrue(!none.configured());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> HazelcastSetup.start(
                new HazelcastSetup.Options("t", "127.0.0.1", 0, java.util.List.of("10.1.2.3:5701"), true,
                        java.time.Duration.ofSeconds(2), "", null, false, "t")));
        assertTrue(e.getMessage().contains("loopback") && e.getMessage().contains("TANDEM_CLUSTER_SECRET"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Secret.resolve(new byte[3], null, Map.of()));
        assertEquals("TANDEM_CLUSTER_SECRET", Secret.resolve(null, null, Map.of("TANDEM_CLUSTER_SECRET", "0123456789")).source());
    }
}
