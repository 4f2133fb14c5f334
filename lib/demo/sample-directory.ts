/**
 * The demo organization: a small company with departments, ~30 people and a few groups, plus two
 * people created by hand in CloudSSO before any synchronization (as in a real migration).
 */
export const DEMO_UNITS = [
  { id: "ou-demo-hq", parentId: "ou-root", name: "Headquarters" },
  { id: "ou-demo-eng", parentId: "ou-demo-hq", name: "Engineering" },
  { id: "ou-demo-platform", parentId: "ou-demo-eng", name: "Platform" },
  { id: "ou-demo-apps", parentId: "ou-demo-eng", name: "Applications" },
  { id: "ou-demo-sales", parentId: "ou-demo-hq", name: "Sales" },
  { id: "ou-demo-finance", parentId: "ou-demo-hq", name: "Finance" },
  { id: "ou-demo-contractors", parentId: "ou-root", name: "Contractors" },
] as const;

const PEOPLE: [given: string, family: string, unit: string][] = [
  ["Alice", "Wang", "ou-demo-platform"],
  ["Bob", "Li", "ou-demo-platform"],
  ["Carol", "Zhang", "ou-demo-platform"],
  ["David", "Liu", "ou-demo-platform"],
  ["Emma", "Chen", "ou-demo-apps"],
  ["Frank", "Yang", "ou-demo-apps"],
  ["Grace", "Huang", "ou-demo-apps"],
  ["Henry", "Zhao", "ou-demo-apps"],
  ["Iris", "Wu", "ou-demo-apps"],
  ["Jack", "Zhou", "ou-demo-eng"],
  ["Kate", "Xu", "ou-demo-eng"],
  ["Leo", "Sun", "ou-demo-sales"],
  ["Mia", "Ma", "ou-demo-sales"],
  ["Noah", "Zhu", "ou-demo-sales"],
  ["Olivia", "Hu", "ou-demo-sales"],
  ["Peter", "Guo", "ou-demo-sales"],
  ["Quinn", "He", "ou-demo-sales"],
  ["Rose", "Lin", "ou-demo-finance"],
  ["Sam", "Luo", "ou-demo-finance"],
  ["Tina", "Gao", "ou-demo-finance"],
  ["Uma", "Zheng", "ou-demo-finance"],
  ["Victor", "Liang", "ou-demo-hq"],
  ["Wendy", "Xie", "ou-demo-hq"],
  ["Xavier", "Song", "ou-demo-hq"],
  ["Yara", "Tang", "ou-demo-hq"],
  ["Zack", "Han", "ou-demo-contractors"],
  ["Amy", "Feng", "ou-demo-contractors"],
  ["Ben", "Deng", "ou-demo-contractors"],
  ["Cindy", "Cao", "ou-demo-contractors"],
  ["Dylan", "Peng", "ou-demo-platform"],
];

export const DEMO_ACCOUNTS = PEOPLE.map(([given, family, unitId], i) => {
  const username = `${given}.${family}`.toLowerCase();
  return {
    id: `acc-demo-${String(i + 1).padStart(2, "0")}`,
    username,
    givenName: given,
    familyName: family,
    displayName: `${given} ${family}`,
    email: `${username}@example.com`,
    phone: `+86 138 0000 ${String(1000 + i)}`,
    // One disabled account shows how status maps to `active`.
    status: i === 28 ? "Disabled" : "Enabled",
    primaryUnitId: unitId,
  };
});

export const DEMO_GROUPS = [
  { id: "grp-demo-developers", name: "Developers", description: "Everyone who ships code", members: [1, 2, 3, 4, 5, 6, 7, 8, 9, 30] },
  { id: "grp-demo-cloud-admins", name: "Cloud-Admins", description: "Administrators of the Alibaba Cloud accounts", members: [1, 10, 22] },
  { id: "grp-demo-sales-team", name: "Sales-Team", description: "Sales department", members: [12, 13, 14, 15, 16, 17] },
  { id: "grp-demo-auditors", name: "Auditors", description: "Read-only access for finance audits", members: [18, 19, 26] },
] as const;

/** Created by hand in CloudSSO before synchronization (Provisioning Type: Manual). */
export const DEMO_CLOUDSSO_USERS = [
  { userName: "ops.admin", firstName: "Ops", lastName: "Admin", displayName: "Ops Admin", email: "ops.admin@example.com" },
  // Same username as an IDaaS account: the first push claims it (SPEC §2.3) instead of duplicating it.
  { userName: "alice.wang", firstName: "Alice", lastName: "Wang", displayName: "Alice Wang (manual)", email: "" },
] as const;

/** The IDaaS user portal password every sample account starts with (printed at start; Reset Password changes it). */
export const DEMO_ACCOUNT_PASSWORD = "Demo-User-2026";
