/** Message body encodings (trivial, simple, extended) of msg and broadcast plaintexts. */
package dev.bitmsg.node.content;
