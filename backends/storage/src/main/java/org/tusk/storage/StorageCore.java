package org.tusk.storage;

import java.util.ArrayList;
import java.util.List;

import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tusk.api.storage.TableStatistics;
import org.tusk.api.storage.TransactionStatusLookup;
import org.tusk.buffer.BufferManager;
import org.tusk.lmgr.LockManager;
import org.tusk.shmem.ShmemAttachment;
import org.tusk.wal.WalWriter;
import org.tusk.xact.TransactionSystem;

/**
 * The storage core of one backend or checkpointer process (PostgreSQL's
 * per-process initialization in InitProcess/InitPostgres): attaches the WAL,
 * the buffer manager, the transaction system and the lock manager to this
 * process's slot and registers them as services, for access methods and the
 * engine. Not in the startup process, which must replay WAL before anything
 * may insert (it assembles its own, see {@link StartupProcess}).
 */
@Component(immediate = true)
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.tusk.wal.WalWriter")
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.tusk.buffer.BufferManager")
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.tusk.xact.TransactionSystem")
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.tusk.lmgr.LockManager")
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.tusk.storage.CheckpointRequests")
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.tusk.storage.SharedInvalidationQueue")
@Capability(namespace = "osgi.service",
        attribute = "objectClass:List<String>=org.tusk.api.storage.TransactionStatusLookup")
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.tusk.api.storage.TableStatistics")
public final class StorageCore {

    private static final Logger LOG = LoggerFactory.getLogger(StorageCore.class);

    @Reference
    private ShmemAttachment attachment;

    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private BufferManager buffers;

    @Activate
    void activate(BundleContext context) {
        if (StartupProcess.ROLE.equals(context.getProperty("tusk.auxiliary"))) {
            return;
        }
        StorageSettings settings = StorageSettings.from(attachment.settings(), attachment.segment().maxBackends());
        ProcessStorage storage = ProcessStorage.attach(attachment, settings);
        buffers = storage.buffers();
        registrations.add(context.registerService(WalWriter.class, storage.wal(), null));
        registrations.add(context.registerService(BufferManager.class, storage.buffers(), null));
        registrations.add(context.registerService(TransactionSystem.class, storage.xacts(), null));
        registrations.add(context.registerService(LockManager.class, storage.locks(), null));
        registrations.add(context.registerService(TransactionStatusLookup.class, storage::status, null));
        registrations.add(context.registerService(TableStatistics.class, new RelationStats(attachment.segment()),
                null));
        registrations.add(context.registerService(CheckpointRequests.class,
                new CheckpointRequests(attachment.segment()), null));
        registrations.add(context.registerService(OidCounter.class,
                OidCounter.attach(attachment.segment(), storage.wal()), null));
        registrations.add(context.registerService(SharedInvalidationQueue.class,
                SharedInvalidationQueue.attach(attachment.segment()), null));
        LOG.debug("storage core attached to slot {}", attachment.slot().index());
    }

    @Deactivate
    void deactivate() {
        for (ServiceRegistration<?> registration : registrations) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework is stopping
            }
        }
        registrations.clear();
        if (buffers != null) {
            buffers.close();
        }
    }
}
