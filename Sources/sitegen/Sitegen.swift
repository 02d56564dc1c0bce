import ArgumentParser
import Foundation
import SitegenKit

@main
struct Sitegen: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Publish evidence-based articles as a static site.",
        subcommands: [Build.self, Serve.self, Check.self, New.self])
}

/// The site folder option shared by the subcommands.
struct SourceOptions: ParsableArguments {
    @Option(help: "The site folder (holding Content/, Templates/, Public/ and sitegen.yml).")
    var source = "."
}

func printToStandardError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
