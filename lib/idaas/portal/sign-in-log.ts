import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Page } from "@/lib/api-handler";
import { getInstance } from "@/lib/idaas/instance";
import type { SignInEvent, SignInResult } from "./vocabulary";

export interface SignInLogEntry {
  id: number;
  username: string;
  accountId: string | null;
  event: SignInEvent;
  applicationName: string | null;
  result: SignInResult;
  reason: string | null;
  createdAt: string;
}

export interface SignInRecord {
  instanceId: string;
  username: string;
  accountId?: string | null;
  event: SignInEvent;
  application?: { id: string; name: string } | null;
  result: SignInResult;
  reason?: string | null;
}

/** One line of the IDaaS Sign-in Log. Never carries a password or a SAML message. */
export async function recordSignIn(r: SignInRecord): Promise<void> {
  await db.idaasSignInLog.create({
    data: {
      instanceId: r.instanceId,
      username: r.username.slice(0, 128),
      accountId: r.accountId ?? null,
      event: r.event,
      applicationId: r.application?.id ?? null,
      applicationName: r.application?.name ?? null,
      result: r.result,
      reason: r.reason ?? null,
    },
  });
}

export async function listSignInLog(
  instanceId: string,
  q: { page: number; pageSize: number; search?: string; result?: string },
): Promise<Page<SignInLogEntry>> {
  await getInstance(instanceId);
  const where: Prisma.IdaasSignInLogWhereInput = {
    instanceId,
    ...(q.search ? { OR: [{ username: { contains: q.search } }, { applicationName: { contains: q.search } }] } : {}),
    ...(q.result ? { result: q.result } : {}),
  };
  const [total, rows] = await Promise.all([
    db.idaasSignInLog.count({ where }),
    db.idaasSignInLog.findMany({ where, orderBy: { id: "desc" }, skip: (q.page - 1) * q.pageSize, take: q.pageSize }),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      username: r.username,
      accountId: r.accountId,
      event: r.event as SignInEvent,
      applicationName: r.applicationName,
      result: r.result as SignInResult,
      reason: r.reason,
      createdAt: r.createdAt.toISOString(),
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}
