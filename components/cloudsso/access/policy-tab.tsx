"use client";

import { useState } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { Dialog } from "@/components/dialog";
import { runWithToast } from "@/components/run-with-toast";
import { errorMessage } from "@/lib/api-client";
import { formatTime } from "@/lib/format";
import { ACCESS_LIMITS, type AccessConfigurationView, type PermissionPolicyView } from "@/lib/cloudsso/access/schemas";
import { useAddPolicy, usePolicies, useRemovePolicy } from "@/lib/client/cloudsso-access";
import { SystemPolicyPicker } from "./system-policy-picker";
import { InlinePolicyDialog } from "./inline-policy-dialog";

const REPROVISION_NOTE = "Accounts where this access configuration is provisioned will show Re-provisioning Required until you re-provision them.";

/** The Policy tab: system policies (Add System Policy, Remove) and the inline policy (Add / Update / Delete Inline Policy). */
export function PolicyTab({ c }: { c: AccessConfigurationView }) {
  const policies = usePolicies(c.id);
  const add = useAddPolicy();
  const remove = useRemovePolicy();
  const [adding, setAdding] = useState(false);
  const [picked, setPicked] = useState<string[]>([]);
  const [removing, setRemoving] = useState<PermissionPolicyView | null>(null);
  const [inlineOpen, setInlineOpen] = useState(false);
  const [deletingInline, setDeletingInline] = useState(false);
  const system = (policies.data?.items ?? []).filter((p) => p.type === "System");
  const inline = (policies.data?.items ?? []).find((p) => p.type === "Inline") ?? null;
  const room = ACCESS_LIMITS.systemPoliciesMax - c.systemPolicies.length;

  const addPicked = async () => {
    let added = 0;
    try {
      for (const name of picked) {
        await add.mutateAsync({ id: c.id, body: { type: "System", name } });
        added++;
      }
      toast.success(`${added} system polic${added === 1 ? "y" : "ies"} added.`);
      setAdding(false);
    } catch (e) {
      toast.error(errorMessage(e));
      setPicked(picked.slice(added));
    }
  };

  return (
    <div className="flex flex-col gap-4">
      <section className="card" aria-labelledby="system-policies-title">
        <div className="mb-3 flex items-center justify-between">
          <h2 id="system-policies-title" className="text-[14px] font-medium">
            System Policy
          </h2>
          <button
            type="button"
            className="btn btn-primary"
            disabled={room <= 0}
            title={room <= 0 ? `An access configuration can have at most ${ACCESS_LIMITS.systemPoliciesMax} system policies.` : undefined}
            onClick={() => {
              setPicked([]);
              setAdding(true);
            }}
          >
            Add System Policy
          </button>
        </div>
        <table className="w-full text-left" aria-label="System policies">
          <thead>
            <tr className="bg-selected">
              {["Policy Name", "Description", "Added", "Actions"].map((h) => (
                <th key={h} scope="col" className="h-10 px-3 font-medium first:pl-4">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {system.map((p) => (
              <tr key={p.name} className="border-b border-line-2">
                <td className="h-10 px-3 pl-4 font-medium">{p.name}</td>
                <td className="px-3 text-text-2">{p.description}</td>
                <td className="whitespace-nowrap px-3">{formatTime(p.addedAt)}</td>
                <td className="px-3">
                  <button type="button" className="link" onClick={() => setRemoving(p)}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {policies.data && system.length === 0 && <div className="py-8 text-center text-text-3">No system policies.</div>}
        {policies.error && (
          <div role="alert" className="py-4 text-error">
            {policies.error.message}
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="inline-policy-title">
        <div className="mb-3 flex items-center justify-between">
          <h2 id="inline-policy-title" className="text-[14px] font-medium">
            Inline Policy
          </h2>
          <div className="flex gap-2">
            {inline ? (
              <>
                <button type="button" className="btn btn-primary" onClick={() => setInlineOpen(true)}>
                  Update Inline Policy
                </button>
                <button type="button" className="btn" onClick={() => setDeletingInline(true)}>
                  Delete Inline Policy
                </button>
              </>
            ) : (
              <button type="button" className="btn btn-primary" onClick={() => setInlineOpen(true)}>
                Add Inline Policy
              </button>
            )}
          </div>
        </div>
        {inline ? (
          <>
            <p className="mb-2 text-text-3">
              {inline.name} — provisioned as AliyunReservedSSO-{c.name}-InlinePolicy · added {formatTime(inline.addedAt)}
            </p>
            <pre aria-label="Inline policy document" className="max-h-[320px] overflow-auto rounded-[2px] bg-hover p-3 font-mono text-[12px]">
              {pretty(inline.document ?? "")}
            </pre>
          </>
        ) : (
          <div className="py-6 text-center text-text-3">No inline policy. An access configuration can have one.</div>
        )}
      </section>

      <Dialog
        open={adding}
        onOpenChange={(o) => !add.isPending && setAdding(o)}
        title="Add System Policy"
        width={640}
        footer={
          <>
            <button type="button" className="btn btn-primary" disabled={picked.length === 0 || add.isPending} onClick={addPicked}>
              OK
            </button>
            <button type="button" className="btn" disabled={add.isPending} onClick={() => setAdding(false)}>
              Cancel
            </button>
          </>
        }
      >
        <p className="mb-2 text-text-3">{REPROVISION_NOTE}</p>
        <SystemPolicyPicker selected={picked} onChange={setPicked} exclude={c.systemPolicies} max={Math.max(0, room)} />
      </Dialog>
      <ConfirmDialog
        open={removing !== null}
        onOpenChange={(o) => !o && setRemoving(null)}
        title="Remove System Policy"
        message={
          <>
            Remove system policy <strong>{removing?.name}</strong> from access configuration {c.name}? {REPROVISION_NOTE}
          </>
        }
        onConfirm={async () => {
          if (removing) await runWithToast(() => remove.mutateAsync({ id: c.id, type: "System", name: removing.name }), "System policy removed.");
        }}
      />
      <ConfirmDialog
        open={deletingInline}
        onOpenChange={setDeletingInline}
        title="Delete Inline Policy"
        danger
        message={`Delete the inline policy of access configuration ${c.name}? ${REPROVISION_NOTE}`}
        onConfirm={async () => {
          if (inline) await runWithToast(() => remove.mutateAsync({ id: c.id, type: "Inline", name: inline.name }), "Inline policy deleted.");
        }}
      />
      {inlineOpen && <InlinePolicyDialog c={c} open={inlineOpen} onOpenChange={setInlineOpen} />}
    </div>
  );
}

function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
