import "server-only";
import { db } from "@/lib/db";
import type { Page } from "@/lib/api-handler";
import type { Prisma } from "@/lib/generated/prisma/client";
import { SIGN_IN_REASONS, type SignInReason } from "../sso/schemas";

export type SignInMethod = "SSO" | "Password";

export interface SignInLogEntry {
  directoryId: string;
  userName: string;
  userId?: string | null;
  method: SignInMethod;
  result: "Success" | "Failure";
  reason?: SignInReason;
  detail?: string;
}

type Tx = Prisma.TransactionClient | typeof db;

/** One line of the CloudSSO Sign-in Log (written with the session in the same transaction on success). */
export async function recordSignIn(e: SignInLogEntry, tx: Tx = db): Promise<void> {
  await tx.ssoSignInLog.create({
    data: {
      directoryId: e.directoryId,
      userName: e.userName.slice(0, 256),
      userId: e.userId ?? null,
      method: e.method,
      result: e.result,
      reason: e.reason ?? null,
      detail: e.detail?.slice(0, 1024) ?? null,
    },
  });
}

export interface SignInLogView {
  id: number;
  userName: string;
  userId: string | null;
  method: SignInMethod;
  result: "Success" | "Failure";
  reason: string | null;
  reasonText: string | null;
  detail: string | null;
  time: string;
}

export async function listSignIns(opts: {
  directoryId: string;
  page: number;
  pageSize: number;
  search?: string;
  result?: string;
}): Promise<Page<SignInLogView>> {
  const where: Prisma.SsoSignInLogWhereInput = {
    directoryId: opts.directoryId,
    ...(opts.search ? { userName: { contains: opts.search } } : {}),
    ...(opts.result ? { result: opts.result } : {}),
  };
  const [rows, total] = await Promise.all([
    db.ssoSignInLog.findMany({ where, orderBy: { id: "desc" }, skip: (opts.page - 1) * opts.pageSize, take: opts.pageSize }),
    db.ssoSignInLog.count({ where }),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      userName: r.userName,
      userId: r.userId,
      method: r.method === "SSO" ? "SSO" : "Password",
      result: r.result === "Success" ? "Success" : "Failure",
      reason: r.reason,
      reasonText: r.reason && r.reason in SIGN_IN_REASONS ? SIGN_IN_REASONS[r.reason as SignInReason] : null,
      detail: r.detail,
      time: r.createdAt.toISOString(),
    })),
    total,
    page: opts.page,
    pageSize: opts.pageSize,
  };
}
