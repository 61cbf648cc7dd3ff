package org.tusk.storage;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.tusk.api.storage.IndexAccessMethod;
import org.tusk.api.storage.IndexDescriptor;
import org.tusk.api.storage.IndexVacuumResult;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.api.storage.TableAccessMethod;
import org.tusk.api.storage.TableStatistics;
import org.tusk.api.storage.TupleId;
import org.tusk.api.storage.VacuumResult;
import org.tusk.api.storage.VacuumTargets;

/**
 * Autovacuum's index phase: every index of the table drops its entries for
 * the table's dead items before their line pointers are reclaimed, and
 * nothing is reclaimed when the indexes are not known.
 */
class AutovacuumIndexesTest {

    static final RelFileLocator TABLE = RelFileLocator.of(5, 16384);
    static final List<TupleId> DEAD = List.of(new TupleId(0, 2), new TupleId(3, 7));

    private final List<String> events = new ArrayList<>();

    private TableAccessMethod table() {
        return (TableAccessMethod) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {TableAccessMethod.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "vacuum" -> {
                        events.add("vacuum");
                        yield new VacuumResult(1, 2, 0, 0, 1);
                    }
                    case "collectDeadTuples" -> DEAD;
                    case "reclaimDeadTuples" -> {
                        events.add("reclaim " + new HashSet<>((Collection<?>) args[1]));
                        yield (long) ((Collection<?>) args[1]).size();
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** An index holding {@code entries}; bulkDelete removes what the predicate accepts. */
    private IndexAccessMethod index(String name, Set<TupleId> entries) {
        return (IndexAccessMethod) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {IndexAccessMethod.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("bulkDelete")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    @SuppressWarnings("unchecked")
                    Predicate<TupleId> dead = (Predicate<TupleId>) args[1];
                    int before = entries.size();
                    entries.removeIf(dead);
                    events.add("bulkDelete " + name);
                    return new IndexVacuumResult(1, before - entries.size(), entries.size());
                });
    }

    @Test
    void indexesLoseTheirEntriesBeforeTheLinePointersAreReclaimed() {
        Set<TupleId> a = new HashSet<>(List.of(new TupleId(0, 1), new TupleId(0, 2), new TupleId(3, 7)));
        Set<TupleId> b = new HashSet<>(List.of(new TupleId(0, 2), new TupleId(3, 8)));
        VacuumTargets targets = opened(heap -> List.of(
                new VacuumTargets.IndexTarget(new IndexDescriptor("a", RelFileLocator.of(5, 1), heap, false, null),
                        index("a", a)),
                new VacuumTargets.IndexTarget(new IndexDescriptor("b", RelFileLocator.of(5, 2), heap, true, null),
                        index("b", b))));
        LazyVacuum.Outcome outcome = Autovacuum.vacuumOne(TABLE, table(), targets, 1000);
        assertEquals(List.of("open", "vacuum", "bulkDelete a", "bulkDelete b", "reclaim " + new HashSet<>(DEAD),
                "close"), events);
        assertEquals(2, outcome.reclaimed());
        assertEquals(Set.of(new TupleId(0, 1)), a);
        assertEquals(Set.of(new TupleId(3, 8)), b);
    }

    @Test
    void aRelationThatFailsDoesNotStarveTheOthers() {
        RelFileLocator gone = RelFileLocator.of(5, 1);
        RelFileLocator fine = RelFileLocator.of(5, 2);
        List<String> reported = new ArrayList<>();
        TableStatistics stats = (TableStatistics) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {TableStatistics.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "all" -> List.of(
                            new TableStatistics.Counters(gone, "heap", 0, 0, 100, 0, 100, 0, 0, 0, 0),
                            new TableStatistics.Counters(fine, "heap", 0, 0, 100, 0, 100, 0, 0, 0, 0));
                    case "reportVacuum" -> {
                        reported.add(args[0] instanceof TableStatistics.Counters c ? c.relation().toString() : args[0].toString());
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        TableAccessMethod am = (TableAccessMethod) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {TableAccessMethod.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("vacuum")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    if (args[0].equals(gone)) {
                        throw new IllegalStateException("could not open file");
                    }
                    return new VacuumResult(1, 100, 0, 0, 1);
                });
        List<TableStatistics.Counters> done = Autovacuum.runOnce(stats, name -> am, null, 1000,
                Autovacuum.Settings.from(java.util.Map.of()));
        assertEquals(1, done.size());
        assertEquals(fine, done.get(0).relation());
        assertEquals(List.of(fine.toString()), reported);
    }

    @Test
    void aFailingIndexVacuumReclaimsNothing() {
        VacuumTargets targets = opened(heap -> List.of(new VacuumTargets.IndexTarget(
                new IndexDescriptor("broken", RelFileLocator.of(5, 1), heap, false, null),
                (IndexAccessMethod) Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] {IndexAccessMethod.class}, (proxy, method, args) -> {
                            throw new IllegalStateException("index broken");
                        }))));
        assertThrows(IllegalStateException.class, () -> Autovacuum.vacuumOne(TABLE, table(), targets, 1000));
        assertEquals(List.of("open", "vacuum", "close"), events);
    }

    @Test
    void aTableThatCannotBeOpenedIsSkipped() {
        VacuumTargets busy = heap -> {
            events.add("open");
            return null;
        };
        assertEquals(null, Autovacuum.vacuumOne(TABLE, table(), busy, 1000));
        assertEquals(List.of("open"), events);
    }

    /** Targets whose open table lists {@code indexes} and records opening and closing. */
    private VacuumTargets opened(java.util.function.Function<RelFileLocator, List<VacuumTargets.IndexTarget>> indexes) {
        return heap -> {
            events.add("open");
            return new VacuumTargets.OpenTable() {
                @Override
                public List<VacuumTargets.IndexTarget> indexes() {
                    return indexes.apply(heap);
                }

                @Override
                public void close() {
                    events.add("close");
                }
            };
        };
    }
}
