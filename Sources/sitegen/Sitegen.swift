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

/// A folder given without its option (`sitegen build site`, as `sitegen init site` takes it): the parser's
/// "Unexpected argument" says what to write instead.
struct StrayFolder: ParsableArguments {
    @Argument(help: .hidden) var values: [String] = []

    /// - Parameters:
    ///   - command: the subcommand, for the line to write.
    ///   - flags: the command's options that take no value (`-D`, `--force`): what follows one of them is stray.
    ///   - takesOutput: whether an output folder may be what was meant (`build` without `--output`).
    func check(_ command: String, flags: Set<String>, takesOutput: Bool = false) throws {
        guard let value = values.first else { return }
        // `--ouput x`: the value of a mistyped option, for which the parser's own "Unknown option '--ouput'. Did you
        // mean '--output'?" says more.
        let arguments = CommandLine.arguments
        if let position = arguments.firstIndex(of: value), position > 0, arguments[position - 1].hasPrefix("-"),
           !flags.contains(arguments[position - 1]) { return }
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: value, isDirectory: &isFolder)
        var message = "unexpected argument '\(value)'"
        if exists, isFolder.boolValue {
            let url = URL(fileURLWithPath: value).standardizedFileURL
            // The folder itself, or the site it is in (`Content`, `Content/cardiology`).
            var site: URL? = url
            while let folder = site, !SiteLayout.isSite(folder) {
                site = folder.path == "/" ? nil : folder.deletingLastPathComponent()
            }
            if let site, site == url {
                message += "; the site folder is given with --source: sitegen \(command) --source \(Self.quoted(value))"
            } else if let site {
                message += "; '\(value)' is a folder inside the site: give the site folder with --source, sitegen \(command) --source \(Self.quoted(Self.shown(site)))"
            } else {
                message += "; no site is there (no sitegen.yml or Content/): give the site folder with --source (-s DIR)"
            }
        } else if takesOutput, !exists {
            message += "; the output folder is given with --output (sitegen build --output \(Self.quoted(value))), the site folder with --source"
        } else {
            message += "; \(exists ? "it is not a folder" : "no such folder"): the site folder is given with --source (-s DIR)"
        }
        throw ValidationError(message)
    }

    /// A folder relative to the current one when it is that folder or one inside it, otherwise its whole path.
    private static func shown(_ folder: URL) -> String {
        let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path
        if folder.path == current { return "." }
        return folder.path.hasPrefix(current + "/") ? String(folder.path.dropFirst(current.count + 1)) : folder.path
    }

    /// A path as a shell takes it: quoted when it has a character the shell would read.
    static func quoted(_ path: String) -> String {
        path.allSatisfy { $0.isLetter || $0.isNumber || "/._-~".contains($0) } ? path : "'" + path.replacing("'", with: "'\\''") + "'"
    }
}

func printToStandardError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
