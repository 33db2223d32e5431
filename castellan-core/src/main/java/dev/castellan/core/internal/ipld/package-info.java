/** Multibase alphabets behind {@code dev.castellan.core.ipld}. Not exported. */
package dev.castellan.core.internal.ipld;
