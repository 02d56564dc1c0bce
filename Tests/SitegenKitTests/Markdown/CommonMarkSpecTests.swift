import Foundation
import Testing

@testable import SitegenKit

/// Every example of the CommonMark 0.30 spec goes through the whole build (one article per example,
/// a template of just `{{{body}}}`), and the page must be exactly the spec's HTML, as cmark 0.30.2 renders it.
struct CommonMarkSpecTests {
    struct Example: Decodable {
        var markdown: String
        var html: String
        var example: Int
    }

    @Test func allExamplesThroughThePipeline() async throws {
        let data = try Data(contentsOf: fixturesFolder.appendingPathComponent("commonmark/commonmark-spec-0.30.json"))
        let examples = try JSONDecoder().decode([Example].self, from: data)
        #expect(examples.count == 652)
        var files = ["sitegen.yml": "markdown:\n  unsafe: true\n", "Templates/article.mustache": "{{{body}}}"]
        for example in examples {
            files["Content/ex\(example.example).md"] = "---\ntitle: Example \(example.example)\n---\n" + example.markdown
        }
        let site = try TestSite(files)
        defer { site.remove() }
        let report = await site.build()
        #expect(!report.hasErrors, "\(report.diagnostics)")
        var failures: [Int] = []
        for example in examples where (try? site.read("ex\(example.example)/index.html")) != example.html {
            failures.append(example.example)
        }
        #expect(failures.isEmpty, "examples that differ from cmark: \(failures)")
    }
}
