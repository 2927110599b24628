import { SyncLogSection } from "../../../components/sync-log/sync-log-section"

const SyncLogPage = () => <SyncLogSection />

export const handle = {
  breadcrumb: () => "Sync Log",
}

export default SyncLogPage
