/*
 * Test-only: a pow_search with the real contract (see pow_double_sha512.cl) that lies: it
 * reports offset 0 of every job as a hit without hashing. The host's CPU re-check must catch it.
 */
#undef pow_search
__kernel void pow_search(__global const ulong *jobs, __global volatile uint *results,
                         __global const uint *prev_results) {
  const uint job = (uint) get_global_id(1);
  if (get_global_id(0) == 0 && jobs[JOB_WORDS * job + JOB_COUNT] > 0) {
    atomic_inc(&results[RES_WORDS * job + RES_HITS]);
    atomic_min(&results[RES_WORDS * job + RES_MIN_OFFSET], 0u);
  }
}
