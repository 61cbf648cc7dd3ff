package org.tusk.lmgr.internal;

import java.util.ArrayList;
import java.util.List;

import org.tusk.lmgr.LockMode;

/**
 * deadlock.c's FindLockCycle: looks for a cycle in the waits-for graph that
 * passes through one process. The caller holds every partition lock, so the
 * graph cannot change under us.
 *
 * <p>Edges from a waiting process P (waiting for mode m on lock L):
 * <ul>
 * <li>hard: to every other process holding on L a mode that conflicts with m;
 * <li>soft: to every process queued ahead of P on L that asks for a mode
 * conflicting with m (FIFO makes P wait for it).
 * </ul>
 * PostgreSQL tries to break soft cycles by reordering wait queues; we do not,
 * so a soft cycle is reported as a deadlock too (without reordering, nobody
 * in it could ever proceed).
 */
final class DeadlockDetector {

    /** One waits-for edge of a cycle: {@code waiter} waits for {@code mode} on {@code lock}, blocked by {@code blocker}. */
    record Edge(int waiter, int lock, LockMode mode, int blocker) {
    }

    private final LockTable table;
    private final int maxBackends;

    DeadlockDetector(LockTable table, int maxBackends) {
        this.table = table;
        this.maxBackends = maxBackends;
    }

    /** The cycle through {@code start}, starting with its own edge, or null if there is none. */
    List<Edge> findCycle(int start) {
        List<Edge> path = new ArrayList<>();
        boolean[] visited = new boolean[maxBackends];
        visited[start] = true;
        return search(start, start, visited, path) ? path : null;
    }

    /**
     * Follows the edges out of {@code proc}. A process visited before is not
     * searched again: either it is on the current path (a cycle that misses
     * {@code start}, not ours to report) or its search already failed to reach
     * {@code start}.
     */
    private boolean search(int start, int proc, boolean[] visited, List<Edge> path) {
        if (table.waitStatus(proc) != SharedLockManager.WAIT_WAITING) {
            return false;
        }
        int lock = table.waitLock(proc);
        if (lock < 0) {
            return false;
        }
        LockMode mode = table.waitMode(proc);
        int conflicts = mode.conflictMask();
        for (int pl = table.firstProcLock(lock); pl >= 0; pl = table.nextProcLock(pl)) {
            int holder = table.holder(pl);
            if (holder != proc && (table.holdMask(pl) & conflicts) != 0
                    && follow(start, new Edge(proc, lock, mode, holder), visited, path)) {
                return true;
            }
        }
        for (int ahead = table.firstWaiter(lock); ahead >= 0 && ahead != proc; ahead = table.nextWaiter(ahead)) {
            if ((table.waitMode(ahead).bit() & conflicts) != 0
                    && follow(start, new Edge(proc, lock, mode, ahead), visited, path)) {
                return true;
            }
        }
        return false;
    }

    private boolean follow(int start, Edge edge, boolean[] visited, List<Edge> path) {
        path.add(edge);
        int next = edge.blocker();
        if (next == start) {
            return true;
        }
        if (!visited[next]) {
            visited[next] = true;
            if (search(start, next, visited, path)) {
                return true;
            }
        }
        path.remove(path.size() - 1);
        return false;
    }
}
