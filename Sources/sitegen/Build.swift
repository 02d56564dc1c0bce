import ArgumentParser
import Foundation
import SitegenKit

extension Sitegen {
    struct Build: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Build the site into the output folder.")

        @OptionGroup var site: SourceOptions
        @OptionGroup var stray: StrayFolder
        @Option(name: [.customShort("o"), .long], help: "The output folder (default: <source>/Output).") var output: String?
        @Flag(name: [.customShort("D"), .long], help: "Include drafts.") var drafts = false
        @Option(name: [.customShort("b"), .customLong("base-url")], help: "The URL the site is published at (overrides sitegen.yml).")
        var baseURL: String?
        @Flag(help: "Replace an output folder that sitegen did not make (never the site folder, Content/, Templates/ or Public/).")
        var force = false

        func validate() throws { try stray.check("build", flags: ["-D", "--drafts", "--force"], takesOutput: output == nil) }

        func run() async throws {
            let options = BuildOptions(source: site.source, output: output, includeDrafts: drafts, baseURL: baseURL, force: force)
            let report = await BuildPipeline(options).run()
            for diagnostic in await CharacterColumns.converting(report.diagnostics, root: options.source) {
                printToStandardError(diagnostic.shown(siteFolder: site.source))
            }
            if report.refused {
                printToStandardError("Nothing was built or changed.")
                throw ExitCode(2)
            }
            if report.hasErrors {
                let count = report.diagnostics.filter(\.isError).count
                let outcome = FileManager.default.fileExists(atPath: options.output.path) ? "\(options.output.path) was left as it was" : "nothing was written"
                printToStandardError("Build failed with \(count) error\(count == 1 ? "" : "s"); \(outcome).")
                throw ExitCode.failure
            }
            print(report.summary)
        }
    }
}
