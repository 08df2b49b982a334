package io.tandem.process;

import io.tandem.channel.Channel;
import io.tandem.test.ChannelConformanceTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.Comparator;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The channel conformance suite over a {@link ProcessChannel} used in the process that created it, for
 * each kind of wrapped channel (the suite from inside worker processes is
 * {@link ProcessChannelInWorkerConformanceTest}).
 */
class ProcessChannelConformanceTest extends ChannelConformanceTest {
    @Override
    protected Channel<Integer> newChannel() {
        return ProcessChannel.of(Channel.bounded(4));
    }

    @Test
    void aHandleDecodedHereIsTheSameObject_andWrappingTwiceWrapsOnce() {
        ProcessChannel<Integer> ch = ProcessChannel.of(Channel.unbounded());
        assertSame(ch, Codecs.java().decode(Codecs.java().encode(ch)));
        assertSame(ch, Codecs.fory().decode(Codecs.fory().encode(ch)));
        assertSame(ch, ProcessChannel.of(ch));
        assertTrue(ch.toString().startsWith("ProcessChannel["), ch.toString());
    }

    @Nested
    class Unbounded extends ChannelConformanceTest {
        @Override
        protected Channel<Integer> newChannel() {
            return ProcessChannel.of(Channel.unbounded());
        }
    }

    @Nested
    class Rendezvous extends ChannelConformanceTest {
        @Override
        protected Channel<Integer> newChannel() {
            return ProcessChannel.of(Channel.rendezvous());
        }
    }

    @Nested
    class BoundedPriority extends ChannelConformanceTest {
        @Override
        protected Channel<Integer> newChannel() {
            return ProcessChannel.of(Channel.<Integer>priority(4, Comparator.naturalOrder()));
        }
    }
}
