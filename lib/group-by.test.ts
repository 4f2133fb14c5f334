import { describe, expect, it } from "vitest";
import { groupBy } from "./group-by";

describe("groupBy", () => {
  it("keeps the items' order within a group and the keys' first-seen order", () => {
    const rows = [
      { g: "b", n: 1 },
      { g: "a", n: 2 },
      { g: "b", n: 3 },
      { g: "c", n: 4 },
      { g: "a", n: 5 },
    ];
    const groups = groupBy(rows, (r) => r.g);
    expect([...groups.keys()]).toEqual(["b", "a", "c"]);
    expect(groups.get("b")!.map((r) => r.n)).toEqual([1, 3]);
    expect(groups.get("a")!.map((r) => r.n)).toEqual([2, 5]);
    expect(groups.get("c")!.map((r) => r.n)).toEqual([4]);
  });

  it("returns an empty map for no items and accepts any iterable and key type", () => {
    expect(groupBy([], String).size).toBe(0);
    const parity = groupBy(new Set([1, 2, 3, 4, 5]), (n) => n % 2 === 0);
    expect(parity.get(true)).toEqual([2, 4]);
    expect(parity.get(false)).toEqual([1, 3, 5]);
  });

  it("builds a 50,000-member group, every member in place", () => {
    const members = Array.from({ length: 50_000 }, (_, i) => ({ groupId: "g1", userId: `u${i}` }));
    const groups = groupBy(members, (m) => m.groupId);
    expect(groups.get("g1")).toHaveLength(50_000);
    expect(groups.get("g1")![49_999].userId).toBe("u49999");
  });
});
