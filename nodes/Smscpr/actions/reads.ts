/**
 * Requests in flight at once for the read operations. Reads have no Concurrency option: a few in
 * parallel keep a long list of IDs quick, and the shared pace slows them down on a 429.
 */
export const READ_CONCURRENCY = 5;
