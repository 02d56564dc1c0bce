import ArgumentParser
import Foundation
import SitegenKit

extension Sitegen {
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build the site in memory and report broken links and anchors, unused references and articles due for review.",
            discussion: "Writes nothing. Exits 1 when the build, a link or a retracted source fails (and on uncited paragraphs with"
                + " check: {uncited: error}); unused references and old review dates are warnings. Links, references, review dates"
                + " and the evidence (retracted sources, uncited paragraphs, identifiers, publication dates) are checked once the build"
                + " has no errors.")

        @OptionGroup var site: SourceOptions
        @OptionGroup var stray: StrayFolder
        @Flag(name: [.customShort("D"), .long], help: "Include drafts.") var drafts = false
        @Option(name: [.customShort("b"), .customLong("base-url")], help: "The URL the site is published at (overrides sitegen.yml).")
        var baseURL: String?
        /// Taken whatever follows it, so that a negative number (`-3`) is told it must be positive, not read as an option.
        @Option(name: .customLong("review-age"), parsing: .unconditional, help: "Warn about articles reviewed more than this many months ago.")
        var reviewAge = 12
        @Option(help: .hidden) var today: String?
        @Flag(name: .customLong("warnings-as-errors"), help: "Exit 1 on warnings too.") var warningsAsErrors = false

        func validate() throws {
            try stray.check("check", flags: ["-D", "--drafts", "--warnings-as-errors"])
            guard reviewAge > 0 else { throw ValidationError("--review-age must be a positive number of months") }
            if let today, ReviewDate(today) == nil { throw ValidationError("--today must be a date written YYYY-MM-DD") }
        }

        func run() async throws {
            try site.requireSite()
            // One day for every check that compares with today: the build's of a date in the future and the review's.
            let day = today.flatMap(ReviewDate.init) ?? .today()
            let options = BuildOptions(source: site.source, includeDrafts: drafts, baseURL: baseURL, today: day)
            var diagnostics: [Diagnostic]
            // With errors in the build, the pages of the articles that failed are missing: links to them would all be
            // broken. The review waits (the evidence's too: an article that failed is not in it), and the summary says so.
            var reviewed = false
            do {
                let rendered = try await BuildPipeline(options).render()
                diagnostics = rendered.diagnostics
                if !diagnostics.hasErrors {
                    reviewed = true
                    let checker = SiteChecker(maximumReviewAgeMonths: reviewAge, today: day)
                    diagnostics += await checker.check(rendered)
                }
            } catch {
                diagnostics = [error]
            }
            // A site published without its address has a broken feed and sitemap: an error for a review.
            diagnostics = diagnostics.map { diagnostic in
                var diagnostic = diagnostic
                if diagnostic.code == .relativeBaseURL || diagnostic.code == .placeholderBaseURL { diagnostic.severity = .error }
                return diagnostic
            }
            diagnostics = await CharacterColumns.converting(diagnostics.sortedCausesFirst(), root: options.source)
            for diagnostic in diagnostics { printToStandardError(diagnostic.shown(siteFolder: site.source)) }
            let errors = diagnostics.filter(\.isError).count
            let warnings = diagnostics.count - errors
            print("Checked \(site.source): \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
                + (reviewed
                    ? ""
                    : "; links, unused references, review dates and the evidence (retracted sources, uncited paragraphs, identifiers,"
                        + " publication dates) are checked once the build has no errors"))
            if errors > 0 || (warningsAsErrors && warnings > 0) { throw ExitCode.failure }
        }
    }

    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Start a new article: Content/<topic>/<slug>.md with front matter, as a draft.")

        /// Its words, quoted or not (`sitegen new Do statins cause muscle pain`).
        @Argument(help: ArgumentHelp("The question the article answers, e.g. \"Do statins cause muscle pain?\"", valueName: "question"))
        var words: [String]
        var title: String { words.joined(separator: " ") }
        @Option(help: "The topic, e.g. Oncology; the article goes to Content/<topic>/.") var topic: String?
        @OptionGroup var site: SourceOptions

        func run() throws {
            do {
                let (path, respelled) = try NewArticle(title: title, topic: topic).write(into: URL(fileURLWithPath: site.source))
                // Named as messages name a site's files: from the folder the command ran in (`mysite/Content/…` for -s mysite).
                print("Created \(Diagnostic.path(path, shownFrom: site.source)) (a draft: build it with --drafts; set draft: false to publish)")
                if let respelled { print("Its topic is written '\(respelled)', as the other articles of its folder spell it.") }
            } catch {
                // The question is read first (`sitegen new site mysite` says what to write), then the folder, which is
                // refused as `build` refuses it (exit 2); any other mistake exits 1.
                printToStandardError(error.description)
                throw error == site.siteRefusal() ? ExitCode(2) : ExitCode.failure
            }
        }
    }
}
