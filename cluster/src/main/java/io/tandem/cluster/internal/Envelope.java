package io.tandem.cluster.internal;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.Callable;

/*
 * The one thing Tandem sends through Hazelcast: a kind, the sender's member id and a body sealed with the
 * cluster secret (see Seal). It travels as an IdentifiedDataSerializable (no Java serialization, so the
 * serialization filter can allow nothing of Tandem's), is run on the recipient by Hazelcast's executor
 * service, and hands itself to the Endpoint that the recipient registered in its Hazelcast user context.
 * As a Runnable it is a one-way message; as a Callable (class requests, status) it returns a sealed reply.
 */
class Envelope implements IdentifiedDataSerializable, HazelcastInstanceAware {
    static final int FACTORY_ID = 0x54444d; // "TDM"
    static final int CLASS_ID = 1;
    static final int CALL_CLASS_ID = 2;
    static final String ENDPOINT_KEY = "io.tandem.cluster.endpoint";

    /** Submitter to member. */
    static final byte TASKS = 1;
    static final byte CANCEL = 2;
    static final byte CLASS_REPLY = 3;
    /** Member to submitter. */
    static final byte ANSWERS = 11;
    static final byte REFUSED = 12; // plain text: the recipient could not open what it was sent
    static final byte CLASS_REQUEST = 13;
    static final byte STATUS = 14;

    /** What a process that takes part in a Tandem cluster answers to. */
    interface Endpoint {
        void message(byte kind, UUID from, byte[] body);

        byte[] call(byte kind, UUID from, byte[] body) throws Exception;
    }

    private byte kind;
    private UUID from;
    private byte[] body;
    private transient HazelcastInstance hz;

    Envelope() {
    }

    Envelope(byte kind, UUID from, byte[] body) {
        this.kind = kind;
        this.from = from;
        this.body = body;
    }

    static DataSerializableFactory factory() {
        return id -> id == CLASS_ID ? new Message() : id == CALL_CLASS_ID ? new Call() : null;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hz) {
        this.hz = hz;
    }

    Endpoint endpoint() {
        Object e = hz == null ? null : hz.getUserContext().get(ENDPOINT_KEY);
        return e instanceof Endpoint ep ? ep : null;
    }

    /** A one-way message: Hazelcast runs it as a Runnable on the recipient. */
    static final class Message extends Envelope implements Runnable {
        Message() {
        }

        Message(byte kind, UUID from, byte[] body) {
            super(kind, from, body);
        }

        @Override
        public void run() {
            Endpoint e = endpoint();
            if (e != null) {
                e.message(kind(), from(), body());
            }
        }
    }

    /** The same envelope as a call: Hazelcast runs it as a Callable and returns its sealed reply. */
    static final class Call extends Envelope implements Callable<byte[]> {
        Call() {
        }

        Call(byte kind, UUID from, byte[] body) {
            super(kind, from, body);
        }

        @Override
        public byte[] call() throws Exception {
            Endpoint e = endpoint();
            if (e == null) {
                throw new IllegalStateException("this Hazelcast member runs no Tandem endpoint");
            }
            return e.call(kind(), from(), body());
        }

        @Override
        public int getClassId() {
            return CALL_CLASS_ID;
        }
    }

    byte kind() {
        return kind;
    }

    UUID from() {
        return from;
    }

    byte[] body() {
        return body;
    }

    @Override
    public int getFactoryId() {
        return FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return CLASS_ID;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeByte(kind);
        out.writeLong(from.getMostSignificantBits());
        out.writeLong(from.getLeastSignificantBits());
        out.writeByteArray(body);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        kind = in.readByte();
        from = new UUID(in.readLong(), in.readLong());
        body = in.readByteArray();
        if (body == null) {
            throw new IOException("an envelope without a body");
        }
    }
}
