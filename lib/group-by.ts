/**
 * Groups items by key in one pass, appending in place: linear in the number of items (copying the
 * group's array per item, `[...(map.get(k) ?? []), item]`, is quadratic in the group's size).
 * Groups keep the items' order; the map keeps the order in which keys first appear.
 */
export function groupBy<T, K>(items: Iterable<T>, keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
