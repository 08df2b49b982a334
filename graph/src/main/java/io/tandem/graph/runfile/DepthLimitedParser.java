package io.tandem.graph.runfile;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * SnakeYAML Engine's parser with a cap on how deep lists and mappings nest. The engine's scanner and
 * parser are loops over explicit stacks, but its composer builds the node tree by recursion, so
 * 20,000 {@code [} overflow the thread's stack; this parser stops at {@link RunFile#MAX_NESTING_DEPTH}
 * before the composer recurses that far. One instance per parse; not thread-safe.
 */
final class DepthLimitedParser implements Parser {
    private final Parser delegate;
    private final String source;
    private int depth;

    DepthLimitedParser(LoadSettings settings, String text, String source) {
        this.delegate = new ParserImpl(settings, new StreamReader(settings, new SurrogateSafeReader(text)));
        this.source = source;
    }

    @Override
    public boolean checkEvent(Event.ID id) {
        return delegate.checkEvent(id);
    }

    @Override
    public Event peekEvent() {
        return delegate.peekEvent();
    }

    @Override
    public boolean hasNext() {
        return delegate.hasNext();
    }

    @Override
    public Event next() {
        Event e = delegate.next();
        switch (e.getEventId()) {
            case MappingStart, SequenceStart -> {
                if (++depth > RunFile.MAX_NESTING_DEPTH) {
                    int line = e.getStartMark().map(m -> m.getLine() + 1).orElse(0);
                    int column = e.getStartMark().map(m -> m.getColumn() + 1).orElse(0);
                    throw new RunFileException(source, line, column, "lists and mappings nest more than "
                            + RunFile.MAX_NESTING_DEPTH + " levels deep (RunFile.MAX_NESTING_DEPTH); a run file needs 4");
                }
            }
            case MappingEnd, SequenceEnd -> depth--;
            default -> {
            }
        }
        return e;
    }
}
