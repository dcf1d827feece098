/**
 * Test fixtures of pow-cpu shared by its test classes and, through the test-jar, by the other
 * modules' tests: eased proof-of-work rules for test networks and seeded random hashes. Test code
 * only.
 */
package dev.bitmsg.pow.testing;
