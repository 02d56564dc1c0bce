import ArgumentParser
import Foundation
import SitegenKit

extension Sitegen {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Start a new site: sitegen.yml, an example article with a citation, its bibliography, .gitignore and a GitHub Pages workflow.",
            discussion: "Writes only into a new or empty folder, or a repository just made (.git, a README, a licence, a .gitignore).")

        @Argument(help: "The folder of the new site.") var folder = "."
        @Option(name: [.customShort("b"), .customLong("base-url")], help: "The URL the site will be published at.")
        var baseURL: String?

        func run() throws {
            let root = URL(fileURLWithPath: folder).standardizedFileURL
            do {
                let written = try NewSite(baseURL: baseURL).write(into: root)
                print("Created a site in \(root.path): \(written.joined(separator: ", "))")
                // A folder with spaces or quotes is quoted for the shell; the current folder needs no `cd`.
                let plain = folder.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._/-".contains($0)) }
                let cd = folder == "." ? "" : "cd " + (plain ? folder : "'" + folder.replacingOccurrences(of: "'", with: "'\\''") + "'") + " && "
                print("Next: \(cd)sitegen serve   (then edit Content/; `sitegen build` publishes to Output/)")
                if baseURL == nil { print("Set baseURL in sitegen.yml to the address the site will be published at.") }
            } catch {
                printToStandardError(error.description)
                throw ExitCode(2)
            }
        }
    }

    struct Templates: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy the built-in templates out as a starting point (Templates/ of the site by default).",
            discussion: "A file in Templates/ replaces the built-in template of its name. Writes nothing when any of them exists.")

        @OptionGroup var site: SourceOptions
        @OptionGroup var stray: StrayFolder
        @Option(name: [.customShort("o"), .long], help: "The folder to write them to (default: <source>/Templates).") var output: String?

        func validate() throws {
            try stray.check("templates", flags: [])
        }

        func run() throws {
            let folder = URL(fileURLWithPath: output ?? (site.source + "/Templates")).standardizedFileURL
            do {
                // Into a site's Templates/, as `build` and `new` take only a site; anywhere with --output.
                if output == nil { try BuildPipeline.checkSiteFolder(URL(fileURLWithPath: site.source).standardizedFileURL) }
                let written = try TemplateExport.write(into: folder)
                print("Wrote \(written.count) templates to \(folder.path): \(written.joined(separator: ", "))")
            } catch {
                printToStandardError(error.description)
                throw ExitCode(2)
            }
        }
    }
}

enum SitegenVersion {
    static let current = "0.6.0"
}
