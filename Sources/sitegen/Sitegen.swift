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
        // `sitegen help biuld` too (the parser would print the general help and exit 0).
        let named = arguments.first == "help" ? arguments.dropFirst().first : arguments.first
        if let first = named, !first.hasPrefix("-"), !commands.contains(first), first != "help" {
            // Hugo's and Zola's `version` command is an option here.
            if first == "version" {
                printToStandardError("Error: Unknown command 'version'. Did you mean 'sitegen --version'?\n  See 'sitegen --help' for more information.")
                Foundation.exit(ExitCode.validationFailure.rawValue)
            }
            let hint = Suggestion.nearest(to: first, among: commands + ["help"]).map { " Did you mean '\($0)'?" } ?? " The commands are \(commands.joined(separator: ", "))."
            printToStandardError("Error: Unknown command '\(first)'.\(hint)\nUsage: sitegen <subcommand>\n  See 'sitegen --help' for more information.")
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
        if let command = arguments.first, commands.contains(command) {
            for argument in arguments.dropFirst().prefix(while: { $0 != "--" }) {
                guard let hint = ForeignOption.hint(argument, command: command) else { continue }
                printToStandardError("Error: Unknown option '\(argument.split(separator: "=")[0])'. \(hint)\n  See 'sitegen \(command) --help' for more information.")
                Foundation.exit(ExitCode.validationFailure.rawValue)
            }
        }
        await main(arguments)
    }
}

/// Options of the generators sitegen's users come from (Hugo's, Zola's, Jekyll's) that sitegen spells otherwise or
/// has no need of: what a user of theirs is told instead of the parser's bare "Unknown option".
enum ForeignOption {
    /// What to write instead of `argument` (`--destination public`, `--baseURL=…`) in `command`; nil for any other.
    static func hint(_ argument: String, command: String) -> String? {
        guard argument.hasPrefix("-") else { return nil }
        // `sitegen new "-5 kg in a week?"`: a question that starts with a dash, read as an option.
        if command == "new", argument.contains(" ") || argument.hasSuffix("?") || argument.dropFirst().first?.isNumber == true {
            return "A question that starts with '-' is read as an option; put -- before it: sitegen new -- \"\(argument)\""
        }
        let name = String(argument.split(separator: "=", maxSplits: 1)[0])
        // `--baseURL`, `--base_url`: sitegen's own option in other case or with another separator.
        let plain = name.drop { $0 == "-" }.lowercased().filter { $0 != "-" && $0 != "_" }
        switch (plain, command) {
        case ("baseurl", "build"), ("baseurl", "check"), ("baseurl", "init"):
            return name == "--base-url" ? nil : "Did you mean '--base-url'?"
        case ("baseurl", "serve"):
            return "sitegen serve previews the site at its own address, http://HOST:PORT/; the published address is baseURL in sitegen.yml, or --base-url of sitegen build"
        default: break
        }
        switch (name, command) {
        case ("--destination", "build"), ("-d", "build"), ("--output-dir", "build"), ("--destination", "templates"), ("--output-dir", "templates"):
            return "Did you mean '--output'? (\(origin(name))'s \(name) is sitegen's --output)"
        case ("--destination", "serve"), ("-d", "serve"), ("--output-dir", "serve"), ("-o", "serve"), ("--output", "serve"):
            return "sitegen serve builds into a private preview folder and never writes the output folder; sitegen build --output DIR writes the site"
        case ("--buildDrafts", "build"), ("--buildDrafts", "serve"), ("--buildDrafts", "check"):
            return "Did you mean '--drafts'? (Hugo's --buildDrafts is sitegen's --drafts, or -D)"
        case ("--bind", "serve"), ("--interface", "serve"):
            return "Did you mean '--host'? (\(origin(name))'s \(name) is sitegen's --host; it listens on 127.0.0.1 unless told otherwise)"
        case ("--root", _):
            return "Did you mean '--source'? (Zola's --root is sitegen's --source, the site folder)"
        case ("--watch", "build"), ("-w", "build"):
            return "sitegen build writes the site once; sitegen serve rebuilds it on every change and previews it"
        case ("--watch", "serve"), ("-w", "serve"):
            return "sitegen serve always watches the site and rebuilds it on every change; no option is needed"
        case ("--port", "build"), ("-p", "build"), ("--port", "check"), ("--host", "build"), ("--host", "check"):
            return "\(name) is an option of sitegen serve, which previews the site; sitegen \(command) runs no server"
        case ("--config", _):
            return "sitegen reads its settings from sitegen.yml in the site folder, which --source gives"
        default:
            break
        }
        // A typo of one of them (`--destinaton`, `--basURL`), unless it is sitegen's own option written otherwise.
        guard name.count >= 8, plain != "baseurl", let meant = Suggestion.nearest(to: name, among: typedOften), meant != name else { return nil }
        return hint(meant, command: command)
    }

    /// The longer of the names above: one of these mistyped is taken for it.
    private static let typedOften = ["--destination", "--output-dir", "--buildDrafts", "--interface", "--baseURL"]

    private static func origin(_ name: String) -> String {
        switch name {
        case "--output-dir", "--interface", "--root": "Zola"
        default: "Hugo"
        }
    }
}

/// The site folder option shared by the subcommands.
struct SourceOptions: ParsableArguments {
    @Option(name: [.customShort("s"), .long], help: "The site folder (holding Content/, Templates/, Public/ and sitegen.yml).")
    var source = "."

    /// Refuses a site folder that is missing or holds neither sitegen.yml nor Content/ as `build` refuses it: the
    /// error, and exit 2 (a site's own problems exit 1).
    func requireSite() throws {
        guard let refusal = siteRefusal() else { return }
        printToStandardError(refusal.description)
        throw ExitCode(2)
    }

    /// Why the site folder is refused, or nil when it is a site.
    func siteRefusal() -> Diagnostic? {
        do throws(Diagnostic) {
            try BuildPipeline.checkSiteFolder(URL(fileURLWithPath: source).standardizedFileURL)
            return nil
        } catch {
            return error
        }
    }
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
           arguments[position - 1] != "--", !flags.contains(arguments[position - 1]) { return }
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
