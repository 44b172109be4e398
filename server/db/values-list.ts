/**
 * `($1, $2, $3), ($4, $5, $6), …` for `rows` rows of parameters, one per cast (`''` for none, `'::uuid'`…):
 * multi-row statements, so that a batch of many rows is one round trip.
 */
export function valuesList(rows: number, casts: readonly string[]): string {
  const width = casts.length;
  return Array.from(
    { length: rows },
    (_, row) => `(${casts.map((cast, column) => `$${row * width + column + 1}${cast}`).join(', ')})`,
  ).join(', ');
}
