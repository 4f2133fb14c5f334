-- Lookup columns hold JavaScript's toLowerCase of their source (lib/cloudsso/user-row.ts).
-- Migration 20261129080000 back-filled displayNameLower and SsoUserEmail with SQLite's lower(),
-- which folds ASCII only, so values with non-ASCII letters (e.g. "É") may still be unfolded.
-- SQLite has no Unicode case table, so plain SQL cannot fold them: where any such value exists,
-- this leaves a marker, and the first server start folds them once with JavaScript and removes it
-- (lib/cloudsso/user-lookup-refold.ts). Until then, and ever after, nothing runs on open.
-- A value is non-ASCII when its UTF-8 byte length differs from its character length.
INSERT OR REPLACE INTO "AppSetting" ("key", "value")
SELECT 'cloudsso.refoldUserLookups', '20261201050000_refold_user_lookups'
 WHERE EXISTS (SELECT 1 FROM "SsoUser" WHERE length(CAST("displayName" AS BLOB)) <> length("displayName"))
    OR EXISTS (SELECT 1 FROM "SsoUserEmail" WHERE length(CAST("valueLower" AS BLOB)) <> length("valueLower"));
