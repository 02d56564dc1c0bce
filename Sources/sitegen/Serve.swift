import ArgumentParser
import Foundation
import SitegenServer

extension Sitegen {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build the site into a preview folder, serve it, and rebuild and reload open pages on every change.")

        @OptionGroup var site: SourceOptions
        @OptionGroup var stray: StrayFolder
        @Option(help: "The address to listen on (loopback by default; 0.0.0.0 exposes the preview to the network).")
        var host = "127.0.0.1"
        // Unconditional, so that `--port -1` is read as a number and refused as one, not as a missing value.
        @Option(name: [.customShort("p"), .long], parsing: .unconditional, help: "The port to listen on.") var port = 8080
        @Flag(name: [.customShort("D"), .long], help: "Include drafts.") var drafts = false

        func validate() throws {
            try stray.check("serve", flags: ["-D", "--drafts"])
            guard (1...65535).contains(port) else { throw ValidationError("--port must be between 1 and 65535") }
        }

        func run() async throws {
            try site.requireSite()
            do {
                try await PreviewServer.run(source: site.source, host: host, port: port, drafts: drafts) { line in
                    printToStandardError(line)
                }
            } catch let failure as PreviewServer.Failure {
                printToStandardError(failure.description)
                throw ExitCode.failure
            }
        }
    }
}
