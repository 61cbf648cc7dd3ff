/** The shared lock table, wait queues and deadlock detector behind {@link org.tusk.lmgr.LockManager}. */
package org.tusk.lmgr.internal;
