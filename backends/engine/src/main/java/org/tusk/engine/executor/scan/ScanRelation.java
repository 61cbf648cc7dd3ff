package org.tusk.engine.executor.scan;

import org.tusk.api.storage.RelFileLocator;
import org.tusk.api.storage.TableAccessMethod;

/**
 * What a scan needs of a table (the parts of a relcache entry the executor
 * reads): its name for messages, its files, its access method and its tuple
 * format.
 *
 * @param name     the table's name as messages print it
 * @param locator  the table's files
 * @param am       its table access method
 * @param codec    its tuple format
 */
public record ScanRelation(String name, RelFileLocator locator, TableAccessMethod am, TupleCodec codec) {
}
