import Foundation

/// What a build does when it is interrupted (Ctrl-C, `kill`, its terminal closed) while its staging folder exists:
/// the folder, a whole second copy of the site, becomes the spare beside the output (the next build rewrites it)
/// instead of staying beside it under a name of its own; the output is as it was. Without it, the next build still found and kept the
/// staging folder (``OutputWriter/recover()``), but until then it was left there.
struct Interruption {
    private let sources: [any DispatchSourceSignal]
    /// The signals caught: SIGINT, SIGTERM and SIGHUP, but one that was ignored when the build started (`nohup`
    /// ignores SIGHUP, a shell script's background job SIGINT), which stays ignored.
    private let caught: [Int32]

    /// Catches SIGINT, SIGTERM and SIGHUP until ``end()``: on any, `staging` is renamed to `spare` when nothing has
    /// that name, and the process exits at once (128 + the signal: 130 for Ctrl-C, as a shell reports an interrupt).
    /// Made before the staging folder is (``OutputWriter/makeStaging(at:)``): a signal before it exists leaves the
    /// spare where it is, and one while it is a new folder without sitegen's marker yet (so empty) removes it.
    init(staging: URL, spare: URL) {
        let (stagingPath, sparePath) = (staging.path, spare.path)
        // Ignored first, as Dispatch asks: set after the source, it would undo what the source set up to catch it.
        caught = [SIGINT, SIGTERM, SIGHUP].filter { number in
            let previous = signal(number, SIG_IGN)
            return previous.map { unsafeBitCast($0, to: Int.self) } != unsafeBitCast(SIG_IGN, to: Int.self)
        }
        sources = caught.map { number in
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global(qos: .userInteractive))
            source.setEventHandler {
                var status = stat()
                if lstat(sparePath, &status) != 0 {
                    if OutputClaim.isMarked(stagingPath) { rename(stagingPath, sparePath) } else { rmdir(stagingPath) }
                }
                _exit(128 + number)
            }
            source.resume()
            return source
        }
    }

    /// Lets the signals caught do what they do by default again.
    func end() {
        for source in sources { source.cancel() }
        for number in caught { signal(number, SIG_DFL) }
    }
}
