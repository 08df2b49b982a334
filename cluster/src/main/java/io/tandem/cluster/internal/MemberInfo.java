package io.tandem.cluster.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/*
 * What a process announces when it joins: its role, cores, memory and resources, its pid and host. It
 * travels as a Hazelcast member attribute, sealed with the cluster secret: a member whose announcement does
 * not open was started with another secret, and Tandem neither places tasks on it nor accepts tasks from it.
 */
record MemberInfo(String role, int cores, long memoryBytes, Map<String, Integer> resources, long pid, String host) {
    static final String ATTRIBUTE = "tandem";
    static final String WORKER = "worker";
    static final String SUBMITTER = "submitter";
    static final byte KIND = 42;

    MemberInfo {
        resources = Map.copyOf(resources);
    }

    String seal(Seal seal) {
        StringBuilder sb = new StringBuilder();
        sb.append(role).append('\n').append(cores).append('\n').append(memoryBytes).append('\n').append(pid).append('\n')
                .append(host).append('\n');
        new TreeMap<>(resources).forEach((k, v) -> sb.append(k).append('=').append(v).append(','));
        return Base64.getEncoder().encodeToString(seal.seal(KIND, sb.toString().getBytes(StandardCharsets.UTF_8), null, null));
    }

    static MemberInfo open(Seal seal, String attribute) throws Seal.SealException {
        if (attribute == null) {
            throw new Seal.SealException("it announces nothing: not a Tandem process");
        }
        byte[] plain;
        try {
            plain = seal.open(KIND, Base64.getDecoder().decode(attribute), null, null);
        } catch (IllegalArgumentException e) {
            throw new Seal.SealException("its announcement is not base64");
        }
        String[] f = new String(plain, StandardCharsets.UTF_8).split("\n", -1);
        Map<String, Integer> res = new LinkedHashMap<>();
        for (String kv : f[5].split(",")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                res.put(kv.substring(0, eq), Integer.parseInt(kv.substring(eq + 1)));
            }
        }
        return new MemberInfo(f[0], Integer.parseInt(f[1]), Long.parseLong(f[2]), res, Long.parseLong(f[3]), f[4]);
    }

    /** Parses "gpu=1,ssd=2" (names of letters, digits, '-', '_'; counts of 1 or more). */
    static Map<String, Integer> parseResources(String spec) {
        Map<String, Integer> out = new LinkedHashMap<>();
        if (spec == null || spec.isBlank()) {
            return out;
        }
        for (String kv : spec.split(",")) {
            int eq = kv.indexOf('=');
            String name = eq < 0 ? kv.strip() : kv.substring(0, eq).strip();
            if (!name.matches("[A-Za-z0-9_-]+")) {
                throw new IllegalArgumentException("resource names are letters, digits, '-' and '_', got '" + name + "' in '" + spec + "'");
            }
            int n;
            try {
                n = eq < 0 ? 1 : Integer.parseInt(kv.substring(eq + 1).strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("resource '" + name + "' needs a whole count (gpu=1), got '" + kv + "'");
            }
            if (n < 1) {
                throw new IllegalArgumentException("resource '" + name + "' needs a count of at least 1, got " + n);
            }
            out.put(name, n);
        }
        return out;
    }
}
