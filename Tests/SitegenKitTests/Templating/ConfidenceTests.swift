import Foundation
import Testing

@testable import SitegenKit

/// The confidence badge comes with what it means, which a reader opens without JavaScript.
struct ConfidenceTests {
    @Test(arguments: FrontMatter.Confidence.allCases)
    func theBadgeIsExplainedOnThePage(confidence: FrontMatter.Confidence) async throws {
        let site = try TestSite(["Content/a.md": article("A", "Text.\n", extra: "confidence: \(confidence.rawValue)\n")])
        defer { site.remove() }
        let report = await site.build()
        #expect(!report.hasErrors, "\(report.diagnostics)")
        let page = try site.read("a/index.html")
        #expect(page.contains("<details class=\"confidence-help\"><summary>What does \(confidence.rawValue) confidence mean?</summary><p>\(confidence.explanation)</p></details>"))
    }

    @Test func noBadgeNoExplanation() async throws {
        let site = try TestSite(["Content/a.md": article("A", "Text.\n")])
        defer { site.remove() }
        _ = await site.build()
        #expect(try !site.read("a/index.html").contains("confidence-help"))
    }
}
