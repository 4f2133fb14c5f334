import { describe, expect, it } from "vitest";
import { LogAction } from "../vocabulary";
import { countInto, emptyCounters } from "./counters";
import { describeCounters, tally } from "./task-summary";

describe("task summary", () => {
  it("reads the numbers from the counter cells the task detail shows", () => {
    const c = emptyCounters();
    countInto(c, "user", LogAction.Create, "Success", 5);
    countInto(c, "user", LogAction.Create, "Failed", 2);
    countInto(c, "user", LogAction.Update, "Success");
    countInto(c, "user", LogAction.Disable, "Failed");
    countInto(c, "user", LogAction.Unchanged, "Skipped", 3);
    countInto(c, "user", LogAction.Match, "Success");
    countInto(c, "membership", LogAction.RemoveMember, "Success");
    expect(tally(c, ["users"])).toEqual({ created: 5, updated: 1, matched: 1, deleted: 0, unchanged: 3, failed: 3 });
    expect(tally(c).deleted).toBe(1);
    expect(describeCounters(c)).toBe(
      "Users: 5 created, 1 updated, 3 unchanged, 3 failed, 1 matched; Group members: 0 created, 0 updated, 0 unchanged, 0 failed, 1 deleted.",
    );
  });

  it("never describes an empty run as a result", () => {
    expect(describeCounters(emptyCounters())).toBe("No objects were processed.");
  });
});
