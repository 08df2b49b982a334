package io.tandem.graph.runfile;

import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

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
 * What a run file's YAML tree may not hold anywhere: a key twice in one mapping, or an explicit tag
 * beyond plain strings, numbers, booleans, nulls, lists and mappings ({@code !!binary}, {@code !!set},
 * {@code !custom}). A YAML loader keeps only the last of duplicate keys, so a second top-level
 * {@code tasks:} would silently drop every task of the first; SnakeYAML Engine checks duplicates in its
 * constructor, which run files do not use (they read the composed node tree for its line marks). A tag
 * would make the text mean something other than the string the parser reads. Walks in document order
 * with an explicit stack, visiting each node once (aliases may make the tree a graph, even a cyclic
 * one), and reports the first problem. Stateless; thread-safe.
 */
final class TreeCheck {
    private static final Set<Tag> PLAIN = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.SEQ, Tag.MAP, Tag.ENV_TAG);

    private TreeCheck() {
    }

    /** The first problem in document order. */
    sealed interface Problem {
    }

    /** A key given twice in one mapping: its first node and the repeated one. */
    record Duplicate(String key, ScalarNode first, ScalarNode again) implements Problem {
    }

    /** A node with an explicit tag run files do not support. */
    record UnsupportedTag(Node node) implements Problem {
    }

    static Optional<Problem> find(Node root) {
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Node> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            Node n = todo.pop();
            if (!seen.add(n)) {
                continue;
            }
            if (!PLAIN.contains(n.getTag())) {
                return Optional.of(new UnsupportedTag(n));
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
