/**
 * Dutch word forms the snowball stemmer does not join. It strips endings but leaves the consonant change
 * of a plural ("huizen" stems to huiz, "huis" to huis; "duiven" to duiv, "duif" to duif) and the -eren
 * plural ("kinderen" to kinder, "kind" to kind). pg_trgm would blur these too, but PGlite has no such
 * extension, so the search spells the other forms out and ORs them into the query, ranked below what the
 * query itself matches. Pure: the SQL lives in routes.ts.
 */

const VOWELS = 'aeiou';
const isVowel = (c: string | undefined) => c !== undefined && VOWELS.includes(c);
const isConsonant = (c: string | undefined) => c !== undefined && /\p{L}/u.test(c) && !isVowel(c);

/** A stem's spellings as a singular: z→s and v→f at the end, a doubled consonant single, an open syllable's vowel doubled. */
function singulars(stem: string): string[] {
  const last = stem.at(-1);
  const ends = [stem];
  if (last === 'z') ends.push(`${stem.slice(0, -1)}s`);
  if (last === 'v') ends.push(`${stem.slice(0, -1)}f`);
  const forms = [...ends];
  // plannen → plan, bakken → bak
  if (isConsonant(last) && stem.at(-2) === last) forms.push(stem.slice(0, -1));
  // bomen → boom, neven → neef: a single vowel between consonants was long in the open syllable of the plural
  const vowel = stem.at(-2);
  if (isConsonant(last) && isVowel(vowel) && vowel !== 'i' && isConsonant(stem.at(-3))) {
    for (const form of ends) forms.push(`${form.slice(0, -2)}${vowel}${vowel}${form.slice(-1)}`);
  }
  return forms;
}

/** Plurals of a singular: huis → huizen, duif → duiven, kind → kinderen (tafel → tafels the stemmer joins). */
function plurals(word: string): string[] {
  const last = word.at(-1);
  if (last === 's') return [`${word.slice(0, -1)}zen`, `${word}en`];
  if (last === 'f') return [`${word.slice(0, -1)}ven`, `${word}en`];
  if (last === 'e') return [`${word}n`];
  return [`${word}en`, `${word}eren`];
}

/** Words whose plural takes -s (tafels, bezems, meisjes): stripping the s of anything else breaks a singular (huis). */
const S_PLURAL = /(el|er|em|en|je|ie)s$/;

/** Other forms of one lower-case word (itself excluded); short words have none, they would match too much. */
export function dutchWordForms(word: string): string[] {
  if (word.length < 4) return [];
  const forms = new Set<string>();
  if (word.endsWith('eren') && word.length > 6) forms.add(word.slice(0, -4));
  if (word.endsWith('en') && word.length > 4) for (const form of singulars(word.slice(0, -2))) forms.add(form);
  if (S_PLURAL.test(word)) forms.add(word.slice(0, -1));
  else if (!word.endsWith('en')) for (const form of plurals(word)) forms.add(form);
  forms.delete(word);
  return [...forms].filter((form) => form.length >= 3);
}

/**
 * The query's words with their other forms, as to_tsquery text: `(huizen | huis | huiz) & (plan | …)`,
 * or null when there is nothing to add. A query with a phrase ("…") or an exclusion (-woord) is left to
 * websearch_to_tsquery alone, whose meaning an OR of forms would widen.
 */
export function wordFormQuery(text: string): string | null {
  if (/["]|(^|\s)-\S/u.test(text)) return null;
  const words = (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((word) => word !== 'or');
  let added = false;
  const groups = words.map((word) => {
    const forms = dutchWordForms(word);
    if (forms.length) added = true;
    return `(${[word, ...forms].join(' | ')})`;
  });
  return added ? groups.join(' & ') : null;
}
