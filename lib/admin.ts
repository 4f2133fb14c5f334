import "server-only";
import { randomBytes } from "node:crypto";
import bcrypt from "bcryptjs";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";

/**
 * Makes sure an administrator exists. ADMIN_USERNAME/ADMIN_PASSWORD win (the password is
 * re-set so a changed env takes effect); otherwise the first start creates `admin` with a
 * generated password and prints it once — it is never logged again.
 */
export async function ensureAdmin(print: (line: string) => void = console.log): Promise<void> {
  const envUser = process.env.ADMIN_USERNAME;
  const envPass = process.env.ADMIN_PASSWORD;
  if (envUser && envPass) {
    const passwordHash = await bcrypt.hash(envPass, 10);
    const existing = await db.adminUser.findUnique({ where: { username: envUser } });
    if (!existing) await db.adminUser.create({ data: { id: newId("admin", 12), username: envUser, passwordHash } });
    else if (!(await bcrypt.compare(envPass, existing.passwordHash)))
      await db.adminUser.update({ where: { id: existing.id }, data: { passwordHash } });
    return;
  }
  if ((await db.adminUser.count()) > 0) return;
  const password = randomBytes(12).toString("base64url");
  try {
    await db.adminUser.create({
      data: { id: newId("admin", 12), username: "admin", passwordHash: await bcrypt.hash(password, 10) },
    });
  } catch {
    return; // created concurrently by another process, which printed its own password
  }
  print("────────────────────────────────────────────────────────");
  print(" Administrator created. Sign in with:");
  print(`   username: admin`);
  print(`   password: ${password}`);
  print(" This password is shown only once. Set ADMIN_USERNAME/ADMIN_PASSWORD to choose your own.");
  print("────────────────────────────────────────────────────────");
}

export async function verifyAdmin(username: string, password: string) {
  const user = await db.adminUser.findUnique({ where: { username } });
  if (!user) {
    await bcrypt.compare(password, "$2a$10$invalidinvalidinvalidinvalidinvalidinvalidinvalidinva");
    return null;
  }
  return (await bcrypt.compare(password, user.passwordHash)) ? { id: user.id, name: user.username } : null;
}
