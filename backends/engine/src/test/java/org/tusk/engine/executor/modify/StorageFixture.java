package org.tusk.engine.executor.modify;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.tusk.api.storage.IndexDescriptor;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.buffer.BufferManager;
import org.tusk.engine.executor.scan.IndexKeyEncoding;
import org.tusk.engine.executor.scan.ScanRelation;
import org.tusk.engine.executor.scan.TupleCodec;
import org.tusk.engine.types.PgType;
import org.tusk.heapam.FakeTransactions;
import org.tusk.heapam.HeapAccessMethod;
import org.tusk.nbtree.BTreeAccessMethod;
import org.tusk.shmem.ProcSlot;
import org.tusk.shmem.ShmemSegment;
import org.tusk.wal.RecordingWal;

/**
 * The real heap and btree access methods on a real buffer pool with an
 * in-memory WAL and a single-process transaction table, for executor tests
 * that need no catalog: tables are described directly as ResultRelations.
 */
public final class StorageFixture implements AutoCloseable {

    public final ShmemSegment segment;
    public final BufferManager buffers;
    public final RecordingWal wal = new RecordingWal();
    public final FakeTransactions xacts = new FakeTransactions();
    public final HeapAccessMethod heap;
    public final BTreeAccessMethod btree;
    private int nextRelNumber = 16384;

    public StorageFixture(Path dir) throws Exception {
        segment = ShmemSegment.create(dir.resolve("shm"), 4, dir.resolve("latches"), BufferManager.shmemRequests(256));
        ProcSlot self = segment.slot(0);
        self.setPid((int) ProcessHandle.current().pid());
        if (!self.ownsLatch()) {
            self.ownLatch();
        }
        buffers = BufferManager.attach(segment, dir.resolve("data"), self, wal);
        heap = new HeapAccessMethod(buffers, wal, xacts);
        btree = new BTreeAccessMethod(buffers, wal);
    }

    /** A new table with these columns; {@code uniqueIndexes} name key column lists (empty name = none). */
    public ResultRelation table(String name, List<ResultColumn> columns, List<CheckConstraint> checks, int[]... uniqueKeys) {
        RelFileLocator locator = RelFileLocator.of(5, nextRelNumber++);
        heap.createStorage(locator);
        List<PgType> types = columns.stream().map(ResultColumn::type).toList();
        ScanRelation rel = new ScanRelation(name, locator, heap, new SimpleCodec(types));
        List<ResultIndex> indexes = new ArrayList<>();
        for (int[] keys : uniqueKeys) {
            StringBuilder indexName = new StringBuilder(name);
            List<PgType> keyTypes = new ArrayList<>();
            for (int k : keys) {
                indexName.append('_').append(columns.get(k).name());
                keyTypes.add(columns.get(k).type());
            }
            IndexDescriptor descriptor = new IndexDescriptor(indexName.append("_key").toString(),
                    RelFileLocator.of(5, nextRelNumber++), locator, true, IndexKeyEncoding.comparator());
            btree.build(descriptor, sink -> { });
            indexes.add(new ResultIndex(btree, descriptor, keys, keyTypes));
        }
        return new ResultRelation(rel, columns, indexes, checks);
    }

    @Override
    public void close() {
        buffers.close();
        segment.close();
    }

    /** A test tuple format: a null bitmap byte per column, then the value. */
    record SimpleCodec(List<PgType> types) implements TupleCodec {
        @Override
        public byte[] form(Object[] values) {
            try {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                DataOutputStream out = new DataOutputStream(bytes);
                for (int i = 0; i < types.size(); i++) {
                    Object v = values[i];
                    out.writeBoolean(v == null);
                    if (v == null) {
                        continue;
                    }
                    switch (types.get(i)) {
                        case INT4 -> out.writeInt((Integer) v);
                        case INT8 -> out.writeLong((Long) v);
                        case NUMERIC -> out.writeUTF(((BigDecimal) v).toString());
                        default -> out.writeUTF((String) v);
                    }
                }
                return bytes.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Object[] deform(byte[] data) {
            try {
                DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
                Object[] row = new Object[types.size()];
                for (int i = 0; i < row.length; i++) {
                    if (in.readBoolean()) {
                        continue;
                    }
                    row[i] = switch (types.get(i)) {
                        case INT4 -> in.readInt();
                        case INT8 -> in.readLong();
                        case NUMERIC -> new BigDecimal(in.readUTF());
                        default -> in.readUTF();
                    };
                }
                return row;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
