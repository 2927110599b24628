/** The trigger every Force Reconcile push carries in the Sync Log. */
export const forceReconcileTrigger = "force_reconcile"
