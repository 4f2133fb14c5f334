import "server-only";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";

export const DEFAULT_INSTANCE_ID = "idaas-default";
export const ROOT_UNIT_ID = "ou-root";

/** One seeded EIAM instance with its root organizational unit. */
export async function ensureDefaultInstance() {
  await db.idaasInstance.upsert({
    where: { id: DEFAULT_INSTANCE_ID },
    update: {},
    create: { id: DEFAULT_INSTANCE_ID, name: "EIAM Instance" },
  });
  await db.idaasOrgUnit.upsert({
    where: { id: ROOT_UNIT_ID },
    update: {},
    create: { id: ROOT_UNIT_ID, instanceId: DEFAULT_INSTANCE_ID, parentId: null, name: "Root Organization" },
  });
}

export async function listInstances() {
  return db.idaasInstance.findMany({ orderBy: { createdAt: "asc" } });
}

export async function getInstance(instanceId: string) {
  const inst = await db.idaasInstance.findUnique({ where: { id: instanceId } });
  if (!inst) throw new NotFoundError(`Instance ${instanceId} does not exist.`);
  return inst;
}
