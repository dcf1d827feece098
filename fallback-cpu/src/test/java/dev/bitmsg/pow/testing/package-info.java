/**
 * Test fixtures of pow-cpu shared by its test classes and, through the test-jar, by the other
 * modules' tests: eased proof-of-work rules for test networks, seeded random hashes and a scanner
 * that lies. Test code only.
 */
package dev.bitmsg.pow.testing;
