package io.tandem.cluster.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/*
 * The plain text of a sealed envelope: a batch of tasks (submitter to member), of answers (member to
 * submitter) or of task ids to cancel. Batching is what makes tiny tasks cheap: one Hazelcast operation
 * and one AES-GCM pass carry every task placed on a member since the last send.
 */
final class Batch {
    static final byte OK = 0;
    static final byte ERROR = 1;
    static final byte CANCELLED = 2;
    static final byte HANDED_BACK = 3; // a leaving member never started it: run it elsewhere, same attempt
    /** Ids of answers that carry a line a task printed (UTF-8), not a task's answer. */
    static final long STDOUT_LINE = -1;
    static final long STDERR_LINE = -2;

    private Batch() {
    }

    record Sent(long id, int attempt, String name, byte[] payload) {
    }

    record Answer(long id, int attempt, byte status, byte[] payload) {
    }

    static byte[] tasks(List<Sent> tasks) {
        return write(out -> {
            out.writeInt(tasks.size());
            for (Sent t : tasks) {
                out.writeLong(t.id());
                out.writeInt(t.attempt());
                out.writeUTF(t.name());
                out.writeInt(t.payload().length);
                out.write(t.payload());
            }
        });
    }

    static List<Sent> readTasks(byte[] body) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(body));
        int n = count(in, body);
        List<Sent> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new Sent(in.readLong(), in.readInt(), in.readUTF(), bytes(in, body)));
        }
        return out;
    }

    static byte[] answers(List<Answer> answers) {
        return write(out -> {
            out.writeInt(answers.size());
            for (Answer a : answers) {
                out.writeLong(a.id());
                out.writeInt(a.attempt());
                out.writeByte(a.status());
                out.writeInt(a.payload().length);
                out.write(a.payload());
            }
        });
    }

    static List<Answer> readAnswers(byte[] body) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(body));
        int n = count(in, body);
        List<Answer> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new Answer(in.readLong(), in.readInt(), in.readByte(), bytes(in, body)));
        }
        return out;
    }

    static byte[] ids(List<Long> ids) {
        return write(out -> {
            out.writeInt(ids.size());
            for (long id : ids) {
                out.writeLong(id);
            }
        });
    }

    static List<Long> readIds(byte[] body) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(body));
        int n = count(in, body);
        List<Long> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(in.readLong());
        }
        return out;
    }

    private static int count(DataInputStream in, byte[] body) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > body.length) {
            throw new IOException("a batch claims " + n + " entries in " + body.length + " bytes");
        }
        return n;
    }

    private static byte[] bytes(DataInputStream in, byte[] body) throws IOException {
        int len = in.readInt();
        if (len < 0 || len > body.length) {
            throw new IOException("an entry claims " + len + " bytes in a batch of " + body.length);
        }
        return in.readNBytes(len);
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] write(Writer w) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            w.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
