import { z } from "zod";

/**
 * The SSO tab of an application and the accounts' portal passwords (SPEC §7, reference §3), shared
 * by the console forms and the routes. No server code here: the browser imports it.
 */

export const AUTHORIZE_MODES = ["All", "Manual"] as const;
export type AuthorizeMode = (typeof AUTHORIZE_MODES)[number];
export const AUTHORIZE_MODE_LABELS: Record<AuthorizeMode, string> = { All: "All Users", Manual: "Manually" };

export const USERNAME_SOURCES = ["username", "email"] as const;
export type UsernameSource = (typeof USERNAME_SOURCES)[number];
export const USERNAME_SOURCE_LABELS: Record<UsernameSource, string> = {
  username: "IDaaS account username",
  email: "IDaaS account email",
};

const MAX_GRANTS = 500;

/** Blank until CloudSSO's values are pasted in (reference §3 step 2 leaves them blank). */
const acsUrl = z
  .string()
  .trim()
  .max(2048, "The CloudSSO ACS URL must be at most 2,048 characters.")
  .refine((v) => v === "" || (/^https?:\/\//i.test(v) && URL.canParse(v)), "Enter an http:// or https:// URL.");

const entityId = z.string().trim().max(1024, "The CloudSSO Entity ID must be at most 1,024 characters.");

const ids = (label: string) =>
  z
    .array(z.string().min(1).max(128), { error: `${label} must be a list of ids.` })
    .max(MAX_GRANTS, `At most ${MAX_GRANTS} ${label.toLowerCase()} can be authorized.`)
    .default([]);

export const ssoSettingsSchema = z.object({
  authorizeMode: z.enum(AUTHORIZE_MODES, { error: "Choose All Users or Manually." }),
  /** Authorize › Manually: organizations (with their sub-organizations) and accounts. */
  unitIds: ids("Organizations"),
  accountIds: ids("Accounts"),
  acsUrl,
  spEntityId: entityId,
  usernameSource: z.enum(USERNAME_SOURCES, { error: "Choose the Application Username." }),
});
export type SsoSettingsInput = z.input<typeof ssoSettingsSchema>;
export type SsoSettings = z.output<typeof ssoSettingsSchema>;

/** bcrypt reads at most 72 bytes, so longer passwords would be silently cut: refuse them. */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX_BYTES = 72;

export const passwordSchema = z
  .string({ error: "Enter a password." })
  .min(PASSWORD_MIN, `The password must be at least ${PASSWORD_MIN} characters long.`)
  .refine((v) => new TextEncoder().encode(v).length <= PASSWORD_MAX_BYTES, `The password must be at most ${PASSWORD_MAX_BYTES} bytes long.`)
  .refine((v) => v.trim() === v, "The password cannot start or end with a space.");

export const resetPasswordSchema = z.object({ password: passwordSchema });

/** The portal's sign-in form (form-encoded). */
export const portalSignInSchema = z.object({
  username: z.string().trim().min(1, "Enter your username.").max(128),
  password: z.string().min(1, "Enter your password.").max(1024),
  continue: z.string().max(8192).optional(),
});
