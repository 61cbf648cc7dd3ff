/** The script frontend's implementation: not exported. */
package org.tusk.script.internal;
