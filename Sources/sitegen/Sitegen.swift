import ArgumentParser
import Foundation
import SitegenKit

@main
struct Sitegen: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Publish evidence-based articles as a static site.",
        version: SitegenVersion.current,
        subcommands: [Init.self, Build.self, Serve.self, Check.self, New.self, Templates.self])

    /// Suggests the command a mistyped one was meant to be (`sitegen biuld`), as the parser does for options.
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let commands = configuration.subcommands.map { $0._commandName }
        if let first = arguments.first, !first.hasPrefix("-"), !commands.contains(first), first != "help" {
            let hint = Suggestion.nearest(to: first, among: commands + ["help"]).map { " Did you mean '\($0)'?" } ?? " The commands are \(commands.joined(separator: ", "))."
            printToStandardError("Error: Unknown command '\(first)'.\(hint)\nUsage: sitegen <subcommand>\n  See 'sitegen --help' for more information.")
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
        await main(arguments)
    }
}

/// The site folder option shared by the subcommands.
struct SourceOptions: ParsableArguments {
    @Option(name: [.customShort("s"), .long], help: "The site folder (holding Content/, Templates/, Public/ and sitegen.yml).")
    var source = "."
}

func printToStandardError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
