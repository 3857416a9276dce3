/**
 * SQL for a kecamatan filter value (`placeholder`) written in any case, as the city's reference
 * data spells it. Evaluated once per query, so the kecamatan index still serves the match; a name
 * the city does not know is taken as given.
 */
export const kecamatanAsConfigured = (placeholder: string) =>
  `coalesce((SELECT a.kecamatan FROM city_areas a WHERE lower(a.kecamatan) = lower(trim(${placeholder})) LIMIT 1), ${placeholder})`;
