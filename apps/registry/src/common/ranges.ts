/** More members (or employees) than any cooperative has; also well inside an `integer` column. */
export const MAX_MEMBERS = 10_000_000;

/**
 * Largest rupiah amount accepted (90 trillion): above it a JavaScript number no longer holds every
 * sen exactly. The largest Indonesian cooperatives report assets of a few trillion.
 */
export const MAX_RUPIAH = 90_000_000_000_000;
