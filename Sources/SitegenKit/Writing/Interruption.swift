import Foundation

/// What a build does when it is interrupted (Ctrl-C, `kill`) while its staging folder exists: the folder, a whole
/// second copy of the site, becomes the spare beside the output (the next build rewrites it) instead of staying
/// beside it under a name of its own; the output is as it was. Without it, the next build still found and kept the
/// staging folder (``OutputWriter/recover()``), but until then it was left there.
struct Interruption {
    private let sources: [any DispatchSourceSignal]

    /// Catches SIGINT and SIGTERM until ``end()``: on either, `staging` is renamed to `spare` when nothing has that
    /// name, and the process exits at once (130, as a shell reports an interrupt).
    init(staging: URL, spare: URL) {
        let (stagingPath, sparePath) = (staging.path, spare.path)
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global(qos: .userInteractive))
            source.setEventHandler {
                var status = stat()
                if lstat(sparePath, &status) != 0 { rename(stagingPath, sparePath) }
                _exit(128 + number)
            }
            source.resume()
            return source
        }
    }

    /// Lets the signals do what they do by default again.
    func end() {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
