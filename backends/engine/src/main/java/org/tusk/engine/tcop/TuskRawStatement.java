package org.tusk.engine.tcop;

import org.tusk.api.engine.RawStatement;
import org.tusk.engine.parser.ParsedStatement;

/** A parsed statement handed to the protocol layer. */
final class TuskRawStatement implements RawStatement {
    private final ParsedStatement parsed;

    TuskRawStatement(ParsedStatement parsed) {
        this.parsed = parsed;
    }

    ParsedStatement parsed() {
        return parsed;
    }

    @Override
    public String sourceText() {
        return parsed.sourceText();
    }

    @Override
    public String commandName() {
        return parsed.stmt().commandName();
    }

    @Override
    public String toString() {
        return parsed.sourceText();
    }
}
