/**
 * Identifiers shared by every storage layer (smgr, buffers, WAL, access
 * methods), in PostgreSQL's terms: a relation's files are named by a
 * {@link org.tusk.api.storage.RelFileLocator} and split into forks; positions in
 * the write-ahead log are {@link org.tusk.api.storage.Lsn}s. Access methods
 * plug in through {@link org.tusk.api.storage.TableAccessMethod} and (1.1)
 * {@link org.tusk.api.storage.IndexAccessMethod}. 1.2: TableAccessMethod.liveness for
 * unique checks and inplaceUpdate for sequences; table AMs answer
 * {@link org.tusk.api.storage.TableAccessMethod#isAllVisible} for index-only
 * scans and hand VACUUM their dead items (collect, then reclaim after the
 * indexes dropped them); {@link org.tusk.api.storage.TableStatistics} (the
 * storage core's per-relation counters) and
 * {@link org.tusk.api.storage.VacuumTargets} (a table's indexes, for
 * autovacuum; the catalog implements it). 1.4: a tuple version's header fields
 * for the system columns ({@link org.tusk.api.storage.TupleHeaderFields} from
 * {@link org.tusk.api.storage.TableScan#header} and
 * {@link org.tusk.api.storage.TableAccessMethod#fetchHeader}). 1.6: TableAccessMethod.multiInsert
 * (a batch of new rows, a page at a time) and
 * TableStatistics.countInserts;
 * tuple locks for writers waiting on a row
 * ({@link org.tusk.api.storage.TransactionContext#lockTupleVersion}). 1.7: frozen multiInsert
 * (COPY FREEZE into storage created in the current subtransaction) and
 * TableStatistics.countUpdate with its HOT flag (n_tup_hot_upd). 1.8: TableStatistics.countPruned
 * (the versions an access method's page pruning removed are no longer dead tuples for autovacuum).
 * 1.9: VacuumResult tells the pages the vacuum skipped and the tuples it estimated for them.
 * 1.10: RelFileLocator says whether it names a TEMP relation's files, whose changes are not WAL-logged.
 * 1.11: TableStatistics counts changes since ANALYZE, inserts since VACUUM and ANALYZE runs
 * ({@code reportAnalyze}); {@link org.tusk.api.storage.AutoAnalyzer} lets autovacuum run ANALYZE.
 * 1.12: TableAccessMethod.numberOfBlocks (the planner's relation size without counting tuples).
 * 1.13: TableStatistics keeps per-database counters (transactions, buffer accesses, deadlocks, temporary
 * files, sessions) for pg_stat_database.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.13.0")
package org.tusk.api.storage;
