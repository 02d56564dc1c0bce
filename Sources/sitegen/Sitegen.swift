import ArgumentParser
import Foundation
import SitegenKit

@main
struct Sitegen: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Publish evidence-based articles as a static site.",
        version: SitegenVersion.current,
        subcommands: [Init.self, Build.self, Serve.self, Check.self, New.self, Templates.self])
}

/// The site folder option shared by the subcommands.
struct SourceOptions: ParsableArguments {
    @Option(name: [.customShort("s"), .long], help: "The site folder (holding Content/, Templates/, Public/ and sitegen.yml).")
    var source = "."
}

func printToStandardError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
