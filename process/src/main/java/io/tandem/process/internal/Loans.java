package io.tandem.process.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/*
 * The batches one worker's iterators took from channels of this process (RECEIVE_BATCH) and have not
 * finished with, so that no item is lost when the worker dies. Parent side; one per worker.
 *
 * A loan is keyed by the worker's iterator. It is settled (forgotten) when that iterator asks for its next
 * batch, which it does only once it has handed out every item of the last one, or when it reaches the
 * end; at the end of a task the worker gives back what its iterators still hold (GIVE_BACK with the
 * number handed out), and the rest of the loan is put back into the channel at once. If the worker dies,
 * every loan is put back whole: the worker cannot say any more how many items of its current batch it
 * had handed out, so those items are delivered again (at least once: none is lost, an item handed to the
 * dying task may arrive twice). A batch lent after the worker died is put back as soon as it is lent.
 *
 * Thread-safe: every method holds this object's lock; putting back runs on its own thread.
 */
final class Loans {
    private record Loan(ReturningChannel channel, List<Object> items) {
    }

    private final Map<Long, Loan> loans = new HashMap<>();
    private boolean workerGone;

    /** Records {@code batch} as lent to iterator {@code key} and returns it, or puts it back if the worker is gone. */
    synchronized ArrayList<Object> lend(long key, ReturningChannel channel, ArrayList<Object> batch) {
        if (workerGone) {
            channel.putBack(batch);
        } else {
            loans.put(key, new Loan(channel, batch));
        }
        return batch;
    }

    /** Iterator {@code key} handed out all of its batch. */
    synchronized void settle(long key) {
        loans.remove(key);
    }

    /** Iterator {@code key} handed out {@code handedOut} items of its batch and gives back the rest. */
    synchronized void giveBack(long key, int handedOut) {
        Loan loan = loans.remove(key);
        if (loan != null && handedOut < loan.items().size()) {
            loan.channel().putBack(new ArrayList<>(loan.items().subList(Math.max(0, handedOut), loan.items().size())));
        }
    }

    /** The worker died or exited: everything it still held goes back. */
    synchronized void workerGone() {
        workerGone = true;
        for (Loan loan : loans.values()) {
            loan.channel().putBack(loan.items());
        }
        loans.clear();
    }
}
