package io.tandem.graph.runfile;

import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the first key that appears twice in one mapping, anywhere in a composed YAML tree. A YAML
 * loader keeps only the last of duplicate keys, so a second top-level {@code tasks:} silently drops every
 * task of the first; SnakeYAML Engine's duplicate-key check lives in its constructor, which run files do
 * not use (they read the composed node tree for its line marks), so the check is done here. Walks in
 * document order with an explicit stack, visiting each node once (aliases may make the tree a graph,
 * even a cyclic one). Stateless; thread-safe.
 */
final class DuplicateKeys {
    private DuplicateKeys() {
    }

    /** The first duplicate in document order: the first key node and the repeated one. */
    record Duplicate(String key, ScalarNode first, ScalarNode again) {
    }

    static Optional<Duplicate> find(Node root) {
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Node> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            Node n = todo.pop();
            if (!seen.add(n)) {
                continue;
            }
            if (n instanceof MappingNode m) {
                Map<String, ScalarNode> keys = new HashMap<>();
                for (NodeTuple t : m.getValue()) {
                    if (t.getKeyNode() instanceof ScalarNode k) {
                        ScalarNode first = keys.putIfAbsent(k.getValue(), k);
                        if (first != null) {
                            return Optional.of(new Duplicate(k.getValue(), first, k));
                        }
                    }
                }
                List<NodeTuple> tuples = m.getValue();
                for (int i = tuples.size() - 1; i >= 0; i--) {
                    todo.push(tuples.get(i).getValueNode());
                    todo.push(tuples.get(i).getKeyNode());
                }
            } else if (n instanceof SequenceNode s) {
                List<Node> items = s.getValue();
                for (int i = items.size() - 1; i >= 0; i--) {
                    todo.push(items.get(i));
                }
            }
        }
        return Optional.empty();
    }
}
