/**
 * `unnest($first::type[], ...) AS alias (columns)`: rows from one array parameter per column, as
 * the source of an `INSERT ... SELECT`, so one statement can write many rows of several tables.
 */
export function unnestSource(alias: string, columns: string, types: string[], first: number): string {
  const arrays = types.map((type, index) => `$${first + index}::${type}[]`).join(', ');
  return `unnest(${arrays}) AS ${alias} (${columns})`;
}
