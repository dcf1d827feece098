package dev.bitmsg.pow.service.scheduler;

/** Jobs of one client and priority class: waiting ({@code queued}) and started. Immutable. */
public record QueueSnapshot(String client, JobPriority priority, int queued, int running) {}
