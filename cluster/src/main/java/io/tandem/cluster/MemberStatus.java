package io.tandem.cluster;

import java.util.Map;
import java.util.UUID;

/**
 * One worker member as a {@link ClusterPool} sees it, for {@code tandem cluster status} and diagnostics.
 *
 * @param address   {@code host:port} of the member
 * @param id        its id in the cluster
 * @param pid       its process id on its machine
 * @param cores     task slots it announced
 * @param resources resources it announced ({@code gpu=1})
 * @param inFlight  tasks of this pool placed on it and not yet answered
 * @param running   tasks running on it now, from every submitter ({@code -1} if it did not answer)
 * @param queued    tasks waiting on it for a slot ({@code -1} if it did not answer)
 *
 * <p>Concurrency: an immutable record, a snapshot.
 */
public record MemberStatus(String address, UUID id, long pid, int cores, Map<String, Integer> resources, int inFlight,
                           int running, int queued) {
    public MemberStatus {
        resources = Map.copyOf(resources);
    }
}
