import Foundation
import Testing

@testable import SitegenKit

/// The site in the repository's `Content/` builds cleanly, and every citation works both ways.
struct ShippedSiteTests {
    let repository = fixturesFolder.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `sitegen check` with `uncited: error` (as `sitegen.yml` sets it): every body paragraph cites a source, and
    /// no cited source is retracted.
    @Test func passesTheCheckWithEveryParagraphCited() async throws {
        let rendered = try await BuildPipeline(BuildOptions(source: repository.path)).render()
        #expect(rendered.settings.uncited == .error)
        let diagnostics = await SiteChecker(today: try #require(ReviewDate("2026-11-30"))).check(rendered)
        #expect(!diagnostics.hasErrors, "\(diagnostics.filter(\.isError))")
    }

    @Test func buildsWithoutDiagnosticsAndLinksEveryMarkerBothWays() async throws {
        // In a folder of its own, which goes whole: what a build keeps beside its output (the spare, the lock) too.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-shipped-\(UUID().uuidString)")
        let output = folder.appendingPathComponent("Output")
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = await BuildPipeline(BuildOptions(source: repository.path, output: output.path)).run()
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")

        let articles = try FileManager.default.subpathsOfDirectory(atPath: output.path).filter {
            $0.hasSuffix("/index.html") && !$0.hasPrefix("topics") && $0.split(separator: "/").count == 3
        }
        #expect(articles.count == 6)
        var referenceCount = 0
        for path in articles {
            let page = try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
            let ids = Set(Self.matches(#"id="([^"]+)""#, in: page))
            let markerTargets = Self.matches(#"<sup class="citation" id="[^"]+">.*?</sup>"#, in: page).flatMap {
                Self.matches(##"href="#([^"]+)""##, in: $0)
            }
            #expect(!markerTargets.isEmpty, "\(path) has no citations")
            #expect(markerTargets.allSatisfy(ids.contains), "\(path): a marker points nowhere")
            let entries = Self.matches(#"<li id="(ref-[^"]+)">"#, in: page)
            referenceCount += entries.count
            #expect(Set(markerTargets).isSuperset(of: entries), "\(path): a listed reference is never cited")
            let backlinks = Self.matches(#"<span class="backlinks">.*?</span></li>"#, in: page).flatMap {
                Self.matches(##"href="#([^"]+)""##, in: $0)
            }
            #expect(backlinks.allSatisfy(ids.contains) && backlinks.count >= entries.count, "\(path): a back-link points nowhere")
            #expect(!page.contains("[@"), "\(path) has an unresolved marker")
            #expect(page.contains("What to ask your doctor") && page.contains("not individual medical advice"))
        }
        #expect(referenceCount >= 40)
    }

    static func matches(_ pattern: String, in text: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators]) else { return [] }
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            let range = match.numberOfRanges > 1 ? match.range(at: 1) : match.range
            return Range(range, in: text).map { String(text[$0]) }
        }
    }
}
