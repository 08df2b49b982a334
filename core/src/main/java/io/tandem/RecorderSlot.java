package io.tandem;

/**
 * What one recorder (a Monitor) caches on an object it sees often (a pool, a platform thread), so that
 * recording a task costs no map lookup: {@code value} belongs to {@code owner}. Immutable; published by a
 * volatile write of the field that holds it. The owner clears its slots when it closes, so a closed
 * monitor is not kept alive by the pools and threads it watched.
 */
record RecorderSlot(Object owner, Object value) {
    /** {@code slot}'s value if {@code owner} owns it, else null. */
    static Object valueFor(RecorderSlot slot, Object owner) {
        return slot != null && slot.owner == owner ? slot.value : null;
    }
}
