package org.tusk.storage;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tusk.api.backend.AuxiliaryProcess;
import org.tusk.api.storage.AutoAnalyzer;
import org.tusk.api.storage.TableAccessMethod;
import org.tusk.api.storage.TableStatistics;
import org.tusk.api.storage.VacuumTargets;
import org.tusk.shmem.ShmemAttachment;
import org.tusk.xact.TransactionSystem;

/**
 * The autovacuum launcher (autovacuum.c), a third auxiliary process role the
 * postmaster starts with the checkpointer once the startup process is done
 * (and again after every crash reset) when {@code autovacuum = on}: every
 * {@code autovacuum_naptime} it runs an {@link Autovacuum} round over the
 * shared statistics. PostgreSQL's launcher forks workers per database; here
 * the launcher does the work itself, one relation at a time.
 *
 * <p>Table access methods are looked up by name among the services present
 * now, so a newly installed access-method bundle is used from the next round.
 * ANALYZE is the SQL layer's: the engine's {@link AutoAnalyzer}, when this
 * process has one, runs it for the tables whose changes call for it.
 */
@Component(service = AuxiliaryProcess.class,
        property = AuxiliaryProcess.ROLE_PROPERTY + "=" + AutovacuumLauncher.ROLE)
public final class AutovacuumLauncher implements AuxiliaryProcess {

    static final String ROLE = "autovacuum";
    private static final Logger LOG = LoggerFactory.getLogger(AutovacuumLauncher.class);

    @Reference
    private ShmemAttachment attachment;
    @Reference
    private TransactionSystem xacts;
    @Reference
    private TableStatistics stats;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile VacuumTargets targets;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile AutoAnalyzer analyzer;

    private final Map<String, TableAccessMethod> methods = new ConcurrentHashMap<>();
    private volatile boolean shutdownRequested;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addMethod(TableAccessMethod method) {
        methods.put(method.name(), method);
    }

    void removeMethod(TableAccessMethod method) {
        methods.remove(method.name(), method);
    }

    @Override
    public void run() throws java.io.IOException {
        Autovacuum.Settings settings = Autovacuum.Settings.from(attachment.settings());
        LOG.debug("autovacuum launcher started (naptime {} ms)", settings.naptimeMillis());
        while (!shutdownRequested) {
            if (settings.enabled()) {
                try {
                    AutoAnalyzer a = analyzer;
                    Autovacuum.runOnce(stats, methods::get, targets, xacts.procArray().oldestXmin(), settings,
                            a == null ? null : table -> !shutdownRequested
                                    && a.analyze(table, attachment.dataDirectory(), attachment.settings()));
                } catch (RuntimeException e) {
                    LOG.error("autovacuum round failed: {}", e.toString(), e);
                }
            }
            attachment.slot().waitLatch(settings.naptimeMillis());
        }
    }

    @Override
    public void requestShutdown() {
        shutdownRequested = true;
        attachment.slot().setLatch();
    }
}
