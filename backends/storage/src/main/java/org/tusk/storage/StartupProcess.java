package org.tusk.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tusk.api.backend.AuxiliaryProcess;
import org.tusk.api.storage.Lsn;
import org.tusk.buffer.BufferManager;
import org.tusk.buffer.CheckpointWriteDelay;
import org.tusk.shmem.ShmemAttachment;
import org.tusk.wal.ControlFile;
import org.tusk.wal.DbState;
import org.tusk.wal.DecodedRecord;
import org.tusk.wal.RedoContext;
import org.tusk.wal.ResourceManager;
import org.tusk.wal.Wal;
import org.tusk.wal.WalReader;
import org.tusk.wal.WalSettings;
import org.tusk.wal.WalWriter;
import org.tusk.xact.TransactionSystem;

/**
 * The startup process (PostgreSQL's StartupXLOG): bootstraps the storage of a
 * new cluster, or replays WAL from the last checkpoint's redo point to the end
 * of valid WAL, then sets the shared WAL position and transaction counters
 * and, after a crash, writes an end-of-recovery checkpoint. The postmaster
 * opens the doors only when this process has exited with status 0.
 *
 * <p>Redo needs every resource manager that wrote records: the core's own
 * (XLOG, XACT) and those registered as services by access-method bundles.
 */
@Component(service = AuxiliaryProcess.class, property = AuxiliaryProcess.ROLE_PROPERTY + "=" + StartupProcess.ROLE)
public final class StartupProcess implements AuxiliaryProcess {

    static final String ROLE = "startup";
    private static final Logger LOG = LoggerFactory.getLogger(StartupProcess.class);

    @Reference
    private ShmemAttachment attachment;

    private final List<ResourceManager> accessMethodRmgrs = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addResourceManager(ResourceManager rmgr) {
        accessMethodRmgrs.add(rmgr);
    }

    void removeResourceManager(ResourceManager rmgr) {
        accessMethodRmgrs.remove(rmgr);
    }

    @Override
    public void run() throws Exception {
        StorageSettings settings = StorageSettings.from(attachment.settings(), attachment.segment().maxBackends());
        Recovery.run(attachment, settings, accessMethodRmgrs);
    }

    @Override
    public void requestShutdown() {
        // recovery is not interruptible: a fast shutdown sends Quit and the next start replays again
    }

    private static final long RMGR_WAIT_MILLIS = 30_000;

    private static ResourceManager awaitResourceManager(int id, List<ResourceManager> registered)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + RMGR_WAIT_MILLIS;
        do {
            for (ResourceManager rmgr : registered) {
                if (rmgr.id() == id) {
                    return rmgr;
                }
            }
            Thread.sleep(20);
        } while (System.currentTimeMillis() < deadline);
        return null;
    }

    /** The startup sequence, callable without OSGi (tests play the postmaster and run it in a child JVM). */
    public static final class Recovery {

        private Recovery() {
        }

        public static void run(ShmemAttachment attachment, StorageSettings settings, List<ResourceManager> extra)
                throws Exception {
            Path dataDir = attachment.dataDirectory();
            WalSettings walSettings = settings.walSettings();
            if (!Files.exists(dataDir.resolve(ControlFile.PATH))) {
                Files.createDirectories(dataDir.resolve("global"));
                Files.createDirectories(dataDir.resolve("base"));
                // initdb -k: the bootstrap server is started with data_checksums=on, recorded here once for good
                Wal.bootstrap(dataDir, walSettings).withDataChecksums(settings.bootstrapDataChecksums()).write(dataDir);
                LOG.info("storage bootstrapped: WAL, pg_control (data checksums {})",
                        settings.bootstrapDataChecksums() ? "on" : "off");
            }
            ControlFile control = ControlFile.read(dataDir);
            if (control.walSegmentSize() != walSettings.segmentSize()) {
                walSettings = walSettings.withSegmentSize(control.walSegmentSize());
            }
            boolean crashed = control.state() != DbState.SHUTDOWNED;
            if (crashed) {
                LOG.info("database system was interrupted; last known up at {}",
                        java.time.Instant.ofEpochMilli(control.time()));
                LOG.info("database system was not properly shut down; automatic recovery in progress");
                control.withState(DbState.IN_CRASH_RECOVERY).write(dataDir);
            }
            TransactionSystem xacts = TransactionSystem.attach(attachment.segment(), dataDir, attachment.slot());
            XlogResourceManager xlog = new XlogResourceManager(control.nextXid(), control.nextOid());
            Map<Integer, ResourceManager> rmgrs = new HashMap<>();
            rmgrs.put(xlog.id(), xlog);
            rmgrs.put(ResourceManager.XACT, xacts.resourceManager());
            for (ResourceManager rmgr : extra) {
                rmgrs.put(rmgr.id(), rmgr);
            }

            long end;
            long lastRecord;
            int replayed = 0;
            RecoveryWal recoveryWal = new RecoveryWal(Long.MAX_VALUE);
            try (BufferManager buffers = BufferManager.attach(attachment.segment(), dataDir, attachment.slot(),
                    recoveryWal)) {
                buffers.setDataChecksums(control.dataChecksums());   // every process's reads and writes follow it
                RedoContext redo = buffers.redoContext();
                try (WalReader reader = WalReader.open(dataDir, walSettings, control.redoLsn())) {
                    if (crashed) {
                        LOG.info("redo starts at {}", Lsn.format(control.redoLsn()));
                    }
                    DecodedRecord record;
                    while ((record = reader.next()) != null) {
                        if (record.xid() != 0) {
                            xacts.observeXid(record.xid());
                        }
                        ResourceManager rmgr = rmgrs.get(record.rmgrId());
                        if (rmgr == null) {
                            // access-method bundles register their resource managers as they start
                            rmgr = awaitResourceManager(record.rmgrId(), extra);
                            rmgrs.put(record.rmgrId(), rmgr);
                        }
                        if (rmgr == null) {
                            throw new IllegalStateException("resource manager " + record.rmgrId()
                                    + " of the WAL record at " + Lsn.format(record.lsn())
                                    + " is not installed; cannot recover");
                        }
                        rmgr.redo(record, redo);
                        replayed++;
                    }
                    end = reader.endOfValidWal();
                    lastRecord = reader.lastRecordLsn();
                    if (crashed) {
                        LOG.info("redo done at {} ({} records): {}", Lsn.format(lastRecord), replayed,
                                reader.endReason());
                    }
                }
                // after redo, before the end-of-recovery checkpoint could write replayed pages over them
                NonDurableRelations.reset(dataDir, buffers);
                long nextXid = Math.max(xlog.nextXid(), xacts.variables().nextFullXid());
                xacts.initializeAfterRecovery(nextXid, (int) Math.max(3, control.oldestXid()));
                OidCounter.attach(attachment.segment(), null).initialize(xlog.nextOid());
                Wal.startAt(attachment.segment(), dataDir, walSettings, end, lastRecord, control.redoLsn());
                if (crashed) {
                    // the end-of-recovery checkpoint: replayed pages become durable, later crashes start here
                    WalWriter wal = Wal.attach(attachment.segment(), dataDir, walSettings, attachment.slot());
                    Checkpoint.create(dataDir, wal, buffers, xacts, OidCounter.attach(attachment.segment(), wal),
                            EnumSet.of(CheckpointFlag.END_OF_RECOVERY, CheckpointFlag.IMMEDIATE),
                            CheckpointWriteDelay.IMMEDIATE, settings.logCheckpoints());
                } else {
                    control.withState(DbState.IN_PRODUCTION).write(dataDir);
                }
            }
        }
    }
}
