import { groupBy } from "@/lib/group-by";

/** The given units and every unit below them (ids of `units` only; unknown roots are ignored). */
export function unitsBelow(units: { id: string; parentId: string | null }[], roots: string[]): Set<string> {
  const children = groupBy(
    units.filter((u) => u.parentId),
    (u) => u.parentId!,
  );
  const known = new Set(units.map((u) => u.id));
  const out = new Set<string>();
  const stack = roots.filter((id) => known.has(id));
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (out.has(id)) continue;
    out.add(id);
    for (const child of children.get(id) ?? []) stack.push(child.id);
  }
  return out;
}
