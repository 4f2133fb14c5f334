"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { z } from "zod";
import { Dialog, FormDialogFooter } from "@/components/dialog";
import { FormField } from "@/components/form-field";
import { useCreateUnit, useMoveUnit, useRenameUnit } from "@/lib/client/idaas-directory";
import { unitMoveSchema, unitRenameSchema } from "@/lib/idaas/schemas";
import { showServerErrors } from "@/components/server-errors";
import { UnitSelect } from "./unit-select";
import { subtreeIds, type UnitTreeNode } from "./unit-tree";

type NameValues = z.input<typeof unitRenameSchema>;

/** Create a child unit under `parent`, or rename `unit`. */
export function UnitNameDialog({
  instanceId,
  mode,
  unit,
  onClose,
}: {
  instanceId: string;
  mode: "create" | "rename";
  /** create: the parent; rename: the unit itself */
  unit: UnitTreeNode;
  onClose: (createdId?: string) => void;
}) {
  const create = useCreateUnit(instanceId);
  const rename = useRenameUnit(instanceId);
  const form = useForm<NameValues, unknown, z.output<typeof unitRenameSchema>>({
    resolver: zodResolver(unitRenameSchema),
    defaultValues: { name: mode === "rename" ? unit.name : "" },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      if (mode === "create") {
        const created = await create.mutateAsync({ name: values.name, parentId: unit.id });
        toast.success(`Organizational unit "${created.name}" created.`);
        onClose(created.id);
      } else {
        await rename.mutateAsync({ unitId: unit.id, name: values.name });
        toast.success("Organizational unit renamed.");
        onClose();
      }
    } catch (err) {
      showServerErrors(err, form.setError, ["name"]);
    }
  });

  return (
    <Dialog
      open
      onOpenChange={(o) => !o && onClose()}
      title={mode === "create" ? "Create Organizational Unit" : "Rename Organizational Unit"}
      footer={<FormDialogFooter form="unit-name-form" busy={isSubmitting} onCancel={onClose} />}
    >
      <form id="unit-name-form" onSubmit={onSubmit} noValidate>
        {mode === "create" && (
          <p className="mb-4 text-text-2">
            Parent unit: <span className="text-text">{unit.path}</span>
          </p>
        )}
        <FormField label="Organizational Unit Name" required error={errors.name?.message}>
          {(p) => <input {...p} className="input" autoFocus {...form.register("name")} />}
        </FormField>
      </form>
    </Dialog>
  );
}

/** Move `unit` under another parent; its own subtree is not offered (and the server refuses it). */
export function UnitMoveDialog({
  instanceId,
  unit,
  units,
  onClose,
}: {
  instanceId: string;
  unit: UnitTreeNode;
  units: UnitTreeNode[];
  onClose: () => void;
}) {
  const move = useMoveUnit(instanceId);
  const form = useForm<z.input<typeof unitMoveSchema>, unknown, z.output<typeof unitMoveSchema>>({
    resolver: zodResolver(unitMoveSchema),
    defaultValues: { parentId: "" },
  });
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await move.mutateAsync({ unitId: unit.id, parentId: values.parentId });
      toast.success(`"${unit.name}" moved.`);
      onClose();
    } catch (err) {
      showServerErrors(err, form.setError, ["parentId"]);
    }
  });
  return (
    <Dialog
      open
      onOpenChange={(o) => !o && onClose()}
      title="Move Organizational Unit"
      footer={<FormDialogFooter form="unit-move-form" busy={isSubmitting} onCancel={onClose} />}
    >
      <form id="unit-move-form" onSubmit={onSubmit} noValidate>
        <p className="mb-4 text-text-2">
          Move <span className="text-text">{unit.path}</span> and everything under it.
        </p>
        <FormField label="New Parent Unit" required error={errors.parentId?.message}>
          {(p) => (
            <UnitSelect
              {...p}
              units={units}
              exclude={new Set([...subtreeIds(unit), ...(unit.parentId ? [unit.parentId] : [])])}
              placeholder="Select the new parent unit"
              {...form.register("parentId")}
            />
          )}
        </FormField>
      </form>
    </Dialog>
  );
}
