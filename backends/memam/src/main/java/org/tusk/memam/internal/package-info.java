/** Layout of the memory-table area, block and tuple formats, visibility rules; not exported. */
package org.tusk.memam.internal;
