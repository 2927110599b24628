import { ExportHistorySection } from "../../../components/exports/export-history-section"

const ExportsPage = () => <ExportHistorySection />

export const handle = {
  breadcrumb: () => "Export History",
}

export default ExportsPage
