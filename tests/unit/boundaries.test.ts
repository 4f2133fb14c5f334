import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

/** The boundaries of docs/architecture.md are lint errors, not habits: each rule fires. */
const eslint = new ESLint({ cwd: process.cwd() });

async function errors(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

describe("import boundaries", () => {
  it("IDaaS never imports CloudSSO, and CloudSSO never imports IDaaS", async () => {
    expect(await errors('import { listUsers } from "@/lib/cloudsso/users";\nexport const x = listUsers;\n', "lib/idaas/example.ts")).toEqual([
      expect.stringContaining("IDaaS reaches CloudSSO only over HTTP"),
    ]);
    expect(await errors('import { createAccount } from "../idaas/accounts";\nexport const x = createAccount;\n', "lib/cloudsso/example.ts")).toEqual([
      expect.stringContaining("CloudSSO knows IdPs only through what they send over SCIM"),
    ]);
  }, 60_000);

  it("components never import the database, Prisma or secrets", async () => {
    for (const spec of ["@/lib/db", "@/lib/generated/prisma/client", "@/lib/local-secrets", "better-sqlite3"]) {
      expect(await errors(`import * as m from "${spec}";\nexport const x = m;\n`, "components/example.tsx"), spec).toHaveLength(1);
    }
  }, 60_000);

  it("shared, client-safe modules stay importable", async () => {
    expect(await errors('import { LogAction } from "@/lib/idaas/provisioning/vocabulary";\nexport const x = LogAction;\n', "components/example.tsx")).toEqual([]);
    expect(await errors('import { ScimClient } from "@/lib/scim/client";\nexport const x = ScimClient;\n', "lib/idaas/example.ts")).toEqual([]);
  }, 60_000);
});
