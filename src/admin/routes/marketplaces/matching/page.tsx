import { MatchingSection } from "../../../components/matching/matching-section"

const MatchingPage = () => <MatchingSection />

export const handle = {
  breadcrumb: () => "Matching",
}

export default MatchingPage
