import { ReconciliationSection } from "../../../components/reconciliation/reconciliation-section"

const ReconciliationPage = () => <ReconciliationSection />

export const handle = {
  breadcrumb: () => "Reconciliation",
}

export default ReconciliationPage
