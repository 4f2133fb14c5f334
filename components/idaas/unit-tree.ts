import type { OrgUnitNode } from "@/lib/client/idaas-directory";

export interface UnitTreeNode extends OrgUnitNode {
  depth: number;
  path: string;
  children: UnitTreeNode[];
}

/** Builds the tree from the flat list; returns the roots and a depth-first flattening. */
export function buildUnitTree(units: OrgUnitNode[]) {
  const byParent = new Map<string | null, OrgUnitNode[]>();
  for (const u of units) {
    const list = byParent.get(u.parentId) ?? [];
    list.push(u);
    byParent.set(u.parentId, list);
  }
  const flat: UnitTreeNode[] = [];
  const build = (parentId: string | null, depth: number, parentPath: string): UnitTreeNode[] =>
    (byParent.get(parentId) ?? [])
      .slice()
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((u) => {
        const path = parentPath ? `${parentPath} / ${u.name}` : u.name;
        const node: UnitTreeNode = { ...u, depth, path, children: [] };
        flat.push(node);
        node.children = build(u.id, depth + 1, path);
        return node;
      });
  const roots = build(null, 0, "");
  return { roots, flat };
}

/** Ids of a node and everything below it (a unit cannot move under these). */
export function subtreeIds(node: UnitTreeNode): Set<string> {
  const out = new Set<string>();
  const walk = (n: UnitTreeNode) => {
    out.add(n.id);
    n.children.forEach(walk);
  };
  walk(node);
  return out;
}
