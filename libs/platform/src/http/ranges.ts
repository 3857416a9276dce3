/** Largest value of a PostgreSQL `integer` column; a larger one answers 500 at the database. */
export const MAX_INT4 = 2_147_483_647;

/** Deepest page offset a list accepts: past it, narrow the filters (an offset scans every row it skips). */
export const MAX_OFFSET = 100_000;
