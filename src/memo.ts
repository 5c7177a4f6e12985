/**
 * A pure function of a string, its results remembered by that string. Past `limit` entries
 * they are all forgotten at once: the texts of one build recur, older ones rarely do.
 */
export function memoized<T>(compute: (text: string) => T, limit = 20_000): (text: string) => T {
  const results = new Map<string, T>();
  return (text) => {
    if (results.has(text)) return results.get(text)!;
    const result = compute(text);
    if (results.size >= limit) results.clear();
    results.set(text, result);
    return result;
  };
}
