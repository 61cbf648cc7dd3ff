package org.tusk.wal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import org.tusk.api.storage.Lsn;

/**
 * pg_waldump {@code --stats=record} for Tusk's WAL: reads the records from a start LSN (a record
 * boundary, e.g. what {@code pg_current_wal_insert_lsn()} returned before a run) up to an end LSN
 * or the end of valid WAL, and prints per resource manager and info byte how many records there
 * were, their bytes (padding included, as they take WAL space) and how many carried full-page
 * images. What the bench compares against PostgreSQL's pg_waldump record by record.
 *
 * <p>{@code java -cp <tusk-wal and tusk-api jars, slf4j> org.tusk.wal.WalDump DATADIR START [END] [SEGMENT_MB]}
 */
public final class WalDump {

    /** Totals of one record type. */
    static final class Totals {
        long records;
        long bytes;
        long dataBytes;
        long blocks;
        long images;
        /** Records without a full-page image, and their bytes: what a record type costs in steady state. */
        long plainRecords;
        long plainBytes;
    }

    private WalDump() {
    }

    /** Totals per "RMGR/INFO" for the records in [start, end) (end 0: to the end of valid WAL). */
    static Map<String, Totals> stats(Path dataDir, WalSettings settings, long start, long end) {
        Map<String, Totals> byType = new TreeMap<>();
        try (WalReader reader = WalReader.open(dataDir, settings, start)) {
            DecodedRecord record;
            while ((record = reader.next()) != null && (end == 0 || record.lsn() < end)) {
                Totals totals = byType.computeIfAbsent(typeName(record.rmgrId(), record.info()), k -> new Totals());
                totals.records++;
                totals.bytes += record.endLsn() - record.lsn();
                totals.dataBytes += record.data().length;
                totals.blocks += record.blocks().size();
                int images = 0;
                for (DecodedBlock block : record.blocks()) {
                    if (block.hasImage()) {
                        images++;
                    }
                }
                totals.images += images;
                if (images == 0) {
                    totals.plainRecords++;
                    totals.plainBytes += record.endLsn() - record.lsn();
                }
            }
        }
        return byType;
    }

    static String typeName(int rmgrId, int info) {
        String rmgr = switch (rmgrId) {
            case ResourceManager.XLOG -> "XLOG";
            case ResourceManager.XACT -> "Transaction";
            case ResourceManager.SMGR -> "Storage";
            case ResourceManager.CLOG -> "CLOG";
            case ResourceManager.HEAP2 -> "Heap2";
            case ResourceManager.HEAP -> "Heap";
            case ResourceManager.BTREE -> "Btree";
            default -> "rmgr" + rmgrId;
        };
        return String.format("%s/0x%02X", rmgr, info);
    }

    static void print(Map<String, Totals> byType, PrintStream out) {
        long records = 0;
        long bytes = 0;
        for (Totals t : byType.values()) {
            records += t.records;
            bytes += t.bytes;
        }
        out.printf("%-18s %10s %12s %9s %9s %9s %8s %14s%n", "type", "records", "bytes", "bytes/rec", "data/rec",
                "blocks", "images", "no-image b/rec");
        for (Map.Entry<String, Totals> e : byType.entrySet()) {
            Totals t = e.getValue();
            out.printf("%-18s %10d %12d %9.1f %9.1f %9d %8d %14.1f%n", e.getKey(), t.records, t.bytes,
                    (double) t.bytes / t.records, (double) t.dataBytes / t.records, t.blocks, t.images,
                    t.plainRecords == 0 ? 0.0 : (double) t.plainBytes / t.plainRecords);
        }
        out.printf("%-18s %10d %12d%n", "total", records, bytes);
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: WalDump DATADIR START_LSN [END_LSN] [SEGMENT_MB]");
            System.exit(2);
        }
        long start = Lsn.parse(args[1]);
        long end = args.length > 2 ? Lsn.parse(args[2]) : 0;
        WalSettings settings = WalSettings.defaults();
        if (args.length > 3) {
            settings = settings.withSegmentSize(Integer.parseInt(args[3]) << 20);
        }
        print(stats(Path.of(args[0]), settings, start, end), System.out);
    }
}
