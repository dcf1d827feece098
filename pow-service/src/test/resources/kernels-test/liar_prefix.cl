/*
 * Test-only: renames the real pow_search out of the way so liar_search.cl can define a wrong
 * one with the same contract. Program order: inc_sha512.h, this file, pow_double_sha512.cl,
 * liar_search.cl.
 */
#define pow_search pow_search_honest
